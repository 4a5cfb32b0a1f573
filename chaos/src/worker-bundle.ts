import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const WORKER_FILE = fileURLToPath(new URL('./worker.ts', import.meta.url));

/** The slice of esbuild's API used here (esbuild comes with tsx, which runs this suite). */
interface Esbuild {
  buildSync(options: {
    entryPoints: string[];
    bundle: true;
    platform: 'node';
    format: 'esm';
    target: string;
    outfile: string;
    banner: { js: string };
    logLevel: 'error';
  }): unknown;
}

let bundled: string | undefined;

/**
 * The worker as one plain ES module, built once per parent process. Workers used to start under
 * tsx, compiling the runtime and hundreds of SDK modules on every start: ≈3–4 s of CPU each,
 * which on 2 cores made every SIGKILL + respawn of the nemesis stall the whole run. A bundle
 * starts in a fraction of that and runs the same code.
 */
export function workerBundle(): string {
  if (bundled) return bundled;
  const fromTsx = createRequire(createRequire(import.meta.url).resolve('tsx/package.json'));
  const esbuild = createRequire(join(dirname(fromTsx.resolve('esbuild')), 'x.js'))('esbuild') as Esbuild;
  const dir = mkdtempSync(join(tmpdir(), 'ddb-lock-chaos-'));
  const out = join(dir, 'worker.mjs');
  esbuild.buildSync({
    entryPoints: [WORKER_FILE],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: out,
    logLevel: 'error',
    // Some SDK dependencies are CommonJS and `require` Node's built-ins.
    banner: {
      js: "import { createRequire as __chaosCreateRequire } from 'node:module'; const require = __chaosCreateRequire(import.meta.url);",
    },
  });
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  bundled = out;
  return out;
}
