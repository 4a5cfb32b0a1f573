import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join, sep } from 'node:path';

/** A Node.js binary the consumer checks run on. */
export interface NodeBinary {
  major: number;
  path: string;
}

function versionOf(path: string): number {
  return Number(/^v(\d+)\./.exec(execFileSync(path, ['--version'], { encoding: 'utf8' }))?.[1]);
}

/**
 * The Node.js versions users run, found on this machine: Node 22 is the one npm scripts run on
 * (the `node` devDependency), Node 20 the machine's own (the first `node` on PATH outside any
 * node_modules). Each missing major is `skipped`, with a line that says so.
 */
export function nodeBinaries(): { found: NodeBinary[]; skipped: string[] } {
  const candidates = [process.execPath];
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir === '' || dir.split(sep).includes('node_modules')) continue;
    const path = join(dir, 'node');
    if (existsSync(path)) candidates.push(path);
  }
  const found: NodeBinary[] = [];
  for (const path of candidates) {
    const major = versionOf(path);
    if ((major === 20 || major === 22) && !found.some((binary) => binary.major === major)) found.push({ major, path });
  }
  const skipped = [20, 22]
    .filter((major) => !found.some((binary) => binary.major === major))
    .map((major) => `consumer: no Node ${major} on this machine; its checks are skipped (install Node ${major} to run them)`);
  return { found: found.sort((a, b) => a.major - b.major), skipped };
}
