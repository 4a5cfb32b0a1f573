import type { RequestCounts } from '@ddb-lock/local-dynamo';

/** Requests between two snapshots of the proxy's counters, zero-count operations left out. */
export function diffCounts(before: RequestCounts, after: RequestCounts): RequestCounts {
  const diff: RequestCounts = {};
  for (const [op, n] of Object.entries(after)) {
    const d = n - (before[op] ?? 0);
    if (d > 0) diff[op] = d;
  }
  return diff;
}

export function totalOf(counts: RequestCounts): number {
  return Object.values(counts).reduce((a, b) => a + b, 0);
}

/** Counts divided by `n` (per operation), e.g. requests per acquire+release. */
export function perOp(counts: RequestCounts, n: number): RequestCounts {
  return Object.fromEntries(Object.entries(counts).map(([op, c]) => [op, c / n]));
}

/** "1 UpdateItem + 1 GetItem", rounded to two decimals. */
export function formatCounts(counts: RequestCounts): string {
  const entries = Object.entries(counts).sort(([a], [b]) => a.localeCompare(b));
  if (entries.length === 0) return '0';
  return entries.map(([op, n]) => `${+n.toFixed(2)} ${op}`).join(' + ');
}

/** Measures the requests `work` makes, by operation. Only valid while nothing else runs. */
export async function countDuring(counts: () => Promise<RequestCounts>, work: () => Promise<void>): Promise<RequestCounts> {
  const before = await counts();
  await work();
  return diffCounts(before, await counts());
}
