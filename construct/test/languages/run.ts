/**
 * `npm run test:languages -w construct`: builds and synthesizes the same app in TypeScript,
 * Python, Java and Go against the packages `npm run package` just built, then compares each
 * template with the TypeScript one. Prints per-language build and synth times, writes them to
 * cdk.out/languages/timings.json, and exits non-zero on any difference.
 *
 * Run through scripts/lang-env.sh: every download goes into the repo's .cache/ (pip packages with
 * hashes from python/requirements.txt, Maven artifacts pinned in java/pom.xml, Go modules pinned
 * in go/go.mod + go.sum). Synth is offline: no CDK CLI, each app runs with CDK_OUTDIR set.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { checkReference } from './check-reference';
import { compareTemplates, type Template } from './compare-templates';

const here = __dirname;
const construct = path.resolve(here, '..', '..');
const dist = path.join(construct, 'dist');
const out = path.join(construct, 'cdk.out', 'languages');
const cache = process.env.DDB_LOCK_CACHE ?? path.resolve(construct, '..', '.cache');
const m2 = process.env.DDB_LOCK_M2 ?? path.join(cache, 'm2');
const venv = path.join(cache, 'venv-languages');

type Step = [command: string, args: string[], cwd: string];
interface Language {
  name: string;
  build: Step[];
  synth: Step;
}

const mvn = (...goals: string[]): string[] => ['-B', '-q', `-Dmaven.repo.local=${m2}`, ...goals];

const languages: Language[] = [
  {
    name: 'typescript',
    build: [],
    synth: ['node', ['--import', 'tsx', 'app.ts'], path.join(here, 'typescript')],
  },
  {
    name: 'python',
    build: [
      ...(existsSync(path.join(venv, 'bin', 'python')) ? [] : [['python3', ['-m', 'venv', venv], here] as Step]),
      [path.join(venv, 'bin', 'pip'), ['install', '--require-hashes', '-r', 'requirements.txt'], path.join(here, 'python')],
      [path.join(venv, 'bin', 'pip'), ['install', '--no-deps', '--force-reinstall', onlyFile(path.join(dist, 'python'), '.whl')], here],
    ],
    synth: [path.join(venv, 'bin', 'python'), ['app.py'], path.join(here, 'python')],
  },
  {
    name: 'java',
    build: [
      // A release version is copied into the local repository once; drop it so the jar just built is used.
      ['rm', ['-rf', path.join(m2, 'io', 'github', 'ddb-lock', 'ddb-lock-construct')], here],
      ['mvn', mvn('compile'), path.join(here, 'java')],
    ],
    synth: ['mvn', mvn('exec:java'), path.join(here, 'java')],
  },
  {
    name: 'go',
    build: [['go', ['build', '-o', path.join(out, 'go-app'), '.'], path.join(here, 'go')]],
    synth: [path.join(out, 'go-app'), [], path.join(here, 'go')],
  },
];

function onlyFile(dir: string, suffix: string): string {
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(suffix)) : [];
  if (files.length !== 1) throw new Error(`expected one ${suffix} in ${dir} (run npm run package first), found ${files.length}`);
  return path.join(dir, files[0]);
}

function run([command, args, cwd]: Step, env: NodeJS.ProcessEnv = process.env): void {
  const result = spawnSync(command, args, { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) {
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}${result.error ? String(result.error) : ''}`;
    throw new Error(`${command} ${args.join(' ')} (in ${cwd}) failed with ${result.status}:\n${output.split('\n').slice(-40).join('\n')}`);
  }
}

function seconds(since: number): number {
  return Math.round((performance.now() - since) / 100) / 10;
}

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const timings: Record<string, { buildSeconds: number; synthSeconds: number }> = {};
const templates: Record<string, Template> = {};
const problems: Record<string, string[]> = {};

for (const language of languages) {
  problems[language.name] = [];
  try {
    let start = performance.now();
    for (const step of language.build) run(step);
    const buildSeconds = seconds(start);
    start = performance.now();
    run(language.synth, { ...process.env, CDK_OUTDIR: path.join(out, language.name) });
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
