import type { HistoryEvent } from '../history.js';
import type { RunRecord, Violation } from './types.js';

export interface Exits {
  readonly violations: Violation[];
  /** Workers that stopped when asked (not killed by the nemesis). */
  readonly stopped: number;
  /** Of those, how many closed with no timer left and exited on their own. */
  readonly clean: number;
}

/**
 * Timers left running. Every worker the nemesis did not kill is asked to stop at the end of the
 * run: it finishes its grant, releases, closes its LockClient and SDK client, then reports the
 * ref'd timers still pending (`process.getActiveResourcesInfo()`) and whether the process exited
 * on its own within a grace, without `process.exit`. After all locks are released and the client
 * is closed, there must be no timer left and the process must exit by itself.
 */
export function checkExits(run: RunRecord): Exits {
  const out: Exits = { violations: [], stopped: 0, clean: 0 };
  const byWorker = new Map<
    number,
    {
      spawned?: number;
      killed?: number;
      stop?: HistoryEvent;
      closed?: Extract<HistoryEvent, { ev: 'closed' }>;
      exit?: Extract<HistoryEvent, { ev: 'exit' }>;
    }
  >();
  const of = (w: number) => {
    const entry = byWorker.get(w) ?? {};
    byWorker.set(w, entry);
    return entry;
  };
  let last = 0;
  for (const e of run.history) {
    last = Math.max(last, e.t);
    if (e.ev === 'spawn') of(e.target).spawned = e.t;
    else if (e.ev === 'kill') of(e.target).killed = e.t;
    else if (e.ev === 'stop') of(e.w).stop = e;
    else if (e.ev === 'closed') of(e.w).closed = e;
    else if (e.ev === 'exit') of(e.w).exit = e;
  }
  for (const [w, x] of byWorker) {
    if (x.killed !== undefined) continue; // SIGKILLed on purpose: nothing to close
    const key = `w${w}`;
    if (!x.stop) {
      out.violations.push({
        property: 'T1-no-clean-exit',
        key,
        t: last,
        message: `w${w} never stopped when asked (killed by the parent after its grace)`,
      });
      continue;
    }
    (out as { stopped: number }).stopped++;
    if (!x.closed) {
      out.violations.push({
        property: 'T1-no-clean-exit',
        key,
        t: x.stop.t,
        message: `w${w} stopped but did not close its client within the parent's grace`,
      });
      continue;
    }
    let clean = true;
    if (x.closed.timers > 0) {
      clean = false;
      out.violations.push({
        property: 'T1-timers-left-running',
        key,
        t: x.closed.t,
        message:
          `w${w} had ${x.closed.timers} timer(s) still running after releasing every lock and closing the client ` +
          `(active: ${x.closed.resources.join(', ')})`,
      });
    }
    if (!x.exit?.natural) {
      clean = false;
      out.violations.push({
        property: 'T1-no-clean-exit',
        key,
        t: x.exit?.t ?? x.closed.t,
        message: `w${w} did not exit on its own after closing ${
          x.exit?.resources ? `(still active: ${x.exit.resources.join(', ')})` : '(killed by the parent after its grace)'
        }`,
      });
    }
    if (clean) (out as { clean: number }).clean++;
  }
  return out;
}
