import { checkExits } from './exits.js';
import { checkFencedWrites, checkLockWrites } from './fencing.js';
import { checkHandoffs } from './handoffs.js';
import { RunIndex } from './index-by.js';
import { checkLosses } from './losses.js';
import { checkLostUpdates } from './lost-updates.js';
import { checkOwnAcquires } from './own-acquire.js';
import { checkShortCallers, type ModeTakeovers } from './short-callers.js';
import type { CallMode, RunRecord, Violation } from './types.js';
import { checkOverlaps, checkSemaphoreBound, grantWindows } from './windows.js';

export type { CallMode, CheckParams, Property, RunRecord, ShortCalls, Violation } from './types.js';

export interface CheckResult {
  readonly violations: Violation[];
  readonly stats: {
    grants: number;
    grantsApplied: number;
    fencedAccepted: number;
    staleFencedAccepted: number;
    staleFencedRefused: number;
    rmwWrites: number;
    lostUpdatesOutsideAssumptions: number;
    losses: number;
    lossesExplained: number;
    orphanGrants: number;
    takeoverMs: number[];
    releaseHandoffMs: number[];
    slowHandoffsExplained: number;
    /** L4: takeovers by short callers, per the taker's mode; late ones excused by faults. */
    shortCallerTakeovers: Partial<Record<CallMode, ModeTakeovers>>;
    shortCallerSlowExplained: number;
    /** Workers asked to stop, and those that closed with no timer left and exited on their own. */
    workersStopped: number;
    workersExitedClean: number;
  };
}

/** Every property over one run's record. */
export function check(run: RunRecord): CheckResult {
  const windows = grantWindows(run.history);
  const fenced = checkFencedWrites(run.applied);
  const lost = checkLostUpdates(run.applied, windows);
  const index = new RunIndex(run);
  const losses = checkLosses(run, windows, index);
  const own = checkOwnAcquires(run);
  const handoffs = checkHandoffs(run, index);
  const exits = checkExits(run);
  const short = checkShortCallers(run, index);
  const violations = [
    ...fenced.violations,
    ...checkLockWrites(run.applied),
    ...checkOverlaps(windows),
    ...(run.params.permits !== undefined ? checkSemaphoreBound(windows, run.params.permits) : []),
    ...lost.violations,
    ...losses.violations,
    ...own.violations,
    ...handoffs.violations,
    ...short.violations,
    ...exits.violations,
  ].sort((a, b) => a.t - b.t);
  return {
    violations,
    stats: {
      grants: windows.length,
      grantsApplied: run.applied.filter((a) => a.kind === 'acquire').length,
      fencedAccepted: fenced.accepted,
      staleFencedAccepted: fenced.violations.length,
      staleFencedRefused: run.history.filter((e) => e.ev === 'fenced' && e.outcome === 'stale').length,
      rmwWrites: lost.writes,
      lostUpdatesOutsideAssumptions: lost.outsideAssumptions,
      losses: losses.total,
      lossesExplained: losses.explained,
      orphanGrants: own.orphans,
      takeoverMs: handoffs.takeoverMs,
      releaseHandoffMs: handoffs.releaseHandoffMs,
      slowHandoffsExplained: handoffs.slowExplained,
      shortCallerTakeovers: short.byMode,
      shortCallerSlowExplained: short.slowExplained,
      workersStopped: exits.stopped,
      workersExitedClean: exits.clean,
    },
  };
}
