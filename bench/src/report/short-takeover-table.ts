import type { BenchResults } from '../results.js';
import type { ShortTakeoverResult } from '../scenarios/short-takeover.js';
import { fmt, type Summary } from '../stats/summary.js';

/** A recovery figure, or "never" when no round recovered within the cap. */
export function recovery(x: ShortTakeoverResult, s: Summary): string {
  if (x.never === x.rounds) return `never (in ${x.capMs / 1000} s)`;
  return `${fmt(s, 0)} ms${x.never > 0 ? ` (${x.never} of ${x.rounds} rounds never)` : ''}`;
}

/** Scenario 5b in the full report: one table per situation, every library and mode side by side. */
export function shortTakeoverSection(r: BenchResults): string[] {
  const rows = r.shortTakeover ?? [];
  if (rows.length === 0) return [];
  const first = rows[0]!;
  const s: string[] = [];
  s.push('', `## 5b. Takeover by callers that never wait a lease (lease ${first.leaseMs} ms, a caller every ${first.intervalMs} ms)`, '');
  if (r.rerun?.['short-takeover'])
    s.push(`Re-run alone (\`--only short-takeover\`) on ${r.rerun['short-takeover'].slice(0, 16).replace('T', ' ')} UTC.`, '');
  s.push('![short-takeover](short-takeover.svg)', '');
  s.push(
    'A holder process takes the lock, heartbeats, and is SIGKILLed. Callers then arrive every lease / 5, each making **one attempt**' +
      " (`tryAcquire`; a peer's single attempt may sleep inside: FailOpen and @deliveryhero/dynamodb-lock without" +
      ' `trustLocalTime` wait a whole lease before their conditional write),' +
      ' independently of each other, like cron runs or Lambda invocations. "One client": every call goes through one' +
      ' long-lived client (a cron loop in one process);' +
      ' "new client per call": a new execution environment each time. The callers arrive either from the kill on (the' +
      ' first 0.1 s after it, so that a' +
      ' heartbeat already sent lands first), or long after the holder died (see the situation column). Recovery is' +
      " timed to the attempt that returned the lock; the holder's last write is" +
      ' seen by a ConsistentRead every 20 ms; requests are all the callers sent from the first arrival until then.' +
      ` Callers give up ${first.capMs / 1000} s after the first arrival ("never").`,
    '',
  );
  s.push(
    "| library, mode | options | situation | from kill | from the holder's last write | from the first caller |" +
      ' requests until recovery | attempts |',
    '|---|---|---|---|---|---|---|---|',
  );
  for (const x of rows) {
    const situation = x.situation === 'dead' ? `dead ${x.deadForMs / 1000} s before the first caller` : 'callers from the kill on';
    s.push(
      `| ${x.label} | \`${x.options}\` | ${situation} | ${recovery(x, x.fromKillMs)} |` +
        ` ${recovery(x, x.fromLastWriteMs)} | ${recovery(x, x.fromFirstCallMs)} | ${fmt(x.requests, 0)} |` +
        ` ${fmt(x.attempts, 0)} |`,
    );
  }
  s.push(
    '',
    'Requests: on dynalite every refused ddb-lock attempt is followed by a GetItem for the holder (dynalite ignores' +
      ' `ReturnValuesOnConditionCheckFailure`; on DynamoDB the refusal returns it),' +
      ' so its count here is about twice what DynamoDB would see. With `trustLocalTime` both peers take over at the' +
      " holder's own timestamp of its last write + lease" +
      ' (FailOpen: `lockAcquiredTimeUnixMs`, @deliveryhero: `lastUpdatedTimeInMs`), with no allowance for skew: a' +
      " caller whose clock runs ahead of the dead holder's takes over early by that much. ddb-lock's" +
      ' `trustWallClock` waits `maxSkewMs` past `expiresAt`.',
    '',
    "ddb-lock's default is skew-free: a client takes a dead holder's lock once its own calls together have watched one" +
      ' record version for a lease (it remembers across calls),' +
      ' so one long-lived client recovers about a lease after its first call, whenever the holder died; a new client' +
      ' per call never watches long enough — that is why `withLock`' +
      " (a new environment per invocation) defaults to `trustWallClock`, which, like the peers' `trustLocalTime`," +
      ' takes an expired lock on the first call after `expiresAt + maxSkewMs`.',
  );
  return s;
}

/** The compact side-by-side table for the summary (bench/README.md): recovery per library and mode. */
export function shortTakeoverSummary(r: BenchResults): string {
  const rows = r.shortTakeover ?? [];
  if (rows.length === 0) return '';
  const labels = [...new Set(rows.map((x) => x.label))];
  const of = (label: string, situation: string) => rows.find((x) => x.label === label && x.situation === situation);
  const dead = rows.find((x) => x.situation === 'dead');
  // The heading's anchor in latest.md, as GitHub derives it from the section title.
  const anchor = `5b-takeover-by-callers-that-never-wait-a-lease-lease-${rows[0]!.leaseMs}-ms-a-caller-every-${rows[0]!.intervalMs}-ms`;
  const lines = [
    `Callers that try once every lease/5 (lease ${rows[0]!.leaseMs} ms), side by side ([5b](results/latest.md#${anchor})):`,
    '',
    "| library, mode | from the kill on: recovered after the kill | …after the holder's last write | requests | holder" +
      ` dead ${(dead?.deadForMs ?? 0) / 1000} s: recovered after the first caller | requests |`,
    '|---|---|---|---|---|---|',
  ];
  for (const label of labels) {
    const p = of(label, 'polling');
    const d = of(label, 'dead');
    lines.push(
      `| ${label} | ${p ? recovery(p, p.fromKillMs) : 'n/a'} | ${p ? recovery(p, p.fromLastWriteMs) : 'n/a'} |` +
        ` ${p ? fmt(p.requests, 0) : 'n/a'} | ${d ? recovery(d, d.fromFirstCallMs) : 'n/a'} |` +
        ` ${d ? fmt(d.requests, 0) : 'n/a'} |`,
    );
  }
  return lines.join('\n');
}
