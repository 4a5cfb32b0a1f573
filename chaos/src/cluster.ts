import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { HistoryEvent, NemesisEvent, WorkerEvent } from './history.js';
import { mono } from './mono.js';
import type { WorkerConfig } from './worker-config.js';

const WORKER_FILE = fileURLToPath(new URL('./worker.ts', import.meta.url));

/**
 * The worker processes of one run and the history they write. Process faults (SIGSTOP/SIGCONT,
 * SIGKILL) go through here so they are logged on the same timeline as the workers' events.
 */
export class Cluster {
  readonly history: HistoryEvent[] = [];
  private readonly procs = new Map<number, { child: ChildProcess; exited: Promise<void>; paused: boolean }>();
  private nextId = 0;

  constructor(private readonly configFor: (id: number) => WorkerConfig) {}

  /** Starts a new worker (a respawn after a kill is a new worker with a new id and owner). */
  spawn(): number {
    const id = this.nextId++;
    const child = spawn(process.execPath, ['--import', 'tsx', WORKER_FILE, JSON.stringify(this.configFor(id))], {
      stdio: ['pipe', 'pipe', 'inherit'],
      env: { ...process.env, NODE_OPTIONS: '' },
    });
    child.stdin!.on('error', () => undefined); // a killed worker's stdin: nothing to tell it any more
    createInterface({ input: child.stdout! }).on('line', (line) => {
      try {
        this.history.push({ ...(JSON.parse(line) as WorkerEvent & { t: number }), w: id });
      } catch {
        // stray output: not part of the history
      }
    });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    this.procs.set(id, { child, exited, paused: false });
    this.note({ ev: 'spawn', target: id });
    return id;
  }

  note(e: NemesisEvent): void {
    this.history.push({ ...e, t: mono(), w: -1 });
  }

  get live(): number[] {
    return [...this.procs.entries()].filter(([, p]) => p.child.exitCode === null && p.child.signalCode === null).map(([id]) => id);
  }

  /** Workers that hold a lock now according to their own logs (grant without release-start/lost). */
  holders(): number[] {
    const held = new Map<number, number>();
    for (const e of this.history) {
      if (e.ev === 'grant') held.set(e.w, (held.get(e.w) ?? 0) + 1);
      if (e.ev === 'release-start' || e.ev === 'lost') held.set(e.w, (held.get(e.w) ?? 1) - 1);
    }
    return this.live.filter((id) => (held.get(id) ?? 0) > 0 && !this.procs.get(id)!.paused);
  }

  pause(id: number, ms: number): Promise<void> {
    const p = this.procs.get(id);
    if (!p || p.paused) return Promise.resolve();
    p.child.kill('SIGSTOP');
    p.paused = true;
    this.note({ ev: 'pause', target: id, ms });
    return new Promise((resolve) => setTimeout(() => { this.resume(id); resolve(); }, ms));
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
