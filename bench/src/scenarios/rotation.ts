/**
 * The contenders in a different order each round, so drift on a shared, noisy machine (a
 * neighbour's build, GC in the server) does not always hit the same library first or last.
 */
export function rotated<T>(items: readonly T[], round: number): T[] {
  const k = round % items.length;
  return [...items.slice(k), ...items.slice(0, k)];
}
