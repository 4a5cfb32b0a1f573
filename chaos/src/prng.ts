/**
 * Seeded PRNG (mulberry32): every random choice of a run — faults, nemesis, workers' key
 * picks — comes from a seed, so a failing run can be replayed from the seed it prints.
 */
export class Prng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return p > 0 && this.next() < p;
  }

  /** Uniform integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** An independent stream for a sub-component (a worker, the proxy), stable for a seed. */
  fork(label: number): Prng {
    return new Prng(Math.imul(this.state ^ (label * 0x9e3779b1), 0x85ebca6b) ^ label);
  }
}
