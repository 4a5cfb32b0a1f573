/**
 * Milliseconds on CLOCK_MONOTONIC. Unlike performance.now() (per-process origin), hrtime is
 * one timeline for every process on the machine, so the parent can compare workers' events.
 * It keeps running while a process is SIGSTOPped, as a real pause does.
 */
export function mono(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}
