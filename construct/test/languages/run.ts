/**
 * `npm run test:languages -w construct`: builds and synthesizes the same app in TypeScript,
 * Python, Java and Go against the packages `npm run package` just built, each installed the way a
 * user installs it, then compares each template with the TypeScript one. Prints per-language
 * build and synth times, writes them to cdk.out/languages/timings.json, and exits non-zero on any
 * difference.
 *
 * How each language gets the construct, by name and version (construct/package.json's):
 * - Python: `pip install ddb-lock.construct==<version>` into a fresh venv (a copy of one with the
 *   pinned dependencies) from a local index, pypiserver on 127.0.0.1 serving dist/python (pypiserver.ts);
 * - Java: Maven resolves io.github.ddb-lock:ddb-lock-construct:<version> from dist/java, a
 *   `file://` Maven repository (java/pom.xml);
 * - Go: `go` fetches github.com/ddb-lock/ddb-lock-go/ddblockconstruct@v<version> from dist/go-proxy,
 *   a GOPROXY=file:// folder (scripts/go-proxy), checked through the module zip as the module
 *   proxy serves it (a `replace` of a source folder would skip the zip, its file rules and the version).
 *
 * Run through scripts/lang-env.sh: every download goes into the repo's .cache/ (pip packages with
 * hashes from python/requirements.txt, Maven artifacts pinned in java/pom.xml, Go modules pinned
 * in go/go.mod + go.sum). Synth is offline: no CDK CLI, each app runs with CDK_OUTDIR set.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { checkReference } from './check-reference';
import { compareTemplates, type Template } from './compare-templates';
import { pinnedVenv } from './pinned-venv';
import { pypiserverVenv, startPackageIndex } from './pypiserver';

const here = __dirname;
const construct = path.resolve(here, '..', '..');
const dist = path.join(construct, 'dist');
const out = path.join(construct, 'cdk.out', 'languages');
const cache = process.env.DDB_LOCK_CACHE ?? path.resolve(construct, '..', '.cache');
const m2 = process.env.DDB_LOCK_M2 ?? path.join(cache, 'm2');
const packageJson = JSON.parse(readFileSync(path.join(construct, 'package.json'), 'utf8'));
const version: string = packageJson.version;
const targets = packageJson.jsii.targets;
const goModule = `${targets.go.moduleName}/${targets.go.packageName}`;

type Step = [command: string, args: string[], cwd: string, env?: NodeJS.ProcessEnv];
interface Language {
  name: string;
  build: () => Promise<void> | void;
  synth: Step;
}

const mvn = (...goals: string[]): string[] => [
  '-B',
  '-q',
  `-Dmaven.repo.local=${m2}`,
  // The construct's version comes from its package.json, so a release bump needs no pom edit.
  `-Dddb-lock-construct.version=${version}`,
  ...goals,
];
const pythonVenv = path.join(out, 'python-venv');
const goSource = path.join(out, 'go-src');

const languages: Language[] = [
  {
    name: 'typescript',
    build: () => {},
    synth: ['node', ['--import', 'tsx', 'app.ts'], path.join(here, 'typescript')],
  },
  {
    name: 'python',
    build: buildPython,
    synth: [path.join(pythonVenv, 'bin', 'python'), ['app.py'], path.join(here, 'python')],
  },
  {
    name: 'java',
    build: () => {
      // Maven keeps a release version it resolved once; drop it so the jar just built is resolved.
      rmSync(path.join(m2, ...targets.java.maven.groupId.split('.'), targets.java.maven.artifactId), { recursive: true, force: true });
      run(['mvn', mvn('compile'), path.join(here, 'java')]);
    },
    synth: ['mvn', mvn('exec:java'), path.join(here, 'java')],
  },
  {
    name: 'go',
    build: buildGo,
    synth: [path.join(out, 'go-app'), [], path.join(here, 'go')],
  },
];

/**
 * A fresh venv: a (hard-linked) copy of the venv of the pinned dependencies (from PyPI with hashes, made once per
 * requirements.txt in .cache/), then the construct by name and version from the local index.
 * The copy keeps each run from reinstalling aws-cdk-lib; nothing of an earlier run's construct is in it.
 */
