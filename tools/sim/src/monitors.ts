import type { Runtime } from './runtime-bundle.ts';
import type { SimProcess, World } from './world.ts';

type Client = InstanceType<Runtime['LockClient']>;

/**
 * The semaphore a permit's lock key belongs to (`s0#2` → `s0`); `undefined` for other keys.
 *
 * @example
 * ```ts
 * semaphoreOf('s1#0'); // 's1'
 * semaphoreOf('k1'); // undefined
 * ```
 */
export function semaphoreOf(key: string): string | undefined {
  return /^(s\d+)#\d+$/.exec(key)?.[1];
}

/**
 * The election a lock key is the term item of (`election/e0` → `e0`); `undefined` for other keys.
 *
 * @example
 * ```ts
 * electionOf('election/e2'); // 'e2'
 * ```
 */
export function electionOf(key: string): string | undefined {
  return key.startsWith('election/') ? key.slice('election/'.length) : undefined;
}

/**
 * The beliefs of the live processes, checked after every event (what each `isValid()` answers
 * at that instant of true time, on its own clock): S2, at most one valid grant of each lock key;
 * SE, at most one candidate of each election believing itself leader (a term is a lock on the
 * election's key, so SE reports it instead of S2); SN, at most `permits` valid permits of each
 * semaphore (each permit is a lock, so S2 also holds per permit). Each is reported once per key.
 *
 * @example
 * ```ts
 * world.afterEvent = beliefMonitor(world, procs, clients, scenario.permits, violations);
 * ```
 */
export function beliefMonitor(
  world: World,
  procs: readonly SimProcess[],
  clients: readonly Client[],
  permits: number,
  violations: string[],
  fastMode?: { readonly maxSkewMs: number; readonly leaseMs: number },
): () => void {
  const reported = new Set<string>();
  const report = (id: string, what: () => string) => {
    if (reported.has(id)) return;
    reported.add(id);
    violations.push(what());
  };
  return () => {
    const valid = new Map<string, { owner: string; fence: number; proc: SimProcess }>();
    const holders = new Map<string, string[]>();
    clients.forEach((client, i) => {
      if (procs[i]!.crashed) return;
      for (const lock of client.heldLocks) {
        if (!lock.isValid()) continue;
        const name = procs[i]!.name;
        const other = valid.get(lock.key);
        if (other && other.fence !== lock.fence && !outsideSkewBound(other.proc, procs[i]!, fastMode)) {
          const who = `${other.owner} (fence ${other.fence}) and ${name} (fence ${lock.fence})`;
          const election = electionOf(lock.key);
          report(lock.key, () =>
            election !== undefined
              ? `SE: ${who} both believe themselves leader of ${election} at ${world.now.toFixed(1)}`
              : `S2: ${who} both hold ${lock.key} validly at ${world.now.toFixed(1)}`,
          );
        }
        valid.set(lock.key, { owner: name, fence: lock.fence, proc: procs[i]! });
        const semaphore = semaphoreOf(lock.key);
        if (semaphore !== undefined) holders.set(semaphore, [...(holders.get(semaphore) ?? []), `${name} on ${lock.key}`]);
      }
    });
    for (const [semaphore, list] of holders) {
      if (list.length <= permits) continue;
      const at = world.now.toFixed(1);
      report(
        `SN ${semaphore}`,
        () => `SN: ${list.length} holders of ${semaphore} (N = ${permits}) believe a permit valid at ${at}: ${list.join(', ')}`,
      );
    }
  };
}

/** Two clocks' rates differ by at most 8 % (each within ±4 %, scenario.ts). */
const MAX_DIVERGENCE = 0.08;

/**
 * In fast-takeover mode S2 (and SE, SN) hold only while wall clocks differ by at most `maxSkewMs`.
 * The generator draws skews within that bound, but clocks that drift apart leave it as a run goes
 * on (±4 % each: 0.08 × 9 s is 720 ms). Two beliefs that overlap while the two wall clocks differ
 * by more than the bound plus what they could have drifted apart in one lease are outside the
 * assumption — the takeover was decided at most a lease earlier, with the bound already broken —
 * and are not counted. Within that, an overlap is a violation (the skew-free mode has no such
 * assumption: it never reads a wall clock to take over).
 */
function outsideSkewBound(
  a: SimProcess,
  b: SimProcess,
  fastMode: { readonly maxSkewMs: number; readonly leaseMs: number } | undefined,
): boolean {
  if (!fastMode) return false;
  return Math.abs(a.wallNow() - b.wallNow()) > fastMode.maxSkewMs + MAX_DIVERGENCE * fastMode.leaseMs;
}
