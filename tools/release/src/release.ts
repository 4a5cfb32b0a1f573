/**
 * `npm run release -- [--dry-run]`: cuts the release of the version in projenrc/release-version.ts.
 * (`npm run release -- --publish-npm <registry>` publishes a built release's npm tarballs to a
 * registry other than the public one: see publish-npm.ts.)
 *  1. refuses bad input before building anything (preflight.ts): a version that is not semver,
 *     places that disagree, a dirty tree (unless --dry-run), an existing tag, a missing toolchain;
 *  2. builds every artifact into dist/release (artifacts.ts) and checks each carries the version;
 *  3. runs the consumer suites against them: the lead's npm consumer suite through the root's
 *     `test:consumer` script when it exists (`--if-present`, with DDB_LOCK_RELEASE_ARTIFACTS set),
 *     and the construct's language apps, which install the wheel, jar and Go module by name;
 *  4. prints what would be published where; without --dry-run, tags v<version> (pushing the tag
 *     runs the publishing workflow; this command pushes nothing).
 */
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { type Artifact, buildArtifacts, checkArtifacts, readArtifacts } from './artifacts.ts';
import { publishPlan } from './plan.ts';
import { type PreflightOptions, preflight } from './preflight.ts';
import { publishNpm } from './publish-npm.ts';
import { ReleaseError } from './release-error.ts';

/**
 * The side-effecting steps, replaceable in tests (which prove nothing runs after a refusal).
 *
 * @example
 * ```ts
 * await release({ root, dryRun: true }, { ...defaultSteps, consumers: () => {} });
 * ```
 */
export interface ReleaseSteps {
  build(root: string, out: string): void;
  read(out: string): Artifact[];
  consumers(root: string, out: string): void;
  tag(root: string, version: string): void;
  print(line: string): void;
}

export const defaultSteps: ReleaseSteps = {
  build: buildArtifacts,
  read: readArtifacts,
  consumers: (root, out) => {
    const env = { ...process.env, DDB_LOCK_RELEASE_ARTIFACTS: out };
    step(root, 'npm', ['run', 'test:consumer', '--if-present'], env);
    step(root, 'npm', ['run', 'test:languages:apps', '-w', '@ddb-lock/construct'], env);
  },
  tag: (root, version) => step(root, 'git', ['tag', '-a', `v${version}`, '-m', `ddb-lock ${version}`], process.env),
  print: (line) => console.log(line),
};

/**
 * Runs the release; returns the version released. Throws {@link ReleaseError} on refusal.
 *
 * @example
 * ```ts
 * const version = release({ root: process.cwd(), dryRun: true });
 * ```
 */
export function release(options: PreflightOptions, steps: ReleaseSteps = defaultSteps): string {
  const version = preflight(options);
  const out = join(options.root, 'dist', 'release');
  steps.build(options.root, out);
  const artifacts = steps.read(out);
  checkArtifacts(artifacts, version);
  const unpublishable = artifacts.filter((a) => a.private);
  if (!options.dryRun && unpublishable.length > 0) {
    throw new ReleaseError(`private npm packages cannot be published: ${unpublishable.map((a) => a.name).join(', ')}`);
  }
  steps.consumers(options.root, out);
  for (const line of publishPlan(version, artifacts, options.dryRun)) steps.print(line);
  if (options.dryRun) return version;
  steps.tag(options.root, version);
  steps.print(`tagged v${version}; publish with: git push origin v${version}`);
  return version;
}

function step(cwd: string, command: string, args: string[], env: NodeJS.ProcessEnv): void {
  const result = spawnSync(command, args, { cwd, env, stdio: 'inherit' });
  if (result.status !== 0) throw new ReleaseError(`${command} ${args.join(' ')} failed (${result.status ?? result.signal})`);
}

const USAGE =
  'usage: npm run release -- [--dry-run] | --publish-npm <registry URL> [--artifacts <release folder>] ' +
  '(the version is set by npm run bump -- <version>)';

/** What the command line asks for: a release (perhaps dry), or the npm tarballs published to a registry. */
export type ReleaseArguments = { dryRun: boolean } | { publishNpm: string; artifacts?: string };

/**
 * Parses the command line: `--dry-run`, or `--publish-npm <url>` with an optional `--artifacts <dir>`.
 *
 * @example
 * ```ts
 * parseArguments(['--publish-npm', 'http://127.0.0.1:4873/']); // { publishNpm: 'http://127.0.0.1:4873/' }
 * ```
 */
export function parseArguments(args: readonly string[]): ReleaseArguments {
  let values: { 'dry-run'?: boolean; 'publish-npm'?: string; artifacts?: string };
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: { 'dry-run': { type: 'boolean' }, 'publish-npm': { type: 'string' }, artifacts: { type: 'string' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new ReleaseError(`${(error as Error).message.split('\n')[0]}; ${USAGE}`, { cause: error });
  }
  if (values['publish-npm'] === undefined) {
    if (values.artifacts !== undefined) throw new ReleaseError(`--artifacts goes with --publish-npm; ${USAGE}`);
    return { dryRun: values['dry-run'] === true };
  }
  if (values['dry-run']) throw new ReleaseError(`--dry-run and --publish-npm do not go together; ${USAGE}`);
  return { publishNpm: values['publish-npm'], ...(values.artifacts !== undefined && { artifacts: values.artifacts }) };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const root = resolve(fileURLToPath(import.meta.url), '../../../..');
    const parsed = parseArguments(process.argv.slice(2));
    if ('publishNpm' in parsed) {
      // npm run sets the cwd to the root; a relative --artifacts is the caller's, as npm passes INIT_CWD.
      const artifacts = resolve(process.env.INIT_CWD ?? process.cwd(), parsed.artifacts ?? join(root, 'dist', 'release'));
      publishNpm({ root, artifacts, registry: parsed.publishNpm });
    } else {
      release({ root, dryRun: parsed.dryRun });
    }
  } catch (error) {
    if (!(error instanceof ReleaseError)) throw error;
    console.error(`release refused: ${error.message}`);
    process.exitCode = 1;
  }
}
