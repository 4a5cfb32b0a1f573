import type { CallMode } from './checker/types.js';

/**
 * Hands out short callers' modes so that every mode keeps its share of live workers: a new
 * worker (at the start, or replacing one the nemesis killed) gets the mode fewest live workers
 * have, so killing a mode's holders never leaves its keys without callers.
 *
 * @example
 * ```ts
 * const modes = new CallModes(['try', 'fresh']);
 * modes.next(0, []); // 'try'
 * modes.next(1, [0]); // 'fresh'
 * ```
 */
export class CallModes {
  private readonly modeOf = new Map<number, CallMode>();

  constructor(private readonly modes: readonly CallMode[]) {}

  next(id: number, live: readonly number[]): CallMode | undefined {
    if (this.modes.length === 0) return undefined;
    const count = (m: CallMode) => live.filter((w) => w !== id && this.modeOf.get(w) === m).length;
    const mode = this.modes.reduce((best, m) => (count(m) < count(best) ? m : best));
    this.modeOf.set(id, mode);
    return mode;
  }
}
