import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MEASURED_DATA, type Measurements } from './capacity.ts';
import { coordinationSections } from './cost-coordination.ts';
import {
  isWrite,
  num,
  onDemand,
  operation,
  PARTITION_LIMITS,
  PRICES,
  requestRows,
  TABLE_HEAD,
  type Units,
  unitsOf,
  usd,
} from './cost-units.ts';
import { repoRoot } from './paths.ts';

export { PARTITION_LIMITS, PRICES } from './cost-units.ts';

/**
 * The "What it costs and how far it scales" page: measured capacity units per operation (locks, semaphores,
 * elections), prices of a million acquire+release cycles and of a lock held an hour (ddb-lock and the
 * bench's peers, whose request counts come from the committed bench report), and the per-partition limits
 * with the arithmetic shown.
 *
 * @example
 * ```ts
 * writeFileSync('cost.md', costPage(await measureCapacity()));
 * ```
 */
export function costPage(measured: Measurements): string {
  const units = (op: string): Units => unitsOf(operation(measured.locks, op).requests);
  const acquire = units('acquire (free key)');
  const release = units('release (item kept)');
  const heartbeat = units('heartbeat');
  const cycle = { wcu: acquire.wcu + release.wcu, rcu: acquire.rcu + release.rcu };
  const { heartbeatMs, pollMs } = measured.defaults;
  const heartbeatsPerHour = 3_600_000 / heartbeatMs;
  const hour = { wcu: acquire.wcu + release.wcu + heartbeatsPerHour * heartbeat.wcu, rcu: 0 };
  const p = PRICES;
  const peers = peerRows(heartbeatsPerHour);
  const { wcuPerSecond: W, rcuPerSecond: R } = PARTITION_LIMITS;
  const perKeyThroughput = W / cycle.wcu;
  const dayWcu = Math.ceil((cycle.wcu * 1e6) / 86400);
  const dayPrice = usd(dayWcu * 24 * p.provisionedWcuHour);
  const pollsPerHour = 3_600_000 / pollMs;
  const waiterHour = usd((pollsPerHour * p.onDemandPerMillionReads) / 1e6);
  const hb = heartbeatMs / 1000;
  return `---
title: What it costs and how far it scales
group: Guides
---
# What it costs and how far it scales

Every figure on this page is computed when the site is built: the capacity units are **measured** on dynalite from
the \`ConsumedCapacity\` it returns (\`ReturnConsumedCapacity: 'TOTAL'\` on every request the lock, the semaphore and
the election send; \`docs/src/capacity.ts\`), the peers' request counts come from the committed bench report
(\`bench/results/latest.json\`), and the prices are constants in \`docs/src/cost-units.ts\`.

## Capacity units per operation

Measured with items carrying ${MEASURED_DATA.length} bytes of \`data\`: a held lock's item is ${measured.itemBytes.lock} bytes, well under
1 KB (one write unit per write, one read unit per strongly consistent read of up to 4 KB). Sizes follow DynamoDB's rules
(attribute names plus values; \`docs/src/item-size.ts\`).

- **A refused conditional write** reports no capacity on any server; DynamoDB charges it by the size of the item that
  refused it, rounded up to the next KB. Those cells are **computed**: the measurement reads that item back (outside the
  counted requests) and sizes it.
- **dynalite does not return \`ReturnValuesOnConditionCheckFailure\`**, so after a refused write the runtime reads the
  refusing item with a GetItem. On DynamoDB (and moto) the item comes back with the refusal and that read is never
  sent: it is shown, marked "dynalite only", and left out of the DynamoDB totals (see [Benchmarks](../../guides/benchmarks.md)).
- The measurement runs on dynalite only (in this process, about two seconds); moto's figures were not compared.

${TABLE_HEAD}
${requestRows(measured.locks).join('\n')}

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

**A lock held for an hour** with the default heartbeat (every ${hb} s): 1 acquire + ${num(heartbeatsPerHour)} heartbeats +
1 release = ${num(hour.wcu)} write units → **${usd(onDemand(hour, 1))} on-demand**; provisioned it occupies
${(hour.wcu / 3600).toFixed(2)} WCU for the hour (${hour.wcu} / 3600 s), ${usd((hour.wcu / 3600) * p.provisionedWcuHour)} of a
WCU-hour. A waiter polling it meanwhile costs one strongly consistent GetItem (1 read unit) per \`pollMs\`
(${pollMs / 1000} s by default): ${num(pollsPerHour)} read units, ${waiterHour} on-demand, per waiter-hour.

**The peers** (request counts per acquire+release from the bench report, each write 1 unit and each GetItem 1 read unit
for items under 1 KB; heartbeat every ${hb} s for comparison):

| library | requests per acquire+release | write + read units | a million cycles, on-demand | a lock held an hour, on-demand |
|---|---|---|---|---|
${peers.join('\n')}

## How far one key and one table scale

DynamoDB serves one partition key from one partition, and a partition accepts at most ${num(W)} write units
and ${num(R)} read units a second. A lock is one item, so **one hot key**:

- by capacity: ${num(W)} WCU/s ÷ ${cycle.wcu} write units per cycle = **${num(perKeyThroughput)} cycles/s** at most;
- by latency, which binds first: a cycle is two sequential writes plus the critical section, and the next holder's
  acquire waits for the release. At about 5 ms per write in the same Region (an assumption; measure yours) a cycle takes
  ≥ 10 ms: **≤ 100 handoffs/s** on one key, whatever the capacity;
- waiters cost reads: each polls one strongly consistent GetItem per \`pollMs\`, so ${num(R)} read units/s allow
  ${num(R)} waiters polling every second on one key before the partition throttles reads.

Semaphores and elections: [below](#semaphores-and-elections).

**Many keys**: an on-demand table starts with capacity for 4,000 writes/s and 12,000 reads/s and grows with traffic; a
provisioned table gets what it provisions. At ${cycle.wcu} write units per cycle, 4,000 writes/s are
${num(4000 / cycle.wcu)} uncontended cycles/s across keys before on-demand has to scale up.

${coordinationSections(measured)}`;
}

/** The peers' rows: request counts per acquire+release (and per heartbeat) from the committed bench report. */
function peerRows(heartbeatsPerHour: number): string[] {
  type Counts = Record<string, { median: number }>;
  const report = JSON.parse(readFileSync(join(repoRoot, 'bench', 'results', 'latest.json'), 'utf8')) as {
    contenders: { id: string; label: string }[];
    requests: { contender: string; fresh?: Counts; reused?: Counts; heartbeat?: Counts }[];
  };
  const sum = (c: Counts | undefined): Units => {
    const u = { wcu: 0, rcu: 0 };
    for (const [cmd, v] of Object.entries(c ?? {})) {
      if (isWrite(cmd)) u.wcu += v.median;
      else u.rcu += v.median;
    }
    return u;
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
    const hour = hb ? { wcu: cycle.wcu + heartbeatsPerHour * hb.wcu, rcu: cycle.rcu + heartbeatsPerHour * hb.rcu } : undefined;
    const hourPrice = hour ? usd(onDemand(hour, 1)) : 'n/a (no heartbeat)';
    return `| ${label} | ${names} | ${cycle.wcu} + ${cycle.rcu} | ${usd(onDemand(cycle, 1e6))} | ${hourPrice} |`;
  });
}
