// The snippet check: every TypeScript snippet of the READMEs, docs/*.md, the guides (globbed) and the public
// API's TSDoc @examples is type-checked against the packages' public entry points (resolved through the
// workspace packages' `exports`, as a user's compiler does; `npm run site` built them), and the snippets
// marked `run` are run against dynalite. See snippets.ts for the markers.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { FAKE_CREDENTIALS, startDynalite } from '@ddb-lock/local-dynamo';
import ts from 'typescript';
import { EXAMPLES_FILE, repoRoot, snippetContextDir, snippetsOutDir } from './paths.ts';
import { allMarkdownSnippets, markdownSnippets, type Snippet } from './snippets.ts';

interface Prepared extends Snippet {
  /** Path of the module written for it. */
  path: string;
  /** Lines before the snippet's first line in that module. */
  offset: number;
}

const { exports, examples } = JSON.parse(readFileSync(EXAMPLES_FILE, 'utf8')) as {
  exports: Record<string, string[]>;
  examples: { symbol: string; specifier: string; file: string; line: number; text: string }[];
};

const snippets: Snippet[] = [
  ...allMarkdownSnippets(),
  ...examples.flatMap((e) =>
    markdownSnippets(e.file, e.text).map((s) => ({
      ...s,
      line: e.line,
      origin: 'tsdoc' as const,
      symbol: e.symbol,
      specifier: e.specifier,
    })),
  ),
];

rmSync(snippetsOutDir, { recursive: true, force: true });
mkdirSync(snippetsOutDir, { recursive: true });
const prepared = snippets.map((s, i) => prepare(s, i));

const program = ts.createProgram(
  prepared.map((p) => p.path),
  {
    strict: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    lib: ['lib.es2023.d.ts', 'lib.esnext.disposable.d.ts'],
    types: ['node'],
    skipLibCheck: true,
    noEmit: true,
    esModuleInterop: true,
  },
);
const failures = new Map<Prepared, string[]>();
for (const d of ts.getPreEmitDiagnostics(program)) {
  const owner = prepared.find((p) => d.file && p.path === d.file.fileName);
  const message = ts.flattenDiagnosticMessageText(d.messageText, '\n');
  if (!owner) {
    console.error(`snippets: ${message}`);
    process.exitCode = 1;
    continue;
  }
  const line = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line + 1 - owner.offset : 0;
  const where = line > 0 ? `snippet line ${line}` : `context line ${line + owner.offset}`;
  failures.set(owner, [...(failures.get(owner) ?? []), `${where}: ${message}`]);
}
for (const [p, messages] of failures) {
  console.error(`\n✗ ${p.file}:${p.line} (${p.origin}${'symbol' in p ? ` ${String(p.symbol)}` : ''}) → ${relative(repoRoot, p.path)}`);
  for (const m of messages) console.error(`    ${m}`);
}

const runnable = prepared.filter((p) => p.run);
let ran = 0;
if (failures.size === 0 && runnable.length > 0) ran = await runAll(runnable);

const byOrigin = (o: string) => prepared.filter((p) => p.origin === o).length;
console.log(
  `snippets: ${prepared.length} type-checked (${byOrigin('markdown')} from markdown, ${byOrigin('tsdoc')} TSDoc examples), ` +
    `${failures.size} failed; ${ran} of ${runnable.length} runnable ones ran on dynalite`,
);
if (failures.size > 0 || ran !== runnable.length) process.exitCode = 1;

/** Writes one snippet as a module: its contexts, the implicit imports of a TSDoc example, then the code. */
function prepare(s: Snippet, index: number): Prepared {
  const head: string[] = [];
  for (const name of s.contexts) {
    const file = join(snippetContextDir, `${name}.ts`);
    if (!existsSync(file)) throw new Error(`${s.file}:${s.line}: unknown snippet context "${name}" (no ${relative(repoRoot, file)})`);
    head.push(...readFileSync(file, 'utf8').trimEnd().split('\n'));
  }
  if (s.origin === 'tsdoc') head.push(...implicitImports(s.code, (s as { specifier?: string }).specifier), ...tsdocContext(s.code));
  const slug = s.file.replace(/[^A-Za-z0-9]+/g, '-');
  const path = join(snippetsOutDir, `${String(index).padStart(3, '0')}-${slug}-${s.line}.ts`);
  writeFileSync(path, `${[...head, s.code, 'export {};'].join('\n')}\n`);
  return { ...s, path, offset: head.length };
}

