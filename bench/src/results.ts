import type { FootprintResult } from './scenarios/footprint.js';
import type { HandoffResult } from './scenarios/handoff.js';
import type { LatencyResult } from './scenarios/latency.js';
import type { RequestsResult } from './scenarios/requests.js';
import type { ScalingResult } from './scenarios/scaling.js';
import type { ShortTakeoverResult } from './scenarios/short-takeover.js';
import type { TakeoverResult } from './scenarios/takeover.js';
import type { ThroughputResult } from './scenarios/throughput.js';

/** Everything one run measured: the shape of results/latest.json. */
export interface BenchResults {
  readonly startedAt: string;
  /** The runtime code measured (see report/runtime-fingerprint.ts); absent in results written before it existed. */
  readonly runtime?: { readonly fingerprint: string; readonly commit: string };
  readonly quick: boolean;
  readonly machine: { readonly node: string; readonly cpus: number; readonly cpuModel: string; readonly platform: string };
  readonly versions: Record<string, string>;
  readonly contenders: readonly { readonly id: string; readonly label: string }[];
  readonly requests: RequestsResult[];
  readonly latency: LatencyResult[];
  readonly throughput: ThroughputResult[];
  readonly handoff: HandoffResult[];
  readonly takeover: TakeoverResult[];
  /** Scenario 5b; absent in results written before it existed. */
  readonly shortTakeover?: ShortTakeoverResult[];
  /** Scenarios re-run alone (`--only`) after `startedAt`, with when. */
  readonly rerun?: Record<string, string>;
  readonly footprint: FootprintResult[];
  readonly scaling: ScalingResult[];
  /** Errors a peer raised outside any call we made (e.g. a rejected heartbeat in a timer). */
  readonly peerErrors: readonly string[];
  readonly durationS: Record<string, number>;
}
