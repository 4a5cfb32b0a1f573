import { type CodeIdentity, sameCode } from './code-identity.ts';
import { type ChunkEntry, chunkTasks, isDone, type Ledger } from './long-run-ledger.ts';

/** What a set of chunks adds up to. */
export interface LongRunTotals {
  readonly chunks: number;
  readonly scenarios: number;
  readonly grants: number;
  readonly virtualMs: number;
  /** Time spent in the chunks, summed over the workers (two workers: about twice the elapsed time). */
  readonly chunkMs: number;
  /** Elapsed time of the sessions: from each session's start to its last chunk. */
  readonly elapsedMs: number;
  readonly recreations: { readonly increasing: number; readonly decreasing: number };
  /** Scenarios whose beliefs overlapped only outside the fast mode's skew bound. */
  readonly outsideSkewBound: number;
  readonly sessions: readonly string[];
  readonly dates: readonly string[];
  readonly commits: readonly string[];
  /** Distinct simulator versions (tools/sim/src) that ran them. */
  readonly simVersions: number;
}

/**
 * Adds up `chunks` (as the ledger keeps them, one entry per seed and code).
 *
 * @example
 * ```ts
 * const { scenarios } = totals(ledger.chunks.filter((c) => sameCode(c.code, code)));
 * ```
 */
export function totals(chunks: readonly ChunkEntry[]): LongRunTotals {
  const sum = (pick: (c: ChunkEntry) => number) => chunks.reduce((s, c) => s + pick(c), 0);
  const distinct = (pick: (c: ChunkEntry) => string) => [...new Set(chunks.map(pick))].sort();
  const sessions = distinct((c) => c.session);
  // A session's elapsed time ends with its last chunk; the time before its first (computing the
  // code's identity, loading the workers) is part of it, as a session pays for it.
  const elapsedMs = sessions.reduce((s, session) => {
    const last = Math.max(...chunks.filter((c) => c.session === session).map((c) => Date.parse(c.date)));
    return s + (last - Date.parse(session));
  }, 0);
  return {
    chunks: chunks.length,
    scenarios: sum((c) => c.scenarios),
    grants: sum((c) => c.grants),
    virtualMs: sum((c) => c.virtualMs),
    chunkMs: sum((c) => c.wallMs),
    elapsedMs,
    recreations: { increasing: sum((c) => c.recreations.increasing), decreasing: sum((c) => c.recreations.decreasing) },
    outsideSkewBound: sum((c) => c.outsideSkewBound ?? 0),
    sessions,
    dates: distinct((c) => c.date.slice(0, 10)),
    commits: distinct((c) => c.code.commit),
    simVersions: distinct((c) => c.code.sim).length,
  };
}

/**
 * The long run's report, generated from the ledger alone: the totals on `code` (the checkout's
 * current code) against the target, stated plainly when short of it, each session, any violation
 * with its replay and timeline, and, apart, the chunks that ran on older code.
 *
 * @example
 * ```ts
 * writeFileSync('tools/sim/results/long-run.md', renderReport(ledger, await codeIdentity(), 'long-run.json'));
 * ```
 */
