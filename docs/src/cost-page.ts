import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MEASURED_DATA, type OperationCapacity } from './capacity.ts';
import { repoRoot } from './paths.ts';

/**
 * DynamoDB prices the page computes with: US East (N. Virginia), Standard table class. On-demand prices
 * are those in force since AWS halved them on 2024-11-01. No network here: re-check them at the source.
 */
export const PRICES = {
  region: 'US East (N. Virginia), Standard table class',
  recorded: '2026-12-07',
  source: 'https://aws.amazon.com/dynamodb/pricing/on-demand/ and https://aws.amazon.com/dynamodb/pricing/provisioned/',
  onDemandPerMillionWrites: 0.625,
  onDemandPerMillionReads: 0.125,
  provisionedWcuHour: 0.00065,
  provisionedRcuHour: 0.00013,
} as const;

/** DynamoDB's documented per-partition ceiling (one partition key lives on one partition). */
export const PARTITION_LIMITS = { wcuPerSecond: 1000, rcuPerSecond: 3000 } as const;

const WRITES = new Set(['UpdateItem', 'PutItem', 'DeleteItem']);

/**
 * The "What it costs and how far it scales" page: measured capacity units per operation, prices of a
 * million acquire+release cycles and of a lock held an hour (ddb-lock and the bench's peers, whose request
 * counts come from the committed bench report), and the per-partition limits with the arithmetic shown.
 *
 * @example
 * ```ts
 * writeFileSync('cost.md', costPage(await measureCapacity()));
 * ```
 */
export function costPage(measured: OperationCapacity[]): string {
  const units = (op: string): { wcu: number; rcu: number } => {
    const found = measured.find((m) => m.operation.startsWith(op));
    if (!found) throw new Error(`no measurement for ${op}`);
    let wcu = 0;
    let rcu = 0;
    for (const r of found.requests) {
      // A failed conditional write reports nothing; DynamoDB charges it by the item's size: one unit here.
      const u = r.units ?? 1;
      if (WRITES.has(r.command)) wcu += u;
      else rcu += u;
    }
    return { wcu, rcu };
  };
  const acquire = units('acquire (free key)');
  const release = units('release (item kept)');
  const heartbeat = units('heartbeat');
  const cycle = { wcu: acquire.wcu + release.wcu, rcu: acquire.rcu + release.rcu };
  const heartbeatsPerHour = 3600 / 5;
  const hour = { wcu: acquire.wcu + release.wcu + heartbeatsPerHour * heartbeat.wcu, rcu: 0 };
  const p = PRICES;
  const onDemand = (u: { wcu: number; rcu: number }, n: number) =>
    (u.wcu * n * p.onDemandPerMillionWrites + u.rcu * n * p.onDemandPerMillionReads) / 1e6;
  const usd = (x: number) => (x >= 0.01 ? `$${x.toFixed(2)}` : `$${x.toPrecision(2)}`);
  const rows = measured.map((m) => {
    const req = m.requests.map((r) => r.command).join(' + ');
    const cap = m.requests
      .map((r) =>
        r.units === undefined ? `${WRITES.has(r.command) ? 1 : 0} (computed: condition failed, nothing reported)` : String(r.units),
      )
      .join(' + ');
    return `| ${m.operation} | ${req} | ${cap} |`;
  });
  const peers = peerRows(onDemand, usd);
  const perKeyThroughput = PARTITION_LIMITS.wcuPerSecond / cycle.wcu;
  const dayWcu = Math.ceil((cycle.wcu * 1e6) / 86400);
  const dayPrice = usd(dayWcu * 24 * p.provisionedWcuHour);
  const waiterHour = usd((3600 * p.onDemandPerMillionReads) / 1e6);
  const wcu = PARTITION_LIMITS.wcuPerSecond;
  return `---
title: What it costs and how far it scales
group: Guides
---
# What it costs and how far it scales

Every figure on this page is computed when the site is built: the capacity units are **measured** on dynalite from
the \`ConsumedCapacity\` it returns (\`ReturnConsumedCapacity: 'TOTAL'\` on every request the lock sends), the peers'
request counts come from the committed bench report (\`bench/results/latest.json\`), and the prices are constants
in \`docs/src/cost-page.ts\`.

## Capacity units per operation

Measured with a lock item carrying ${MEASURED_DATA.length} bytes of \`data\` (item well under 1 KB: one write unit per write, one read unit
per strongly consistent read of up to 4 KB). dynalite does not return \`ReturnValuesOnConditionCheckFailure\`, so its
contended attempt adds a GetItem; on DynamoDB (and moto) that attempt is **1 UpdateItem** (see [Benchmarks](../../guides/benchmarks.md)).
No server reports the capacity of a conditional write whose condition failed; DynamoDB charges it like a write of
the item's size, which is the "computed" figure. The measurement runs on dynalite only (in this process, about a
second); moto's figures were not compared.

| operation | requests | capacity units (write units for writes, read units for reads) |
|---|---|---|
${rows.join('\n')}

Data larger than about 800 bytes makes the item pass 1 KB: every write of that lock then costs 2 units (3 past 2 KB…).
Keep \`data\` small, or store a pointer.

## Price

Prices of ${p.region}, recorded ${p.recorded} from ${p.source} (on-demand: $${p.onDemandPerMillionWrites} per million
write request units, $${p.onDemandPerMillionReads} per million read request units; provisioned: $${p.provisionedWcuHour} per
WCU-hour, $${p.provisionedRcuHour} per RCU-hour). No network is reached when this page is built: re-check them there.

**A million acquire+release cycles** (uncontended): ${cycle.wcu} write units each →
${cycle.wcu} × 1,000,000 × $${p.onDemandPerMillionWrites} / 1,000,000 = **${usd(onDemand(cycle, 1e6))} on-demand**.
Provisioned, a steady 1,000,000 cycles spread evenly over a day is ${((cycle.wcu * 1e6) / 86400).toFixed(1)} writes/s →
${dayWcu} WCU × 24 h × $${p.provisionedWcuHour} = **${dayPrice}** a day
(if the capacity is fully used; bursts need more).

**A lock held for an hour** with the default heartbeat (every 5 s): 1 acquire + ${heartbeatsPerHour} heartbeats + 1 release =
${hour.wcu} write units → **${usd(onDemand(hour, 1))} on-demand**; provisioned it occupies ${(hour.wcu / 3600).toFixed(2)} WCU for the hour
(${hour.wcu} / 3600 s), ${usd((hour.wcu / 3600) * p.provisionedWcuHour)} of a WCU-hour. A waiter polling it meanwhile costs one
strongly consistent GetItem (1 read unit) per \`pollMs\` (1 s by default): 3,600 read units, ${waiterHour} on-demand, per waiter-hour.

**The peers** (request counts per acquire+release from the bench report, each write 1 unit and each GetItem 1 read unit
for items under 1 KB; heartbeat every 5 s for comparison):

| library | requests per acquire+release | write + read units | a million cycles, on-demand | a lock held an hour, on-demand |
|---|---|---|---|---|
${peers.join('\n')}

## How far one key and one table scale

DynamoDB serves one partition key from one partition, and a partition accepts at most ${PARTITION_LIMITS.wcuPerSecond} write units
and ${PARTITION_LIMITS.rcuPerSecond} read units a second. A lock is one item, so **one hot key**:

- by capacity: ${PARTITION_LIMITS.wcuPerSecond} WCU/s ÷ ${cycle.wcu} write units per cycle = **${perKeyThroughput} cycles/s** at most;
- by latency, which binds first: a cycle is two sequential writes plus the critical section, and the next holder's
  acquire waits for the release. At about 5 ms per write in the same Region (an assumption; measure yours) a cycle takes
  ≥ 10 ms: **≤ 100 handoffs/s** on one key, whatever the capacity;
- waiters cost reads: each polls one strongly consistent GetItem per \`pollMs\`, so ${PARTITION_LIMITS.rcuPerSecond} read units/s allow
  ${PARTITION_LIMITS.rcuPerSecond} waiters polling every second on one key before the partition throttles reads.

**A semaphore or election of N permits** pays per permit what one lock pays: each permit that is taken costs an acquire and
a release (${cycle.wcu} write units) plus a heartbeat every \`heartbeatMs\` while held. Permits stored under different partition
keys spread over partitions (the table's total is then the only ceiling); permits under one partition key share that
key's ${wcu} WCU/s: at most ${perKeyThroughput}/N cycles a second per permit. See the semaphore and election guides, where
present, for how their items are keyed.

**Many keys**: an on-demand table starts with capacity for 4,000 writes/s and 12,000 reads/s and grows with traffic; a
provisioned table gets what it provisions. At ${cycle.wcu} write units per cycle, 4,000 writes/s are
${4000 / cycle.wcu} uncontended cycles/s across keys before on-demand has to scale up.
`;
}

