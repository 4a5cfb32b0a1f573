/**
 * One candidate of `npm run demo:election`, in its own process so the demo can SIGKILL it:
 * leads the election whenever elected and prints one JSON line per event (`standing-by`,
 * `elected`, `demoted`) on stdout. `node --import tsx election-candidate.ts ENDPOINT TABLE NAME`.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { Election } from '../../runtime/src/election/index.js';
import { LockClient } from '../../runtime/src/index.js';

const [endpoint, tableName, name] = process.argv.slice(2) as [string, string, string];
const say = (event: object) => process.stdout.write(`${JSON.stringify({ ...event, at: performance.timeOrigin + performance.now() })}\n`);
const ddb = new DynamoDBClient({
  endpoint,
  region: 'local',
  credentials: { accessKeyId: 'demo', secretAccessKey: 'demo' },
  maxAttempts: 1,
});
const client = new LockClient({ tableName, client: ddb, ownerName: name, leaseMs: 1_500, heartbeatMs: 300, pollMs: 150 });
const election = new Election(client, 'scheduler', { data: name });
say({ event: 'standing-by' });
// Leads until killed; the demo's SIGKILL is the only way out.
void election.lead(async (term) => {
  say({ event: 'elected', fence: term.fence });
  term.on('lost', (error) => say({ event: 'demoted', fence: term.fence, reason: error.reason }));
  await new Promise<void>((resolve) => term.signal.addEventListener('abort', () => resolve(), { once: true }));
});
