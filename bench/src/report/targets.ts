import { FAST_MODE_MAX_SKEW_MS, TUNED_POLL_MS } from '../contenders/ddb-lock.js';
import type { BenchResults } from '../results.js';
import type { HandoffResult } from '../scenarios/handoff.js';
import { formatCounts } from '../stats/request-counts.js';
import { fmt, type Summary } from '../stats/summary.js';

/** One of the issue's targets, what we measured, and whether we met it. */
export interface TargetRow {
  readonly target: string;
  readonly measured: string;
  readonly met: 'yes' | 'no' | 'n/a';
  /** By how much and why, when missed (or a caveat when met). */
  readonly note: string;
}

const medians = (m: Record<string, Summary> | undefined) => Object.fromEntries(Object.entries(m ?? {}).map(([k, v]) => [k, v.median]));
const total = (m: Record<string, Summary> | undefined) => Object.values(m ?? {}).reduce((a, s) => a + s.median, 0);
const verdict = (ok: boolean | undefined): TargetRow['met'] => (ok === undefined ? 'n/a' : ok ? 'yes' : 'no');
const pct = (ratio: number) => `${((ratio - 1) * 100).toFixed(0)} %`;

/** The targets of issue 5, evaluated for ddb-lock on this run. */
export function targetRows(r: BenchResults): TargetRow[] {
  const rows: TargetRow[] = [];
  const req = r.requests.find((x) => x.contender === 'ddb-lock');
  const pairs = total(req?.reused ?? req?.fresh);
  rows.push({
    target: '2 requests per acquire+release',
    measured: formatCounts(medians(req?.fresh)),
    met: verdict(req ? pairs <= 2 : undefined),
    note: 'same on a reused key; 1 UpdateItem per heartbeat',
  });
  const contended = total(req?.contended);
  rows.push({
    target: 'contended attempt: 1 request on DynamoDB',
    measured: formatCounts(medians(req?.contended)),
    met: verdict(req ? contended <= 1 : undefined),
    note:
      contended > 1
        ? 'dynalite ignores ReturnValuesOnConditionCheckFailure, so the holder costs one ConsistentRead GetItem per' +
          ' conflict; on DynamoDB the failed UpdateItem returns it (1 request). While waiting, ddb-lock polls with' +
          ' GetItem only on dynalite'
        : '',
  });
  const lat = r.latency.find((x) => x.contender === 'ddb-lock');
  if (lat) {
    rows.push({
      target: 'uncontended p50 ≤ 1.15× floor',
      measured: `${fmt(lat.p50Ms, 2)} ms = ${fmt(lat.p50VsFloor, 2)}× floor`,
      met: verdict(lat.p50VsFloor.median <= 1.15),
      note:
        lat.p50VsFloor.median <= 1.15
          ? ''
          : `missed by ${pct(lat.p50VsFloor.median / 1.15)}: see "Why ddb-lock is slower than the floor on dynalite"`,
    });
  }
  for (const tp of r.throughput.filter((x) => x.contender === 'ddb-lock')) {
    rows.push({
      target: `throughput at concurrency ${tp.concurrency} ≥ 0.9× floor`,
      measured: `${fmt(tp.opsPerSec, 0)} pairs/s = ${fmt(tp.vsFloor, 2)}× floor`,
      met: verdict(tp.vsFloor.median >= 0.9),
      note:
        tp.vsFloor.median >= 0.9
          ? ''
          : `missed by ${((0.9 - tp.vsFloor.median) * 100).toFixed(0)} points: dynalite (one JS thread, sharing 2` +
            " cores with the bench) is the bottleneck and spends more CPU on ddb-lock's expression UpdateItems than on" +
            ' a plain PutItem/DeleteItem; see the raw-replay row of scenario 2',
    });
  }
  for (const t of r.takeover.filter((x) => x.mode.startsWith('ddb-lock'))) {
    const fast = t.mode === 'ddb-lock-fast';
    const poll = Math.min(1000, t.leaseMs / 4);
    // Fast mode: expiry is at most one lease after the kill (the last heartbeat preceded it).
    const bound = fast ? t.leaseMs + FAST_MODE_MAX_SKEW_MS + poll : t.leaseMs + poll;
    rows.push({
      target: fast
        ? `takeover, fast mode ≤ expiry + skew + one poll (≤ ${bound} ms after the kill)`
        : `takeover, default ≤ lease + one poll (${bound} ms)`,
      measured: `${fmt(t.takeoverMs, 0)} ms after SIGKILL`,
      met: verdict(t.takeoverMs.max <= bound),
      note:
        t.takeoverMs.max <= bound
          ? ''
          : `worst run ${(t.takeoverMs.max - bound).toFixed(0)} ms over: the waiter's watch restarts at the first read` +
            " after the holder's last heartbeat, which comes up to one poll later",
    });
  }
  rows.push(...shortTakeoverTargets(r));
  for (const h of r.handoff.filter((x) => x.contender === 'ddb-lock')) {
    const ok = h.p50Ms.median <= 50 && h.waiterRequestsPerSec.median <= 5;
    const poll = h.setting === 'tuned' ? `, pollMs ${TUNED_POLL_MS}` : '';
    rows.push({
      target: `handoff (${h.setting}${poll}) p50 ≤ 50 ms with ≤ 5 requests/s per waiter`,
      measured: `p50 ${fmt(h.p50Ms, 0)} ms, p99 ${fmt(h.p99Ms, 0)} ms, ${fmt(h.waiterRequestsPerSec, 1)} req/s per waiter`,
      met: verdict(ok),
      note: ok
        ? ''
        : h.p50Ms.median <= 50
          ? `requests missed by ${(h.waiterRequestsPerSec.median / 5).toFixed(1)}×. ${handoffCostNote(r, h)}`
          : 'a waiter learns of a release only at its next poll',
    });
  }
  const bare = r.footprint.find((x) => x.handler === 'bare');
  const lock = r.footprint.find((x) => x.handler === 'with-lock');
  if (bare && lock) {
    rows.push({
      target: 'withLock ≤ 15 KB minified',
      measured: `+${(lock.addedBytes / 1024).toFixed(1)} KB over the bare handler (${(lock.size.bytes / 1024).toFixed(1)} KB total)`,
      met: verdict(lock.addedBytes <= 15 * 1024),
      note:
        lock.addedBytes <= 15 * 1024
          ? ''
          : `over by ${((lock.addedBytes - 15 * 1024) / 1024).toFixed(1)} KB: the whole LockClient class ships (a class's` +
            ' methods cannot be tree-shaken: acquire, tryAcquire, the wait loop and the watch memory) with the Lock handle' +
            ' and its timers, plus long validation and error messages; the admin functions live in /admin and do not ship' +
            ' (npm run footprint -w bench lists the bytes file by file)',
    });
    rows.push({
      target: 'withLock ≤ 5 ms init',
      measured: `+${fmt(lock.addedInitMs, 1)} ms over the bare handler's ${fmt(bare.initMs, 1)} ms import`,
      met: verdict(lock.addedInitMs.median <= 5),
      note: lock.addedInitMs.median <= 5 ? '' : `over by ${(lock.addedInitMs.median - 5).toFixed(1)} ms`,
    });
  }
  return rows;
}