async function buildPython(): Promise<void> {
  const index = await startPackageIndex(pypiserverVenv(cache), path.join(dist, 'python'));
  try {
    const pinned = pinnedVenv(path.join(cache, 'venv-languages'), path.join(here, 'python', 'requirements.txt'));
    // Hard links: no 400 MB copy. pip adds files and Python replaces a .pyc by renaming a new
    // file over it, so nothing written here changes the pinned venv's files. A cache on another
    // file system (DDB_LOCK_CACHE) cannot be linked: copied then.
    try {
      run(['cp', ['-al', pinned, pythonVenv], here]);
    } catch {
      rmSync(pythonVenv, { recursive: true, force: true });
      run(['cp', ['-a', pinned, pythonVenv], here]);
    }
    const python = path.join(pythonVenv, 'bin', 'python');
    // Only the local index: no PyPI (the dependencies are already there, pinned above), no
    // find-links or pip.conf of this machine. A dependency the wheel declares and the pins lack fails here.
    const onlyIndex: NodeJS.ProcessEnv = { ...process.env, PIP_CONFIG_FILE: '/dev/null' };
    delete onlyIndex.PIP_FIND_LINKS;
    delete onlyIndex.PIP_EXTRA_INDEX_URL;
    run([python, ['-m', 'pip', 'install', '--index-url', index.url, `${targets.python.distName}==${version}`], here, onlyIndex]);
    run([python, ['-m', 'pip', 'check'], here]);
  } finally {
    index.stop();
  }
}

/** The app's module files copied out, the construct required at this version and fetched through dist/go-proxy. */
function buildGo(): void {
  rmSync(goSource, { recursive: true, force: true });
  mkdirSync(goSource, { recursive: true });
  for (const file of ['go.mod', 'go.sum', 'main.go']) copyFileSync(path.join(here, 'go', file), path.join(goSource, file));
  // Go keeps a module version it downloaded once (read-only files); drop it so the one just built is fetched.
  const modCache = process.env.GOMODCACHE ?? path.join(cache, 'go', 'pkg', 'mod');
  for (const dir of [path.join(modCache, targets.go.moduleName), path.join(modCache, 'cache', 'download', targets.go.moduleName)]) {
    if (existsSync(dir)) run(['chmod', ['-R', 'u+w', dir], here]);
    rmSync(dir, { recursive: true, force: true });
  }
  const env = {
    ...process.env,
    GOPROXY: `file://${path.join(dist, 'go-proxy')},${process.env.GOPROXY || 'https://proxy.golang.org,direct'}`,
    // Not in the public checksum database until it is published; go.sum gets its hash from the zip.
    GONOSUMDB: targets.go.moduleName,
  };
  run(['go', ['mod', 'edit', `-require=${goModule}@v${version}`], goSource, env]);
  run(['go', ['build', '-o', path.join(out, 'go-app'), '.'], goSource, env]);
}

function run([command, args, cwd, env = process.env]: Step): void {
  const result = spawnSync(command, args, { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) {
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}${result.error ? String(result.error) : ''}`;
    throw new Error(`${command} ${args.join(' ')} (in ${cwd}) failed with ${result.status}:\n${output.split('\n').slice(-40).join('\n')}`);
  }
}

function seconds(since: number): number {
  return Math.round((performance.now() - since) / 100) / 10;
}

async function main(): Promise<void> {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const timings: Record<string, { buildSeconds: number; synthSeconds: number }> = {};
  const templates: Record<string, Template> = {};
  const problems: Record<string, string[]> = {};

  for (const language of languages) {
    problems[language.name] = [];
    try {
      let start = performance.now();
      await language.build();
      const buildSeconds = seconds(start);
      start = performance.now();
      const [command, args, cwd] = language.synth;
      run([command, args, cwd, { ...process.env, CDK_OUTDIR: path.join(out, language.name) }]);
      timings[language.name] = { buildSeconds, synthSeconds: seconds(start) };
      templates[language.name] = JSON.parse(readFileSync(path.join(out, language.name, 'LockApp.template.json'), 'utf8'));
      console.log(`${language.name}: build ${buildSeconds} s, synth ${timings[language.name].synthSeconds} s`);
    } catch (e) {
      problems[language.name].push((e as Error).message);
    }
  }
  writeFileSync(path.join(out, 'timings.json'), `${JSON.stringify(timings, null, 2)}\n`);

  const reference = templates.typescript;
  if (reference) problems.typescript.push(...checkReference(reference));
  for (const name of Object.keys(templates).filter((n) => n !== 'typescript')) {
    if (!reference) {
      problems[name].push('no TypeScript template to compare with');
      continue;
    }
    problems[name].push(...compareTemplates(reference, templates[name]));
    if (problems[name].length === 0) console.log(`${name}: template equals the TypeScript app's`);
  }

  const failed = Object.keys(problems).filter((name) => problems[name].length > 0);
  for (const name of failed) for (const p of problems[name]) console.error(`FAIL ${name}: ${p}`);
  console.log(`languages: ${languages.length - failed.length} passed, ${failed.length} failed`);
  process.exitCode = failed.length === 0 ? 0 : 1;
}

main().catch((error: Error) => {
  console.error(error);
  process.exitCode = 1;
});
