import type { BenchConfig } from '../config.js';
import type { BenchEnv } from '../env/bench-env.js';

/** What every scenario gets: the running server, the sizes, and a progress logger. */
export interface BenchContext {
  readonly env: BenchEnv;
  readonly config: BenchConfig;
  log(message: string): void;
}

/** Lease and heartbeat for scenarios where a lock is held only briefly (library defaults). */
export const SHORT_HOLD = { leaseMs: 20_000, heartbeatMs: 5_000 } as const;

/** A key no earlier run or scenario has used. */
let serial = 0;
export function freshKey(prefix: string): string {
  serial += 1;
  return `${prefix}-${process.pid}-${serial}`;
}
