import type { Runtime } from './runtime-bundle.ts';
import type { SkewExcuse } from './skew-bound.ts';
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
 * election's key, so SE reports it instead of S2); SN, at most `permits` permits of each semaphore
 * believed valid (each permit is a lock: two holders of one permit are S2's to judge, so SN counts
 * permits, not holders). Each is reported once per key. An overlap `excused` allows (the fast
 * mode's skew bound broken, skew-bound.ts) is not counted.
 *
 * @example
 * ```ts
 * world.afterEvent = beliefMonitor(world, procs, clients, scenario.permits, violations, skewExcuse(procs, fastMode));
 * ```
 */
export function beliefMonitor(
  world: World,
  procs: readonly SimProcess[],
  clients: readonly Client[],
  permits: number,
  violations: string[],
  excused: SkewExcuse,
): () => void {
  const reported = new Set<string>();
  const report = (id: string, what: () => string) => {
    if (reported.has(id)) return;
    reported.add(id);
    violations.push(what());
  };
  return () => {
    const valid = new Map<string, { owner: string; fence: number }>();
    const held = new Map<string, Map<string, string>>();
    clients.forEach((client, i) => {
      if (procs[i]!.crashed) return;
      for (const lock of client.heldLocks) {
        if (!lock.isValid()) continue;
        const name = procs[i]!.name;
        const other = valid.get(lock.key);
        if (other && other.fence !== lock.fence && !excused(other.owner, name, world.now)) {
          const who = `${other.owner} (fence ${other.fence}) and ${name} (fence ${lock.fence})`;
          const election = electionOf(lock.key);
          report(lock.key, () =>
            election !== undefined
              ? `SE: ${who} both believe themselves leader of ${election} at ${world.now.toFixed(1)}`
              : `S2: ${who} both hold ${lock.key} validly at ${world.now.toFixed(1)}`,
          );
        }
        valid.set(lock.key, { owner: name, fence: lock.fence });
        const semaphore = semaphoreOf(lock.key);
        if (semaphore !== undefined) held.set(semaphore, (held.get(semaphore) ?? new Map()).set(lock.key, name));
      }
    });
    for (const [semaphore, byPermit] of held) {
      if (byPermit.size <= permits) continue;
      const at = world.now.toFixed(1);
      const list = [...byPermit].map(([key, name]) => `${name} on ${key}`).join(', ');
      report(`SN ${semaphore}`, () => `SN: ${byPermit.size} permits of ${semaphore} (N = ${permits}) believed valid at ${at}: ${list}`);
    }
  };
}
