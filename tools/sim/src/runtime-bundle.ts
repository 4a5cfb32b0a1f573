import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, type Plugin } from 'esbuild';

const HERE = dirname(fileURLToPath(import.meta.url));
/** The runtime's sources: the simulator runs them as shipped, or with one mutant's edits. */
export const RUNTIME_SRC = join(HERE, '../../../runtime/src');

/**
 * The module each copy is bundled from: the public API, the middleware, the semaphore and the
 * election (code-identity.ts hashes the same entry, so the long run's ledger knows what it ran).
 */
export const SIM_ENTRY = [
  `export * from ${JSON.stringify(join(RUNTIME_SRC, 'index.ts'))};`,
  `export { withLock } from ${JSON.stringify(join(RUNTIME_SRC, 'middy/index.ts'))};`,
  `export { Semaphore } from ${JSON.stringify(join(RUNTIME_SRC, 'semaphore/index.ts'))};`,
  `export { Election } from ${JSON.stringify(join(RUNTIME_SRC, 'election/index.ts'))};`,
].join('\n');

/** One exact-text edit of a runtime source file (path relative to runtime/src). */
export interface SourceEdit {
  readonly file: string;
  readonly find: string;
  readonly replace: string;
}

/** What one simulated process runs: a fresh copy of the runtime's public API, its `withLock` middleware, the semaphore and the election. */
export type Runtime = typeof import('../../../runtime/src/index.ts') &
  Pick<typeof import('../../../runtime/src/middy/index.ts'), 'withLock'> &
  Pick<typeof import('../../../runtime/src/semaphore/index.ts'), 'Semaphore'> &
  Pick<typeof import('../../../runtime/src/election/index.ts'), 'Election'>;

/**
 * Bundles runtime/src with esbuild (ESM, the AWS SDK external so every copy shares the SDK's
 * command and error classes with the model) and loads `copies` instances of it, one per simulated
 * process slot. Each copy's timers, monotonic and wall clocks, Math.random and randomUUID are
 * routed to its slot's environment (sim-globals.js): the runtime code itself is unmodified. With
 * `edits` (a mutant), each edit must match its file exactly, or the build fails naming it.
 *
 * @example
 * ```ts
 * const runtimes = await loadRuntimes(6, []);
 * const client = new runtimes[0].LockClient({ tableName: 'locks', client: network });
 * ```
 */
export async function loadRuntimes(copies: number, edits: readonly SourceEdit[], name = 'shipped'): Promise<Runtime[]> {
  const outdir = bundleDir(name);
  rmSync(outdir, { recursive: true, force: true });
  mkdirSync(outdir, { recursive: true });
  await build({
    // One module per copy holds them all, so the middleware, the semaphore, the election and the
    // client share the copy's globals (and the client's internals registry).
    stdin: {
      contents: SIM_ENTRY,
      resolveDir: RUNTIME_SRC,
      sourcefile: 'sim-entry.ts',
      loader: 'ts',
    },
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node22',
    outfile: join(outdir, 'index.js'),
    external: ['@aws-sdk/*', '@middy/*', '@aws-lambda-powertools/*', '@opentelemetry/*'],
    logLevel: 'silent',
    inject: [join(HERE, 'sim-globals.js')],
    define: { 'performance.now': 'sim_performance_now', 'Date.now': 'sim_date_now', 'Math.random': 'sim_math_random' },
    plugins: [simCrypto(), editSources(edits)],
  });
  const url = pathToFileURL(join(outdir, 'index.js')).href;
  return Promise.all(Array.from({ length: copies }, (_, slot) => import(`${url}?slot=${slot}`) as Promise<Runtime>));
}

/**
 * Where `loadRuntimes` writes the copies of variant `name`. It empties the directory first, so two
 * processes loading one name at once would race: the long run's workers each load their own name
 * and remove their directory when they exit.
 *
 * @example
 * ```ts
 * rmSync(bundleDir(`long-${process.pid}`), { recursive: true, force: true });
 * ```
 */
export function bundleDir(name: string): string {
  return join(HERE, '../../../node_modules/.cache', `ddb-lock-sim-${name.replace(/[^a-z0-9]+/gi, '-')}`);
}

/**
 * The runtime's request builders (`runtime/src/protocol`, and the semaphore's BatchGetItem of all
 * permits), bundled as they are: the differential test sends their requests.
 */
export async function loadProtocol(): Promise<
  typeof import('../../../runtime/src/protocol/index.ts') &
    Pick<typeof import('../../../runtime/src/protocol/read-many-request.ts'), 'readManyRequest'>
> {
  const outdir = join(HERE, '../../../node_modules/.cache', 'ddb-lock-sim-protocol');
  await build({
    stdin: {
      contents: [
        `export * from ${JSON.stringify(join(RUNTIME_SRC, 'protocol/index.ts'))};`,
        `export { readManyRequest } from ${JSON.stringify(join(RUNTIME_SRC, 'protocol/read-many-request.ts'))};`,
      ].join('\n'),
      resolveDir: RUNTIME_SRC,
      sourcefile: 'protocol-entry.ts',
      loader: 'ts',
    },
    outfile: join(outdir, 'protocol.js'),
    bundle: true,
    format: 'esm',
    platform: 'node',
    external: ['@aws-sdk/*'],
    logLevel: 'silent',
  });
  return import(pathToFileURL(join(outdir, 'protocol.js')).href);
}

/** `randomUUID` from node:crypto, per slot and seeded: the only randomness besides Math.random. */
function simCrypto(): Plugin {
  return {
    name: 'sim-crypto',
    setup(b) {
      b.onResolve({ filter: /^node:crypto$/ }, () => ({ path: 'sim-crypto', namespace: 'sim' }));
      b.onLoad({ filter: /.*/, namespace: 'sim' }, () => ({
        contents: `export { sim_random_uuid as randomUUID } from ${JSON.stringify(join(HERE, 'sim-globals.js'))};`,
        loader: 'js',
        resolveDir: HERE,
      }));
    },
  };
}

function editSources(edits: readonly SourceEdit[]): Plugin {
  return {
    name: 'mutant-edits',
    setup(b) {
      const applied = new Set<SourceEdit>();
      b.onLoad({ filter: /\.ts$/ }, (args) => {
        const mine = edits.filter((edit) => edit.file === relative(RUNTIME_SRC, args.path));
        if (mine.length === 0) return undefined;
        let contents = readFileSync(args.path, 'utf8');
        for (const edit of mine) {
          if (!contents.includes(edit.find)) throw new Error(`mutant edit no longer matches runtime/src/${edit.file}: ${edit.find}`);
          contents = contents.replace(edit.find, edit.replace);
          applied.add(edit);
        }
        return { contents, loader: 'ts' };
      });
      b.onEnd(() => {
        const missed = edits.filter((edit) => !applied.has(edit));
        if (missed.length > 0) throw new Error(`mutant edits name files outside the bundle: ${missed.map((e) => e.file).join(', ')}`);
      });
    },
  };
}
