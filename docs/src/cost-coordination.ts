import type { Measurements } from './capacity.ts';
import { billedUnits, type OperationCapacity } from './capacity-recorder.ts';
import { num, onDemand, operation, PARTITION_LIMITS, requestRows, TABLE_HEAD, type Units, unitsOf, usd } from './cost-units.ts';

const { wcuPerSecond: W, rcuPerSecond: R } = PARTITION_LIMITS;

/** The key count and read units of the (first) BatchGetItem an operation sent: one wait poll. */
function pollUnits(op: OperationCapacity): { keys: number; rcu: number } {
  const poll = op.requests.find((r) => r.command === 'BatchGetItem');
  if (!poll?.keys) throw new Error(`${op.operation}: no BatchGetItem measured`);
  return { keys: poll.keys, rcu: billedUnits(poll) };
}

/**
 * The cost page's sections on the semaphore and the election: their measured operations, what a million
 * grants and an hour of waiting or leading cost, and the limits one partition's throughput sets for a
 * semaphore of N permits and for an election — every figure from the measurement or computed here from it.
 *
 * @example
 * ```ts
 * const markdown = coordinationSections(await measureCapacity());
 * ```
 */
export function coordinationSections(m: Measurements): string {
  return `## Semaphores and elections\n\n${semaphoreSection(m)}\n${electionSection(m)}`;
}

function semaphoreSection(m: Measurements): string {
  const { small, large, held } = m.permits;
  const sem = (prefix: string) => operation(m.semaphore, `semaphore: ${prefix}`);
  const free = unitsOf(sem('acquire, semaphore free').requests);
  const contended = unitsOf(sem(`acquire, ${held} of ${small} held`).requests);
  const release = unitsOf(sem('release').requests);
  const heartbeat = unitsOf(sem('heartbeat').requests);
  const polls = [small, large].map((n) => ({ n, ...pollUnits(sem(`waiting acquire, all ${n} held`)) }));
  const [smallPoll, largePoll] = polls as [(typeof polls)[0], (typeof polls)[0]];
  const { heartbeatMs, pollMs } = m.defaults;
  const pollsPerHour = 3_600_000 / pollMs;
  // A contended grant cycle: the refused write on permit 0, the write on a free permit, the release.
  const cycleWrites = contended.wcu + release.wcu;
  const cyclesPerSecond = Math.floor(W / cycleWrites);
  const grant = (rcu: number): Units => ({ wcu: cycleWrites, rcu });
  const waiterHour = (rcu: number): Units => ({ wcu: 0, rcu: pollsPerHour * rcu });
  const perPoll = polls.map((p) => `N = ${p.n}: **${p.rcu} read units**`).join(', ');
  const grantPrices = polls.map((p) => `${usd(onDemand(grant(p.rcu), 1e6))} at N = ${p.n}`).join(' and ');
  const waiterPrices = polls
    .map((p) => `${num(pollsPerHour * p.rcu)} read units, ${usd(onDemand(waiterHour(p.rcu), 1))}, at N = ${p.n}`)
    .join('; ');
  const sharedPolls = polls.map((p) => `**${num(R / p.rcu)} polls/s at N = ${p.n}**`).join(', ');
  const beats = polls.map((p) => `${num((p.n * heartbeat.wcu * 1000) / heartbeatMs)} WCU/s at N = ${p.n}`).join(', ');
  return `### The semaphore

A semaphore of N permits is N lock items (\`name#0\` … \`name#N−1\` on a table without a sort key; on a table with
one, partition key \`name\` and sort keys \`permit#0\` …). Measured with N = ${small} (${held} of ${small} held for the
contended acquire) and N = ${large}, the most one BatchGetItem reads; a permit item here is ${m.itemBytes.permit} bytes.
Held permits were acquired with \`autoHeartbeat: false\` so that only each operation's own requests were counted.

${TABLE_HEAD}
${requestRows(m.semaphore).join('\n')}

On DynamoDB, then:

- **uncontended acquire** (permit 0 free): ${free.wcu} write unit; **release** ${release.wcu}; a permit's **heartbeat** ${heartbeat.wcu};
- **contended acquire with k of N held**: the refused write on permit 0, one BatchGetItem of all N permits, the
  write on a free permit: ${contended.wcu} write units + N read units (N = ${small}: ${contended.wcu} + ${contended.rcu});
- **a wait poll** is one BatchGetItem of all N permits, one read unit per permit (each item is under 4 KB; a permit
  never taken has no item and costs one unit all the same: "requests for nonexistent items consume the minimum read
  capacity units", DynamoDB's BatchGetItem reference): ${perPoll} per poll.

Prices (on-demand, as above): **a million contended grants** (acquire with k of N held + release: ${cycleWrites} write
units + N read units each) cost ${grantPrices}; **a waiter-hour** at the default poll (${pollMs / 1000} s:
${num(pollsPerHour)} polls) costs ${waiterPrices}.

**Limits per semaphore of N permits** (${num(W)} WCU/s and ${num(R)} RCU/s per partition):

- **Table without a sort key** (the default, and the construct's): each permit is its own partition key.
  - *Permit 0* takes the first write of every acquire, granted or refused: ${num(W)} WCU/s ÷ ${free.wcu} write unit =
    **≤ ${num(W / free.wcu)} acquire calls/s per semaphore, whatever N** (less permit 0's own heartbeats and release).
  - *Reads*: every contended acquire and every wait poll reads each permit once, 1 read unit per permit key:
    ${num(R)} RCU/s ÷ 1 = **≤ ${num(R)} BatchGetItems/s per semaphore**, contended acquires and polls together,
    whatever N (waiters polling every ${pollMs / 1000} s: ≤ ${num((R * pollMs) / 1000)} of them). The table as a whole
    reads N units per poll.
  - These are per-key ceilings: DynamoDB places keys on partitions by hash, so two permits may share a partition
    (and its budget) until DynamoDB splits a partition that runs hot.
- **Table with a sort key**: all N permits share one partition key, so one partition's budget.
  - *Reads*: a poll costs N read units there: ${num(R)} ÷ N = ${sharedPolls}
    (contended acquires included: each reads all N once).
  - *Writes*: a contended grant cycle is ${cycleWrites} write units (refused write, write, release):
    ${num(W)} ÷ ${cycleWrites} = **≤ ${num(cyclesPerSecond)} cycles/s**; the holders' heartbeats take
    N × ${heartbeat.wcu} write unit every ${heartbeatMs / 1000} s (${beats}).
  - *Which binds*: a contended cycle costs ${cycleWrites} write units and N read units, so writes bind while
    ${cycleWrites}/${num(W)} ≥ N/${num(R)}, i.e. N ≤ ${Math.floor((R * cycleWrites) / W)}: at N = ${small},
    ${num(cyclesPerSecond)} cycles/s use ${num(cyclesPerSecond * smallPoll.rcu)} of the ${num(R)} read units; at N = ${large}
    reads bind first, at ${num(R / largePoll.rcu)} contended acquires/s, before any waiter polls. DynamoDB may split
    a hot item collection by sort key (tables without local secondary indexes); do not count on it.
`;
}