export function renderReport(ledger: Ledger, code: CodeIdentity, source: string): string {
  const current = ledger.chunks.filter((c) => sameCode(c.code, code));
  const older = ledger.chunks.filter((c) => !sameCode(c.code, code));
  const now = totals(current);
  const target = ledger.target;
  const lines = ['# ddb-lock simulator: long run', ''];
  lines.push(
    `Generated from \`${source}\` (${ledger.chunks.length} chunks recorded)` +
      (target ? `. Target: ${n(target.scenarios)} scenarios from seed ${target.seed}, in chunks of ${n(target.chunk)}.` : '.'),
    '',
  );
  if (target) {
    // Progress counts the target's own chunks only (a ledger may also hold other seeds' chunks).
    const tasks = chunkTasks(target);
    const done = tasks.filter((t) => isDone(ledger, t, code));
    const reached = done.reduce((s, t) => s + t.runs, 0);
    lines.push(
      reached < target.scenarios
        ? `**Below target: ${n(reached)} of ${n(target.scenarios)} scenarios (${((100 * reached) / target.scenarios).toFixed(1)} %, ` +
            `${done.length} of ${tasks.length} chunks) have run on the current code; ${tasks.length - done.length} chunks to go.**`
        : `**Target reached: all ${n(target.scenarios)} scenarios (${tasks.length} chunks) have run on the current code.**`,
      '',
    );
  }
  const violations = current.filter((c) => c.violation);
  lines.push(
    violations.length > 0 ? `**${violations.length} chunk(s) found a VIOLATION on the current code (below).**` : 'No violation.',
    '',
  );
  lines.push(
    '## Current code',
    '',
    `Runtime \`${short(code.runtime)}\`, simulated \`${short(code.simulated)}\` (commits ${now.commits.map(short).join(', ') || '–'}; ` +
      `${now.simVersions} simulator version(s)).`,
    '',
    ...totalsTable(now),
    '',
  );
  if (now.sessions.length > 0) {
    lines.push(
      '| session | workers | chunks | scenarios | elapsed | scenarios / s | load average (1 min, chunk ends) |',
      '|---|---|---|---|---|---|---|',
    );
    for (const session of now.sessions) {
      const mine = current.filter((c) => c.session === session);
      const t = totals(mine);
      const loads = mine.map((c) => c.loadavg[0] ?? 0);
      const load = `${Math.min(...loads).toFixed(2)}–${Math.max(...loads).toFixed(2)}`;
      lines.push(row(session, mine[0]?.workers, t.chunks, n(t.scenarios), minutes(t.elapsedMs), rate(t.scenarios, t.elapsedMs), load));
    }
    lines.push('');
  }
  for (const c of violations) {
    const v = c.violation!;
    lines.push(
      `## VIOLATION in chunk ${c.index} (seed ${c.seed})`,
      '',
      `replay: seed ${v.seed}${v.path ? `, path ${v.path}` : ''} ` +
        `(\`npm run sim -w tools/sim -- --seed ${v.seed} --scenarios ${c.scenarios}\` draws the same scenarios)`,
      '',
    );
    lines.push('```', ...v.violations, v.scenario, '', v.timeline, '```', '');
  }
  lines.push('## Older code', '');
  if (older.length === 0) lines.push('None: every chunk ran on the current code.', '');
  else {
    lines.push('Not counted above: these chunks ran a runtime that has changed since.', '');
    const groups = [...new Set(older.map((c) => `${c.code.runtime} ${c.code.simulated}`))];
    for (const group of groups) {
      const t = totals(older.filter((c) => `${c.code.runtime} ${c.code.simulated}` === group));
      const [runtime, simulated] = group.split(' ') as [string, string];
      lines.push(`Runtime \`${short(runtime)}\`, simulated \`${short(simulated)}\` (commits ${t.commits.map(short).join(', ')}):`, '');
      lines.push(...totalsTable(t), '');
    }
  }
  return `${lines.join('\n')}\n`;
}

function totalsTable(t: LongRunTotals): string[] {
  return [
    row(
      'scenarios',
      'simulated grants',
      'virtual hours',
      'wall time (elapsed)',
      'wall time (in chunks, all workers)',
      'scenarios / s (elapsed)',
      'fence recreations (larger / smaller)',
      'overlaps outside the skew bound (scenarios)',
      'sessions',
      'dates',
    ),
    '|---|---|---|---|---|---|---|---|---|---|',
    row(
      n(t.scenarios),
      n(t.grants),
      (t.virtualMs / 3_600_000).toFixed(1),
      minutes(t.elapsedMs),
      minutes(t.chunkMs),
      rate(t.scenarios, t.elapsedMs),
      `${n(t.recreations.increasing)} / ${n(t.recreations.decreasing)}`,
      n(t.outsideSkewBound),
      t.sessions.length,
      t.dates.join(', ') || '–',
    ),
  ];
}

const row = (...cells: unknown[]) => `| ${cells.join(' | ')} |`;

const n = (x: number) => x.toLocaleString('en-US');
const short = (hash: string) => hash.replace(/^sha256:/, '').slice(0, 12);
const minutes = (ms: number) => (ms < 120_000 ? `${(ms / 1000).toFixed(0)} s` : `${(ms / 60_000).toFixed(1)} min`);
const rate = (scenarios: number, ms: number) => (ms > 0 ? (scenarios / (ms / 1000)).toFixed(0) : '–');
