/** A figure over repeated runs: the median, the range, and every run's value. */
export interface Summary {
  readonly median: number;
  readonly min: number;
  readonly max: number;
  readonly runs: readonly number[];
}

/** Nearest-rank percentile of `values` (p in 0..100); NaN for no values. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Median with min/max over runs; runs that produced no value (NaN) are dropped. */
export function summarize(runs: readonly number[]): Summary {
  const valid = runs.filter((v) => Number.isFinite(v));
  return {
    median: median(valid),
    min: valid.length ? Math.min(...valid) : Number.NaN,
    max: valid.length ? Math.max(...valid) : Number.NaN,
    runs: valid,
  };
}

/** "12.3 (11.9–13.0)" — the way every figure appears in the report. */
export function fmt(s: Summary | undefined, digits = 1): string {
  if (!s || !Number.isFinite(s.median)) return 'n/a';
  const f = (v: number) => v.toFixed(digits);
  return s.runs.length > 1 ? `${f(s.median)} (${f(s.min)}–${f(s.max)})` : f(s.median);
}