function electionSection(m: Measurements): string {
  const el = (prefix: string) => operation(m.election, `election: ${prefix}`);
  const beat = unitsOf(el("the leader's heartbeat").requests);
  const read = unitsOf(el("an observer's read").requests);
  const standby = el('campaign while a leader holds the term').requests;
  const standbyPoll = unitsOf(standby.filter((r) => r.command === 'GetItem' && !r.dynaliteOnly).slice(-1));
  const { heartbeatMs, pollMs } = m.defaults;
  const monthHours = 24 * 30;
  const leaderMonth = { wcu: (3_600_000 / heartbeatMs) * beat.wcu * monthHours, rcu: 0 };
  const watcherMonth = { wcu: 0, rcu: (3_600_000 / pollMs) * read.rcu * monthHours };
  const watchers = R / read.rcu / (1000 / pollMs);
  return `### The election

An election is one lock item (\`election/<name>\`); a term is a grant on it. An election item here is
${m.itemBytes.election} bytes.

${TABLE_HEAD}
${requestRows(m.election).join('\n')}

A **standby candidate** spends one refused write when its campaign starts and then only reads: one GetItem
(${standbyPoll.rcu} read unit) per \`pollMs\` until the term looks free. The **leader** writes one heartbeat
(${beat.wcu} write unit) every \`heartbeatMs\` (${heartbeatMs / 1000} s by default). An **observer** (\`leader()\`, or
each poll of \`observe()\`) reads one GetItem (${read.rcu} read unit).

Prices (on-demand): **a leader for a month** (30 days of heartbeats): ${num(leaderMonth.wcu)} write units,
${usd(onDemand(leaderMonth, 1))}; **each standby candidate or observer** polling every ${pollMs / 1000} s for a month:
${num(watcherMonth.rcu)} read units, ${usd(onDemand(watcherMonth, 1))}.

**Limits on one election** (one key): the leader's heartbeats use ${num((beat.wcu * 1000) / heartbeatMs)} WCU/s of
${num(W)}; the reads of candidates and observers share ${num(R)} RCU/s: **≤ ${num(watchers)} of them polling every
${pollMs / 1000} s** on one election. Elections under different names are different keys.
`;
}
