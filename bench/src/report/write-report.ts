import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { BenchResults } from '../results.js';
import { charts } from './charts.js';
import { comparisonTable } from './comparison.js';
import { markdownReport, targetsTable } from './markdown.js';
import { shortTakeoverSummary } from './short-takeover-table.js';

const BEGIN = '<!-- bench:summary:begin -->';
const END = '<!-- bench:summary:end -->';

/**
 * Writes latest.json, latest.md and the charts. A full run writes into results/ (committed) and
 * refreshes the summary in bench/README.md; a quick run writes into results/quick/ (ignored), so
 * smoke runs in CI or on a laptop never overwrite the figures the README quotes.
 */
export function writeReport(results: BenchResults): string[] {
  const dir = fileURLToPath(new URL(results.quick ? '../../results/quick/' : '../../results/', import.meta.url));
  mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  const write = (name: string, content: string) => {
    writeFileSync(`${dir}${name}`, content);
    written.push(name);
  };
  write('latest.json', `${JSON.stringify(results, null, 1)}\n`);
  write('latest.md', markdownReport(results));
  for (const [name, svg] of Object.entries(charts(results))) write(name, `${svg}\n`);
  if (!results.quick) {
    const readme = fileURLToPath(new URL('../../README.md', import.meta.url));
    const text = readFileSync(readme, 'utf8');
    const at = text.indexOf(BEGIN);
    const end = text.indexOf(END);
    if (at >= 0 && end > at) {
      const reruns = Object.entries(results.rerun ?? {})
        .map(([name, at]) => `${name} re-run alone on ${at.slice(0, 10)}`)
        .join(', ');
      const summary = [
        BEGIN,
        '',
        `Full run of ${results.startedAt.slice(0, 10)}${reruns ? ` (${reruns})` : ''} (${results.machine.cpus} cores,` +
          ` Node ${results.machine.node}, dynalite; [full report](results/latest.md)):`,
        '',
        comparisonTable(results),
        '',
        ...(results.shortTakeover?.length ? [shortTakeoverSummary(results), ''] : []),
        targetsTable(results),
        '',
        END,
      ].join('\n');
      writeFileSync(readme, text.slice(0, at) + summary + text.slice(end + END.length));
      written.push('../README.md');
    }
  }
  return written.map((name) => `${dir}${name}`.replace(/.*\/bench\//, 'bench/'));
}
