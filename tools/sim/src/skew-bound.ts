import type { SimProcess } from './world.ts';

/**
 * Whether two processes' beliefs that overlap from true time `at` on are outside the fast mode's
 * assumption (and so not a violation of S2, SN or SE).
 */
export type SkewExcuse = (ownerA: string, ownerB: string, at: number) => boolean;

/** Two clocks' rates differ by at most 8 % (each within ±4 %, scenario.ts). */
const MAX_DIVERGENCE = 0.08;

/**
 * In fast-takeover mode S2, SN and SE hold only while wall clocks differ by at most `maxSkewMs`.
 * The generator draws skews within that bound, but clocks that drift apart leave it as a run goes
 * on (±4 % each: 0.08 × 9 s is 720 ms). Two beliefs that overlap while the two wall clocks differ
 * by more than the bound plus what they could have drifted apart in one lease are outside the
 * assumption — the takeover was decided at most a lease earlier, with the bound already broken —
 * and are not counted. Within that, an overlap is a violation. The skew-free mode has no such
 * assumption (it never reads a wall clock to take over), so there nothing is excused.
 *
 * One rule for the monitor (at each event) and the windows checked after the run (at the start of
 * their overlap), so the two cannot judge one overlap differently.
 *
 * @example
 * ```ts
 * const excused = skewExcuse(procs, scenario.maxSkewMs === undefined ? undefined : { maxSkewMs: 250, leaseMs: 1000 });
 * excused('p0', 'p1', 5592.4); // true when their wall clocks were > 330 ms apart then
 * ```
 */
export function skewExcuse(
  procs: readonly SimProcess[],
  fastMode: { readonly maxSkewMs: number; readonly leaseMs: number } | undefined,
): SkewExcuse {
  if (!fastMode) return () => false;
  const bound = fastMode.maxSkewMs + MAX_DIVERGENCE * fastMode.leaseMs;
  const byName = new Map(procs.map((p) => [p.name, p]));
  return (ownerA, ownerB, at) => {
    const [a, b] = [byName.get(ownerA), byName.get(ownerB)];
    return a !== undefined && b !== undefined && Math.abs(a.wallOffsetAt(at) - b.wallOffsetAt(at)) > bound;
  };
}