/**
 * A TSDoc example is read beside its symbol's API page, where every public name is in view: it gets an
 * import of each public export it mentions and does not import or declare itself. Free variables (a
 * `client`, a `lock`) are still its own to declare, or to name through `context=`.
 */
function implicitImports(code: string, home: string | undefined): string[] {
  const own = ownNames(code);
  const imported = new Set<string>();
  const lines: string[] = [];
  // The example's own entry point first: two entry points may export one name (LOCK_ATTRIBUTES).
  const order = Object.entries(exports).sort(([a], [b]) => Number(b === home) - Number(a === home));
  for (const [specifier, names] of order) {
    const wanted = names.filter((n) => !own.has(n) && !imported.has(n) && uses(code, n));
    for (const n of wanted) imported.add(n);
    if (wanted.length > 0) lines.push(`import { ${wanted.join(', ')} } from '${specifier}';`);
  }
  return lines;
}

/** The lines of docs/snippet-context/tsdoc.ts that declare a name the example uses but does not declare. */
function tsdocContext(code: string): string[] {
  const own = ownNames(code);
  // One name a line: an import of several names (Biome sorts and merges imports) is split.
  const lines = readFileSync(join(snippetContextDir, 'tsdoc.ts'), 'utf8')
    .split('\n')
    .flatMap((line) => {
      const m = /^import (type )?\{([^}]*)\} from (.*)$/.exec(line);
      if (!m) return [line];
      return (m[2] ?? '').split(',').map((n) => `import ${m[1] ?? ''}{ ${n.trim()} } from ${m[3]}`);
    });
  return lines.filter((line) => {
    const names =
      /^import (?:type )?\{([^}]*)\}/
        .exec(line)?.[1]
        ?.split(',')
        .map((n) => n.trim()) ??
      [/^import (\w+) from/.exec(line)?.[1] ?? /^declare (?:const|function) (\w+)/.exec(line)?.[1]].filter((n): n is string => !!n);
    return names.some((n) => !own.has(n) && uses(code, n));
  });
}

function uses(code: string, name: string): boolean {
  return new RegExp(`(?<![\\w.$'])${name}\\b`).test(code);
}

/** Names a snippet imports or declares itself. */
function ownNames(code: string): Set<string> {
  const source = ts.createSourceFile('x.ts', code, ts.ScriptTarget.Latest, true);
  const own = new Set<string>();
  const collect = (node: ts.Node): void => {
    if (ts.isImportSpecifier(node) || ts.isImportClause(node) || ts.isNamespaceImport(node)) {
      if (node.name) own.add(node.name.text);
    }
    if (
      (ts.isVariableDeclaration(node) || ts.isFunctionDeclaration(node) || ts.isClassDeclaration(node)) &&
      node.name &&
      ts.isIdentifier(node.name)
    ) {
      own.add(node.name.text);
    }
    if ((ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node)) && node.name) own.add(node.name.text);
    ts.forEachChild(node, collect);
  };
  collect(source);
  return own;
}

/** Runs the `run` snippets one at a time on one dynalite (table `locks` ready), 60 s each at most. */
async function runAll(list: Prepared[]): Promise<number> {
  const local = await startDynalite();
  let ok = 0;
  try {
    const ddb = new DynamoDBClient({ endpoint: local.endpoint, region: 'us-east-1', credentials: FAKE_CREDENTIALS });
    await ddb.send(
      new CreateTableCommand({
        TableName: 'locks',
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
    ddb.destroy();
    for (const p of list) {
      const started = performance.now();
      const { code, output } = await runOne(p.path, local.endpoint);
      const ms = Math.round(performance.now() - started);
      if (code === 0) {
        ok += 1;
        console.log(`✓ ran ${p.file}:${p.line} (${ms} ms)`);
      } else {
        console.error(`\n✗ ran ${p.file}:${p.line}: exit ${code}\n${output}`);
      }
    }
  } finally {
    await local.stop();
  }
  return ok;
}

function runOne(path: string, endpoint: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path], {
      cwd: join(repoRoot, 'docs'),
      env: {
        ...process.env,
        AWS_ENDPOINT_URL_DYNAMODB: endpoint,
        AWS_REGION: 'us-east-1',
        AWS_ACCESS_KEY_ID: FAKE_CREDENTIALS.accessKeyId,
        AWS_SECRET_ACCESS_KEY: FAKE_CREDENTIALS.secretAccessKey,
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}