/**
 * Why a waiter's rate is what it is: per handoff ddb-lock spends the fewest requests of any
 * library, but it hands off many times a second, and every turn starts with a refused attempt.
 */
function handoffCostNote(r: BenchResults, h: HandoffResult): string {
  const peers = r.handoff.filter((x) => x.contender !== h.contender);
  const perHandoff = peers.map((x) => x.requestsPerHandoff.median).filter(Number.isFinite);
  const range = perHandoff.length ? ` (the peers: ${Math.min(...perHandoff).toFixed(1)}–${Math.max(...perHandoff).toFixed(1)})` : '';
  const fastestPeer = Math.max(0, ...peers.map((x) => x.handoffsPerSec.median).filter(Number.isFinite));
  const without = h.withoutHolderReads
    ? ". On dynalite each refusal is followed by a read that DynamoDB's ReturnValuesOnConditionCheckFailure makes" +
      ` unnecessary: without those reads ${fmt(h.withoutHolderReads.waiterRequestsPerSec, 1)} req/s per waiter`
    : '';
  return (
    `Per handoff ddb-lock spends ${h.requestsPerHandoff.median.toFixed(1)} requests${range}, but it hands off` +
    ` ${h.handoffsPerSec.median.toFixed(1)} times a second ` +
    `(the fastest peer ${fastestPeer.toFixed(1)}), and beyond its uncontended acquire+release each handoff costs` +
    ` ${h.refusedWritesPerHandoff.median.toFixed(2)} refused writes ` +
    `(every worker's first attempt when it queues, and the races after a release) plus the polls that notice the release${without}`
  );
}

/**
 * Issue 9's bounds (L4) for callers trying once every interval (lease / 5). A long-lived
 * skew-free client first sees the dead holder's last version on its first call (the callers
 * start after the kill) and takes over within lease + two intervals of it; a new wall-clock
 * client per call takes over within one interval after expiresAt (= last write + lease) +
 * maxSkewMs, or on its first call when that has long passed.
 */
function shortTakeoverTargets(r: BenchResults): TargetRow[] {
  const rows: TargetRow[] = [];
  for (const x of (r.shortTakeover ?? []).filter((s) => s.row === 'ddb-lock' || s.row === 'ddb-lock-fast+fresh')) {
    const fast = x.row !== 'ddb-lock';
    const i = x.intervalMs;
    const [figure, from, bound] = !fast
      ? [x.fromFirstCallMs, 'the first caller', x.leaseMs + 2 * i]
      : x.situation === 'polling'
        ? [x.fromLastWriteMs, "the holder's last write", x.leaseMs + FAST_MODE_MAX_SKEW_MS + i]
        : [x.fromFirstCallMs, 'the first caller', i];
    const recovered = x.never === 0 && Number.isFinite(figure.max);
    rows.push({
      target:
        `L4, ${fast ? 'trustWallClock, new client per call' : 'skew-free, one client'},` +
        ` ${x.situation === 'polling' ? 'callers from the kill on' : `holder dead ${x.deadForMs / 1000} s`}: ≤` +
        ` ${bound} ms after ${from}`,
      measured: recovered ? `${fmt(figure, 0)} ms after ${from}` : `${x.never} of ${x.rounds} rounds never recovered`,
      met: verdict(recovered && figure.max <= bound),
      note:
        recovered && figure.max <= bound
          ? ''
          : recovered
            ? `worst run ${(figure.max - bound).toFixed(0)} ms over`
            : 'no recovery within the cap',
    });
  }
  return rows;
}
