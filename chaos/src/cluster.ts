import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { HistoryEvent, NemesisEvent, WorkerEvent } from './history.js';
import { mono } from './mono.js';
import { workerBundle } from './worker-bundle.js';
import type { WorkerConfig } from './worker-config.js';

/**
 * The worker processes of one run and the history they write. Process faults (SIGSTOP/SIGCONT,
 * SIGKILL) go through here so they are logged on the same timeline as the workers' events.
 */
export class Cluster {
  readonly history: HistoryEvent[] = [];
  private readonly procs = new Map<number, { child: ChildProcess; exited: Promise<void>; paused: boolean }>();
  private nextId = 0;
  /** Counted as events arrive: long runs have millions of events, too many to scan per question. */
  grants = 0;
  started = 0;
  /** Grants each worker holds now by its own log (`key|fence`, until release-start, loss or kill). */
  private readonly held = new Map<number, Set<string>>();
  /** Once {@link go} was called, new workers are told to go as soon as they are spawned. */
  private going = false;
  /** SIGKILLed workers: not live any more, even before their exit is seen. */
  private readonly killed = new Set<number>();

  constructor(private readonly configFor: (id: number) => WorkerConfig) {}

  /** Starts a new worker (a respawn after a kill is a new worker with a new id and owner). */
  spawn(): number {
    const id = this.nextId++;
    const child = spawn(process.execPath, [workerBundle(), JSON.stringify(this.configFor(id))], {
      stdio: ['pipe', 'pipe', 'inherit'],
      env: { ...process.env, NODE_OPTIONS: '' },
    });
    child.stdin!.on('error', () => undefined); // a killed worker's stdin: nothing to tell it any more
    createInterface({ input: child.stdout! }).on('line', (line) => {
      try {
        const e = { ...(JSON.parse(line) as WorkerEvent & { t: number }), w: id };
        this.history.push(e);
        this.track(e);
      } catch {
        // stray output: not part of the history
      }
    });
    // 'close', not 'exit': 'exit' can come before the last lines on stdout are read, and a worker
    // whose 'stop' and 'closed' lines were still in the pipe would look as if it never stopped.
    const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
    this.procs.set(id, { child, exited, paused: false });
    this.note({ ev: 'spawn', target: id });
    if (this.going) child.stdin!.write('go\n');
    return id;
  }

  private track(e: WorkerEvent & { w: number }): void {
    if (e.ev === 'start') this.started++;
    if (e.ev !== 'grant' && e.ev !== 'release-start' && e.ev !== 'lost') return;
    if (e.ev === 'grant') this.grants++;
    const set = this.held.get(e.w) ?? new Set<string>();
    this.held.set(e.w, set);
    if (e.ev === 'grant') set.add(`${e.key}|${e.fence}`);
    else set.delete(`${e.key}|${e.fence}`);
  }

  /** Lets every worker that waits for it (WorkerConfig.warmUp) begin contending, now and from now on. */
  go(): void {
    this.going = true;
    for (const id of this.live) this.procs.get(id)!.child.stdin!.write('go\n');
  }

  note(e: NemesisEvent): void {
    this.history.push({ ...e, t: mono(), w: -1 });
  }

  get live(): number[] {
    return [...this.procs.entries()]
      .filter(([id, p]) => !this.killed.has(id) && p.child.exitCode === null && p.child.signalCode === null)
      .map(([id]) => id);
  }

  /**
   * Workers that hold a lock now according to their own logs (a grant without its release-start
   * or loss), not paused. Per grant: a loss followed by the release call must not count twice.
   */
  holders(): number[] {
    return this.live.filter((id) => (this.held.get(id)?.size ?? 0) > 0 && !this.procs.get(id)!.paused);
  }

  pause(id: number, ms: number): Promise<void> {
    const p = this.procs.get(id);
    if (!p || p.paused) return Promise.resolve();
    p.child.kill('SIGSTOP');
    p.paused = true;
    this.note({ ev: 'pause', target: id, ms });
    return new Promise((resolve) =>
      setTimeout(() => {
        this.resume(id);
        resolve();
      }, ms),
    );
  }

  resume(id: number): void {
    const p = this.procs.get(id);
    if (!p?.paused) return;
    p.child.kill('SIGCONT');
    p.paused = false;
    this.note({ ev: 'resume', target: id });
  }

  kill(id: number): void {
    const p = this.procs.get(id);
    if (!p) return;
    p.child.kill('SIGKILL');
    this.killed.add(id);
    this.note({ ev: 'kill', target: id });
  }

  /** Asks every worker to stop (stdin closes), waits, then kills the stragglers. Bounded. */
  async stop(graceMs: number): Promise<void> {
    for (const [id, p] of this.procs) {
      if (p.paused) this.resume(id);
      p.child.stdin!.end();
    }
    const all = Promise.all([...this.procs.values()].map((p) => p.exited));
    const timer = new Promise((r) => setTimeout(r, graceMs));
    await Promise.race([all, timer]);
    for (const p of this.procs.values()) if (p.child.exitCode === null) p.child.kill('SIGKILL');
    await all;
  }
}
