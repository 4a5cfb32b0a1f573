/**
 * Fails when a source line is longer than the limit.
 *
 * Biome's formatter wraps code at the same width, but it cannot wrap a long string, template
 * literal or comment, and it has no rule that reports them; this check closes that gap. It reads
 * the files git knows (committed or new, minus .gitignore) under the given paths, skipping the
 * files projen generates (.projen/files.json) and any folder or file named by `--skip`, as biome.jsonc does.
 *
 * @example
 * // npm run lint runs it as (see projenrc/lint.ts):
 * // tsx tools/check-line-length.ts --max 140 --skip '*.snapshot' --skip results --skip package-lock.json -- construct chaos
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parseArgs } from 'node:util';

/** The extensions Biome lints: the same set of files, so one list of findings. */
const SOURCE_EXTENSIONS = new Set(['.ts', '.mts', '.cts', '.tsx', '.js', '.mjs', '.cjs', '.jsx', '.json', '.jsonc']);

/** A line over the limit: where it is and how long. */
interface LongLine {
  readonly file: string;
  readonly line: number;
  readonly length: number;
}

/**
 * Lines of `text` longer than `max` characters (code points, as an editor counts columns).
 *
 * @example
 * longLines('a.ts', 'short\n' + 'x'.repeat(141), 140); // [{ file: 'a.ts', line: 2, length: 141 }]
 */
function longLines(file: string, text: string, max: number): LongLine[] {
  const found: LongLine[] = [];
  text.split(/\r?\n/).forEach((content, index) => {
    const length = [...content].length;
    if (length > max) found.push({ file, line: index + 1, length });
  });
  return found;
}

/** Whether a folder or file name matches a `--skip` pattern: a name, or `*suffix` (node:path's glob is experimental on Node 22). */
function isSkipped(name: string, pattern: string): boolean {
  return pattern.startsWith('*') ? name.endsWith(pattern.slice(1)) : name === pattern;
}

/** Files git knows under `paths`, minus generated files and skipped folders and files. */
function sourceFiles(paths: string[], skip: string[]): string[] {
  const listed = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard', '--', ...paths], {
    encoding: 'utf8',
  });
  const generated = new Set<string>(JSON.parse(readFileSync('.projen/files.json', 'utf8')).files);
  return [...new Set(listed.split('\0'))].filter(
    (file) =>
      file !== '' &&
      SOURCE_EXTENSIONS.has(extname(file)) &&
      !generated.has(file) &&
      !file.split('/').some((name) => skip.some((pattern) => isSkipped(name, pattern))),
  );
}

function main(): void {
  const { values, positionals } = parseArgs({
    options: { max: { type: 'string', default: '140' }, skip: { type: 'string', multiple: true, default: [] } },
    allowPositionals: true,
  });
  const max = Number(values.max);
  const files = sourceFiles(positionals.length > 0 ? positionals : ['.'], values.skip);
  // git lists a deleted-but-unstaged file too; a file that is gone has no lines to check.
  const found = files.flatMap((file) => {
    try {
      return longLines(file, readFileSync(file, 'utf8'), max);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
  });
  for (const { file, line, length } of found) console.error(`${file}:${line}: ${length} characters (max ${max})`);
  console.log(`line length: ${files.length} files checked, ${found.length} lines over ${max} characters`);
  if (found.length > 0) process.exitCode = 1;
}

main();
