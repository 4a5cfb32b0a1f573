export { Election } from './election.js';
export { ELECTION_KEY_PREFIX, electionKey, electionName } from './election-key.js';
export type { CampaignOptions, ElectionOptions, LeaderWork, LeadOptions, ObserveOptions } from './election-options.js';
export type { Leader, ObservedLeader } from './leader.js';
