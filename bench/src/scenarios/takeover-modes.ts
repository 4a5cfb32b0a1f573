import type { ContenderKind, LockSettings } from '../contenders/contender.js';
import { contenderById } from '../contenders/registry.js';

/** One way of taking over a dead holder's lock: a library and whether it trusts wall clocks. */
export interface TakeoverMode {
  readonly id: string;
  readonly label: string;
  readonly kind: ContenderKind;
  readonly trustClock: boolean;
}

const modes: Record<string, { contender: string; trustClock: boolean; label: string }> = {
  'ddb-lock': { contender: 'ddb-lock', trustClock: false, label: 'ddb-lock default (skew-free)' },
  'ddb-lock-fast': { contender: 'ddb-lock', trustClock: true, label: 'ddb-lock fast mode (trustWallClock)' },
  'dlc-failopen': { contender: 'dlc-failopen', trustClock: false, label: 'dynamodb-lock-client FailOpen' },
  'dlc-failopen-trust': { contender: 'dlc-failopen', trustClock: true, label: 'dynamodb-lock-client FailOpen trustLocalTime' },
  deliveryhero: { contender: 'deliveryhero', trustClock: false, label: '@deliveryhero/dynamodb-lock' },
  'deliveryhero-trust': { contender: 'deliveryhero', trustClock: true, label: '@deliveryhero/dynamodb-lock trustLocalTime' },
};

export function takeoverMode(id: string): TakeoverMode {
  const mode = modes[id];
  if (!mode) throw new Error(`unknown takeover mode ${id}`);
  return { id, label: mode.label, kind: contenderById(mode.contender), trustClock: mode.trustClock };
}

/** Settings of holder and waiter alike: the 2 s lease, heartbeats at a quarter of it. */
export function takeoverSettings(mode: TakeoverMode, leaseMs: number): LockSettings {
  return { leaseMs, heartbeatMs: leaseMs / 4, trustClock: mode.trustClock };
}
