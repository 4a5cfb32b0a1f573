import { setImmediate as nextTurn } from 'node:timers/promises';

/** A small seeded PRNG (mulberry32): every random choice of a scenario comes from its seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Event {
  readonly at: number;
  readonly seq: number;
  readonly run: () => void;
  /** The process whose code runs (paused: deferred; crashed: dropped); none for the server and the network. */
  readonly owner: SimProcess | undefined;
}

/**
 * Virtual true time and the one event queue of a scenario. Events run in (time, insertion) order;
 * after each, every promise continuation it set off runs before the next (one macrotask turn), so
 * a run is a pure function of the scenario.
 *
 * @example
 * ```ts
 * const world = new World(7);
 * world.at(100, () => console.log(world.now));
 * await world.run(60_000);
 * ```
 */
export class World {
  now = 0;
  events = 0;
  readonly random: () => number;
  readonly timeline: string[] = [];
  /** Runs after every event (and the continuations it set off): the scenario's monitors. */
  afterEvent: () => void = () => undefined;
  /** Off for speed; a failing scenario is replayed with it on (runs are deterministic). */
  logging = false;
  private readonly queue: Event[] = [];
  private seq = 0;

  constructor(seed: number) {
    this.random = prng(seed);
  }

  /** Runs `run` at true time `at` (not before now), as `owner`'s code when given. */
  at(at: number, run: () => void, owner?: SimProcess): void {
    const event = { at: Math.max(at, this.now), seq: this.seq++, run, owner };
    const q = this.queue;
    q.push(event);
    let i = q.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (before(q[parent]!, event)) break;
      q[i] = q[parent]!;
      i = parent;
    }
    q[i] = event;
  }

  log(line: string | (() => string)): void {
    if (!this.logging) return;
    if (typeof line === 'function') line = line();
    this.timeline.push(`${this.now.toFixed(1).padStart(9)} ${line}`);
  }

  /** Runs events until `done()` or the queue is empty; false when `untilMs` of virtual time or the event budget ran out first. */
  async run(untilMs: number, done: () => boolean = () => false, maxEvents = 200_000): Promise<boolean> {
    while (!done()) {
      const event = this.pop();
      if (!event) return true;
      if (event.at > untilMs || this.events >= maxEvents) return false;
      const owner = event.owner;
      if (owner?.crashed) continue;
      if (owner && owner.pausedUntil > event.at) {
        this.at(owner.pausedUntil, event.run, owner);
        continue;
      }
      this.now = event.at;
      this.events++;
      event.run();
      await nextTurn();
      this.afterEvent();
    }
    return true;
  }

  private pop(): Event | undefined {
    const q = this.queue;
    if (q.length === 0) return undefined;
    const top = q[0];
    const last = q.pop()!;
    if (q.length > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = -1;
        let best = last;
        if (l < q.length && before(q[l]!, best)) {
          m = l;
          best = q[l]!;
        }
        if (r < q.length && before(q[r]!, best)) m = r;
        if (m < 0) break;
        q[i] = q[m]!;
        i = m;
      }
      q[i] = last;
    }
    return top;
  }
}

function before(a: Event, b: Event): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}

/** A timer handle as Node's: unref/ref/hasRef, so the runtime's `.unref?.()` calls work. */
interface SimTimer {
  cancelled: boolean;
  unref(): SimTimer;
  ref(): SimTimer;
  hasRef(): boolean;
}

/**
 * One simulated process: its own monotonic clock (rate `1 + drift`), its own wall clock (that
 * rate plus `skewMs`), its timers in virtual time (due times scale with its rate), its seeded
 * randomness; it can be paused (every timer and every response deferred until it resumes, while
 * its clocks keep running, like SIGSTOP or a Lambda freeze) and crashed (nothing of it runs
 * again). The runtime copy loaded for its slot reads all of these through sim-globals.js.
 *
 * @example
 * ```ts
 * const p = new SimProcess(world, 0, 'p0', { skewMs: -40, drift: 0.002, seed: 1 });
 * globalThis.__ddbLockSim[0] = p;
 * ```
 */
export class SimProcess {
  crashed = false;
  pausedUntil = 0;
  readonly timers = new Set<SimTimer>();
  readonly random: () => number;
  private uuids = 0;

  readonly world: World;
  readonly slot: number;
  readonly name: string;
  readonly clock: { readonly skewMs: number; readonly drift: number; readonly seed: number };

  constructor(world: World, slot: number, name: string, clock: SimProcess['clock']) {
    this.world = world;
    this.slot = slot;
    this.name = name;
    this.clock = clock;
    this.random = prng(clock.seed);
  }

  monotonicNow(): number {
    return 1_000 + this.world.now * (1 + this.clock.drift);
  }

  wallNow(): number {
    return Math.floor(WALL_T0 + this.world.now + this.wallOffsetAt(this.world.now));
  }

  /** How far its wall clock is ahead of an unskewed one at true time `at` (skew plus drift so far), unrounded. */
  wallOffsetAt(at: number): number {
    return at * this.clock.drift + this.clock.skewMs;
  }

  uuid(): string {
    return `${this.name}-${++this.uuids}`;
  }

  setTimeout(fn: (...args: unknown[]) => void, ms: number | undefined, ...args: unknown[]): SimTimer {
    const timer: SimTimer = {
      cancelled: false,
      unref: () => timer,
      ref: () => timer,
      hasRef: () => true,
    };
    this.timers.add(timer);
    this.world.at(
      this.world.now + this.trueDelay(ms),
      () => {
        if (timer.cancelled) return;
        this.timers.delete(timer);
        fn(...args);
      },
      this,
    );
    return timer;
  }

  /** Repeats `fn` every `ms` of this process's time until cleared (clearInterval is clearTimeout). */
  setInterval(fn: (...args: unknown[]) => void, ms: number | undefined, ...args: unknown[]): SimTimer {
    const timer: SimTimer = { cancelled: false, unref: () => timer, ref: () => timer, hasRef: () => true };
    this.timers.add(timer);
    const tick = () => {
      if (timer.cancelled) return;
      this.world.at(this.world.now + this.trueDelay(ms), tick, this);
      fn(...args);
    };
    this.world.at(this.world.now + this.trueDelay(ms), tick, this);
    return timer;
  }

  clearTimeout(timer: SimTimer | undefined): void {
    if (!timer) return;
    timer.cancelled = true;
    this.timers.delete(timer);
  }

  /** Node runs a timer no sooner than 1 ms; local ms last 1 / (1 + drift) true ms. */
  private trueDelay(ms: number | undefined): number {
    return Math.max(1, Number.isFinite(ms) ? (ms as number) : 1) / (1 + this.clock.drift);
  }

  /** Sleeps `ms` of this process's time (its program's work between lock calls). */
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.setTimeout(() => resolve(), ms));
  }
}

/** Epoch ms of virtual time 0 on an unskewed wall clock. */
export const WALL_T0 = Date.UTC(2026, 11, 7, 0, 0, 0);
