import type { AppliedWrite } from '../dynamo-wire.js';
import { groupBy } from './group-by.js';
import type { Violation } from './types.js';

function byPk(applied: readonly AppliedWrite[], kinds: readonly AppliedWrite['kind'][]): Map<string, AppliedWrite[]> {
  return groupBy(applied, (a) => (kinds.includes(a.kind) ? a.pk : undefined));
}

/**
 * S1 on the server's truth. Fenced writes, in the order the server applied them (their `seq`),
 * carry non-decreasing tokens: a smaller token accepted after a larger one is a stale write.
 */
export function checkFencedWrites(applied: readonly AppliedWrite[]): { violations: Violation[]; accepted: number } {
  const violations: Violation[] = [];
  let accepted = 0;
  for (const [pk, writes] of byPk(applied, ['fenced'])) {
    let max: AppliedWrite | undefined;
    for (const w of [...writes].sort((a, b) => a.seq! - b.seq!)) {
      accepted++;
      if (max && w.fence! < max.fence!) {
        violations.push({
          property: 'S1-stale-fenced-write',
          key: pk.replace(/^fenced-/, ''),
          t: w.t,
          message: `${w.writer} (fence ${w.fence}) accepted at seq ${w.seq} after ${max.writer} (fence ${max.fence})`,
        });
      }
      if (!max || w.fence! > max.fence!) max = w;
    }
  }
  return { violations, accepted };
}

/**
 * S1 on the lock items: each grant's token exceeds every earlier grant's; no heartbeat or release
 * of a superseded grant is ever applied (it would modify the successor's item).
 */
export function checkLockWrites(applied: readonly AppliedWrite[]): Violation[] {
  const out: Violation[] = [];
  for (const [key, writes] of byPk(applied, ['acquire', 'heartbeat', 'release'])) {
    let granted: AppliedWrite | undefined;
    for (const w of writes) {
      if (w.kind === 'acquire') {
        if (granted && w.fence! <= granted.fence!) {
          out.push({
            property: 'S1-fence-regression',
            key,
            t: w.t,
            message: `grant to ${w.owner} got fence ${w.fence} after ${granted.owner} got ${granted.fence}`,
          });
        }
        if (!granted || w.fence! > granted.fence!) granted = w;
      } else if (granted && w.fence! < granted.fence!) {
        out.push({
          property: 'S1-stale-protocol-write',
          key,
          t: w.t,
          message:
            `${w.kind} of ${w.owner} (fence ${w.fence}) applied after fence ${granted.fence} was granted to ${granted.owner}` +
            (w.delayed ? ` (${w.delayed})` : ''),
        });
      }
    }
  }
  return out;
}
