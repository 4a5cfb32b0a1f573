import { readdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Application, Converter, type DeclarationReflection, LogLevel, type ProjectReflection, ReflectionKind } from 'typedoc';
import { type EntryPoint, runtimeEntryPoints } from './entry-points.ts';
import { EXAMPLES_FILE, generatedDir, guidesDir, repoRoot, siteDir } from './paths.ts';

/** A TSDoc `@example` of a public symbol, for the snippet check. */
export interface ExampleRecord {
  /** `@ddb-lock/runtime/middy.withLock`, … */
  symbol: string;
  /** The entry point that exports it. */
  specifier: string;
  /** Repo-relative source file and line of the symbol. */
  file: string;
  line: number;
  /** The example's text, fences included. */
  text: string;
}

/**
 * TypeDoc over the runtime's public entry points with the guides and the generated pages as project
 * documents and the root README as the home page. Validation is on and every warning is an error: an
 * export without documentation, a `{@link}` that does not resolve, a type the API uses but no entry
 * point exports. Returns the number of HTML pages written.
 *
 * @example
 * ```ts
 * const pages = await runTypedoc();
 * ```
 */
export async function runTypedoc(): Promise<number> {
  const entries = runtimeEntryPoints();
  const app = await Application.bootstrapWithPlugins({
    name: 'ddb-lock',
    entryPoints: entries.map((e) => e.source),
    entryPointStrategy: 'resolve',
    tsconfig: join(repoRoot, 'runtime', 'tsconfig.json'),
    readme: join(repoRoot, 'README.md'),
    projectDocuments: [join(guidesDir, '*.md'), join(generatedDir, '*.md'), join(repoRoot, 'docs', '*.md')],
    out: siteDir,
    excludePrivate: true,
    excludeInternal: true,
    excludeExternals: true,
    disableSources: false,
    // Source links name the public repository, not whatever remote this clone has (CI clones from a
    // folder, which TypeDoc would warn about, and warnings fail the build).
    sourceLinkTemplate: 'https://github.com/ddb-lock/ddb-lock/blob/{gitRevision}/{path}#L{line}',
    gitRevision: 'main',
    githubPages: false,
    hideGenerator: true,
    favicon: join(repoRoot, 'docs', 'assets', 'favicon.svg'),
    customCss: join(repoRoot, 'docs', 'assets', 'site.css'),
    highlightLanguages: ['typescript', 'ts', 'javascript', 'json', 'sh', 'bash', 'text', 'python', 'java', 'go', 'xml', 'yaml'],
    cleanOutputDir: true,
    logLevel: LogLevel.Warn,
    // Every exported declaration documented; members of object types are documented where it helps.
    // Constructors are documented by their class's comment.
    requiredToBeDocumented: ['Class', 'Function', 'Interface', 'TypeAlias', 'Variable', 'Enum', 'Method', 'Accessor'],
    // The client's resolved options stay internal; ClientSettings (admin) is their public, documented view.
    intentionallyNotExported: ['ResolvedClientOptions'],
    validation: { notExported: true, invalidLink: true, rewrittenLink: true, notDocumented: true, unusedMergeModuleWith: true },
    treatWarningsAsErrors: true,
    treatValidationWarningsAsErrors: true,
    navigation: { includeCategories: false, includeGroups: true, includeFolders: false },
    groupOrder: ['Documents', 'Guides', 'Reference', 'Results', '*'],
    sort: ['documents-first', 'source-order'],
  });
  // Before links resolve, so guides can link `{@link "@ddb-lock/runtime/middy"!withLock}`.
  app.converter.on(Converter.EVENT_RESOLVE_BEGIN, (context) => renameModules(context.project, entries));
  const project = await app.convert();
  if (!project) throw new Error('TypeDoc could not convert the project (errors above)');
  app.validate(project);
  if (app.logger.hasErrors() || app.logger.hasWarnings()) throw new Error('TypeDoc reported problems (above): the site is not built');
  writeFileSync(EXAMPLES_FILE, JSON.stringify({ exports: exportsOf(project), examples: examples(project, entries) }, null, 1));
  await app.generateOutputs(project);
  if (app.logger.hasErrors() || app.logger.hasWarnings()) throw new Error('TypeDoc reported problems while rendering (above)');
  // Every public entry point has its page: the check that the one list and the docs agree.
  const modules = new Set(project.getChildrenByKind(ReflectionKind.Module).map((mod) => mod.name));
  const missing = entries.filter((entry) => !modules.has(entry.specifier)).map((entry) => entry.specifier);
  if (missing.length > 0) throw new Error(`no API page for ${missing.join(', ')}`);
  return countHtml(siteDir);
}

/** Modules are named after their import specifier (`@ddb-lock/runtime/middy`), not their file. */
function renameModules(project: ProjectReflection, entries: EntryPoint[]): void {
  for (const mod of project.getChildrenByKind(ReflectionKind.Module)) {
    const entry = entries.find((e) => moduleName(e) === mod.name);
    if (!entry) throw new Error(`TypeDoc module ${mod.name} matches no entry point`);
    mod.name = entry.specifier;
  }
}

/** The name TypeDoc gives an entry point's module: its path under src/, `/index` dropped. */
function moduleName(entry: EntryPoint): string {
  const rel = relative(join(repoRoot, 'runtime', 'src'), entry.source).replace(/\.ts$/, '');
  return rel === 'index' ? 'index' : rel.replace(/\/index$/, '');
}

function examples(project: ProjectReflection, entries: EntryPoint[]): ExampleRecord[] {
  const found: ExampleRecord[] = [];
  for (const mod of project.getChildrenByKind(ReflectionKind.Module)) {
    const specifier = mod.name;
    if (!entries.some((e) => e.specifier === specifier)) continue;
    const visit = (r: DeclarationReflection) => {
      const comments = [r.comment, ...(r.signatures ?? []).map((s) => s.comment), ...(r.getSignature ? [r.getSignature.comment] : [])];
      for (const comment of comments) {
        for (const tag of comment?.blockTags ?? []) {
          if (tag.tag !== '@example') continue;
          const text = tag.content.map((part) => part.text).join('');
          const source = r.sources?.[0];
          found.push({
            symbol: `${specifier}.${r.getFriendlyFullName().split('.').slice(1).join('.') || r.name}`,
            specifier,
            file: source ? relative(repoRoot, source.fullFileName) : '?',
            line: source?.line ?? 0,
            text,
          });
        }
      }
      for (const child of r.children ?? []) visit(child);
    };
    for (const child of mod.children ?? []) visit(child);
  }
  return found;
}

/** Each entry point's exported names, for the TSDoc examples' implicit imports. */
function exportsOf(project: ProjectReflection): Record<string, string[]> {
  return Object.fromEntries(project.getChildrenByKind(ReflectionKind.Module).map((m) => [m.name, (m.children ?? []).map((c) => c.name)]));
}

function countHtml(dir: string): number {
  let n = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory()) n += countHtml(join(dir, e.name));
    else if (e.name.endsWith('.html')) n += 1;
  }
  return n;
}
