import type { Violation } from './checker/index.js';
import type { ScenarioRun } from './scenario.js';

/**
 * What a failing run prints: its seed, each violation, and the minimal history around it — the
 * events of that key (and the nemesis') from two leases before to one lease after.
 */
export function describeFailure(run: ScenarioRun, max = 5): string {
  const { scenario: s, result } = run;
  const lines = [`scenario "${s.name}" seed=${s.seed}: ${result.violations.length} violation(s)`];
  for (const v of result.violations.slice(0, max)) lines.push(...excerpt(run, v));
  return lines.join('\n');
}

function excerpt(run: ScenarioRun, v: Violation): string[] {
  const lease = run.scenario.timing.leaseMs;
  const at = (t: number) => `${((t - run.origin) / 1000).toFixed(3).padStart(8)}s`;
  const worker = /^w(\d+)$/.exec(v.key);
  if (worker) {
    // A worker's own violation (it did not stop, close or exit): what it did last, however long
    // ago, and what the nemesis did to it — a worker that fell silent has nothing near the end.
    const w = Number(worker[1]);
    const last = run.record.history
      .filter((e) => e.w === w || ('target' in e && e.target === w))
      .slice(-25)
      .map(
        (e) =>
          `    ${at(e.t)} ${e.w === -1 ? 'nemesis' : `w${e.w}`} ${JSON.stringify({ ...e, t: undefined, w: undefined, wall: undefined })}`,
      );
    return [`- ${v.property} on ${v.key} at ${at(v.t)}: ${v.message}`, ...last];
  }
  const inRange = (t: number) => t >= v.t - 2 * lease && t <= v.t + lease;
  const events = run.record.history
    .filter((e) => inRange(e.t) && (('key' in e && e.key === v.key) || e.w === -1 || v.key === `w${e.w}`))
    .map((e) => ({
      t: e.t,
      text: `${e.w === -1 ? 'nemesis' : `w${e.w}`} ${JSON.stringify({ ...e, t: undefined, w: undefined, wall: undefined })}`,
    }));
  const server = run.record.applied
    .filter((a) => inRange(a.t) && (a.pk === v.key || a.pk.endsWith(`-${v.key}`)))
    .map((a) => ({
      t: a.t,
      text: [
        `server applied ${a.kind} ${a.pk} by w${a.worker}`,
        a.fence !== undefined ? ` fence=${a.fence}` : '',
        a.value !== undefined ? ` value=${a.value}` : '',
        a.seq !== undefined ? ` seq=${a.seq}` : '',
        a.delayed ? ` (${a.delayed})` : '',
      ].join(''),
    }));
  // The 40 lines nearest to the violation, in time order.
  const merged = [...events, ...server]
    .sort((a, b) => Math.abs(a.t - v.t) - Math.abs(b.t - v.t))
    .slice(0, 40)
    .sort((a, b) => a.t - b.t);
  return [`- ${v.property} on ${v.key} at ${at(v.t)}: ${v.message}`, ...merged.map((m) => `    ${at(m.t)} ${m.text}`)];
}
