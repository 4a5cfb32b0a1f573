import type { SourceEdit } from './runtime-bundle.ts';

/** A known bug, as exact-text edits of the runtime's source: the simulator must catch each one. */
export interface Mutant {
  readonly id: string;
  /** The bug, or the guard it removes. */
  readonly bug: string;
  readonly edits: readonly SourceEdit[];
}

/**
 * Bugs the field shipped, or guards the lock relies on, each made by editing runtime/src as
 * esbuild bundles it (the bench CPU ledger's ablation mechanism). A stale edit fails the build
 * with its text, so a mutant never silently stops mutating. The last two are in the semaphore and
 * the election themselves, so only SN and SE can catch them (their permits and terms are locks
 * that stay exclusive one by one).
 *
 * @example
 * ```ts
 * for (const m of MUTANTS) console.log(m.id, '—', m.bug);
 * ```
 */
export const MUTANTS: readonly Mutant[] = [
  {
    id: 'heartbeat-after-release',
    bug: 'a release leaves the lock timers running: heartbeats and deadlines go on after release()',
    edits: [
      {
        file: 'lock/lock.ts',
        find: "    if (this.lockState === 'held') this.lockState = 'releasing';\n    this.timers.clear();",
        replace: "    if (this.lockState === 'held') this.lockState = 'releasing';",
      },
      {
        file: 'lock/lock.ts',
        find: '    this.lockState = state;\n    this.timers.clear();',
        replace: "    this.lockState = state;\n    if (state === 'lost') this.timers.clear();",
      },
    ],
  },
  {
    id: 'lost-response-as-busy',
    bug: 'an acquire whose write landed but whose response was lost reports busy instead of recognising its own item',
    edits: [
      {
        file: 'protocol/lock-protocol.ts',
        find: '        if (holder && ourSentAt !== undefined) return { acquired: true, info: holder, sentAt: ourSentAt };',
        replace: '',
      },
      {
        file: 'protocol/lock-protocol.ts',
        find: '      if (current && ourSentAt !== undefined) return { acquired: true, info: current, sentAt: ourSentAt };',
        replace: '',
      },
    ],
  },
  {
    id: 'ttl-in-milliseconds',
    bug: 'the TTL attribute written in epoch milliseconds (DynamoDB reads seconds: the item is never removed)',
    edits: [
      {
        file: 'protocol/ttl-seconds.ts',
        find: 'return Math.ceil((wallMs + retentionMs) / 1000);',
        replace: 'return Math.ceil(wallMs + retentionMs);',
      },
    ],
  },
  {
    id: 'validity-from-response',
    bug: "validity counted from the write's response instead of its send",
    edits: [
      {
        file: 'lock/lock.ts',
        find: 'this.validUntil = validityEnd(init.sentAt,',
        replace: 'this.validUntil = validityEnd(this.options.clock.monotonicNow(),',
      },
      { file: 'lock/lock.ts', find: 'this.validUntil = validityEnd(result.sentAt,', replace: 'this.validUntil = validityEnd(this.now(),' },
    ],
  },
  {
    id: 'watch-keeps-first-sighting',
    bug: 'the watch memory keeps its first sighting across a record-version change (a live holder taken over)',
    edits: [
      {
        file: 'client/watch-memory.ts',
        find: 'if (known?.recordVersion === holder.recordVersion) return known;',
        replace: 'if (known) return known;',
      },
    ],
  },
  {
    id: 'fence-not-incremented',
    bug: 'the fence is not incremented on takeover',
    edits: [{ file: 'protocol/acquire-request.ts', find: "':one': { N: '1' },", replace: "':one': { N: '0' }," }],
  },
  {
    id: 'wall-takeover-without-skew',
    bug: 'wall-clock (fast) takeover without the skew allowance',
    edits: [
      {
        file: 'client/lock-client.ts',
        find: 'expiredBefore: clock.wallNow() - this.#options.maxSkewMs',
        replace: 'expiredBefore: clock.wallNow()',
      },
      {
        // The wait loop's eligibility rule (shared with the semaphore since issue 22).
        file: 'client/takeover-in.ts',
        find: 'holder.expiresAt + rule.maxSkewMs - rule.wallNow + 1',
        replace: 'holder.expiresAt - rule.wallNow + 1',
      },
    ],
  },
  {
    id: 'watch-counted-from-send',
    bug: 'a waiter counts its lease from when its read was sent, not from when the answer arrived (design.md: observation time)',
    edits: [
      {
        file: 'client/lock-client.ts',
        find: '      const observedAt = clock.monotonicNow();',
        replace: '      const observedAt = clock.monotonicNow() - this.#options.requestTimeoutMs;',
      },
    ],
  },
  {
    id: 'timer-kept-on-loss',
    bug: 'the lock timers are not cleared when the lock is lost (here: close({ release: false }))',
    edits: [
      {
        file: 'lock/lock.ts',
        find: '    this.lockState = state;\n    this.timers.clear();',
        replace: "    this.lockState = state;\n    if (state === 'released') this.timers.clear();",
      },
    ],
  },
  {
    id: 'release-without-owner-check',
    bug: "a release that does not check the owner and fence (it frees a successor's lock)",
    edits: [
      {
        file: 'protocol/release-request.ts',
        find: '    ConditionExpression: held.expression,',
        // biome-ignore lint/suspicious/noTemplateCurlyInString: it is source text, put into release-request.ts
        replace: '    ConditionExpression: `(${held.expression}) OR attribute_exists(#owner)`,',
      },
    ],
  },
  {
    id: 'hold-count-off-by-one',
    bug: 'the reentrant hold count off by one: releasing a nested hold releases the lock',
    edits: [{ file: 'lock/lock.ts', find: 'if (this.holds > 1 && this.isValid()) {', replace: 'if (this.holds > 2 && this.isValid()) {' }],
  },
  {
    id: 'no-safety-margin',
    bug: "validity is the whole lease: no margin for clock-rate drift and the write's flight",
    edits: [{ file: 'lock/lease.ts', find: 'return sentAt + leaseMs - margin;', replace: 'return sentAt + leaseMs + 0 * margin;' }],
  },
  {
    id: 'half-lease-watch',
    bug: 'a waiter takes over after watching one record version for half a lease',
    edits: [
      {
        file: 'client/watch-memory.ts',
        find: 'return watch.since + watch.leaseMs - now;',
        replace: 'return watch.since + watch.leaseMs / 2 - now;',
      },
    ],
  },
  {
    id: 'watch-restarts-every-read',
    bug: 'a waiter restarts its watch on every read of the same record version: it never sees a dead holder out (skew-free)',
    edits: [
      {
        file: 'client/watch-memory.ts',
        find: 'if (known?.recordVersion === holder.recordVersion) return known;',
        replace: '',
      },
    ],
  },
  {
    id: 'try-forgets-sightings',
    bug: 'calls that never wait (tryAcquire, waitMs 0) do not remember what they saw: a cron caller never takes over a dead holder',
    edits: [
      {
        file: 'client/lock-client.ts',
        find: '      this.#watches.remember(target, watched);',
        replace: '      if (waitMs > 0) this.#watches.remember(target, watched);',
      },
    ],
  },
  {
    id: 'semaphore-admits-n-plus-1',
    bug: 'the semaphore admits N + 1: it picks among N + 1 permit items (an off-by-one in its permit keys)',
    edits: [
      {
        file: 'semaphore/semaphore.ts',
        find: 'Array.from({ length: options.permits }, (_, i) => permitKey(name, i, sortKeyed))',
        replace: 'Array.from({ length: options.permits + 1 }, (_, i) => permitKey(name, i, sortKeyed))',
      },
    ],
  },
  {
    id: 'two-valid-leaders',
    bug:
      "a candidate dates its sighting of the leader record from the record's own wall-clock time: a live leader " +
      'whose clock is behind looks expired, and is taken over (two valid leaders)',
    edits: [
      {
        file: 'election/election.ts',
        find: 'internals.watches.observe(this.#lockKey, info, internals.options.clock.monotonicNow());',
        replace:
          'const { clock } = internals.options;\n' +
          '    const age = info ? Math.max(0, clock.wallNow() - (info.expiresAt - info.leaseMs)) : 0;\n' +
          '    internals.watches.observe(this.#lockKey, info, clock.monotonicNow() - age);',
      },
    ],
  },
];