function peerRows(onDemand: (u: { wcu: number; rcu: number }, n: number) => number, usd: (x: number) => string): string[] {
  type Counts = Record<string, { median: number }>;
  const report = JSON.parse(readFileSync(join(repoRoot, 'bench', 'results', 'latest.json'), 'utf8')) as {
    contenders: { id: string; label: string }[];
    requests: { contender: string; fresh?: Counts; reused?: Counts; heartbeat?: Counts }[];
  };
  const sum = (c: Counts | undefined) => {
    let wcu = 0;
    let rcu = 0;
    for (const [cmd, v] of Object.entries(c ?? {})) {
      if (WRITES.has(cmd)) wcu += v.median;
      else rcu += v.median;
    }
    return { wcu, rcu };
  };
  return report.requests.map((r) => {
    const label = report.contenders.find((c) => c.id === r.contender)?.label ?? r.contender;
    // Reused keys where the bench measured them (a released item stays), else fresh keys.
    const counts = r.reused ?? r.fresh;
    const cycle = sum(counts);
    const names = Object.entries(counts ?? {})
      .map(([cmd, v]) => `${v.median} ${cmd}`)
      .join(' + ');
    const hb = r.heartbeat ? sum(r.heartbeat) : undefined;
    const hour = hb ? { wcu: cycle.wcu + 720 * hb.wcu, rcu: cycle.rcu + 720 * hb.rcu } : undefined;
    const hourPrice = hour ? usd(onDemand(hour, 1)) : 'n/a (no heartbeat)';
    return `| ${label} | ${names} | ${cycle.wcu} + ${cycle.rcu} | ${usd(onDemand(cycle, 1e6))} | ${hourPrice} |`;
  });
}
