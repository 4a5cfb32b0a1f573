import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A script that names a toolchain directly, or a wrapper that runs one (the construct's lang-env and package scripts). */
const NEEDS_TOOLCHAIN = /\b(python3?|pip|java|javac|mvn|go|lang-env\.sh|package\.sh)\b/;

/**
 * The scripts `npm test` reaches (in the root and every workspace) that need Python, Java, Maven
 * or Go without going through `needs-toolchain`: each a "workspace: script" string; none means
 * every toolchain use in `npm test` is gated. Follows `npm run <script>` within a package, and
 * stops at a needs-toolchain call (what it runs is gated). Programs that spawn a toolchain
 * themselves are not seen here; moto's Python is gated by jest-moto's own rule.
 *
 * @example
 * ```ts
 * assert.deepEqual(ungatedToolchainScripts(root), []);
 * ```
 */
export function ungatedToolchainScripts(root: string): string[] {
  const rootPackage = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const packages = ['.', ...(rootPackage.workspaces as string[])];
  return packages.flatMap((dir) => {
    const scripts: Record<string, string> = JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8')).scripts ?? {};
    const seen = new Set<string>();
    const found: string[] = [];
    const visit = (name: string) => {
      const script = scripts[name];
      if (script === undefined || seen.has(name)) return;
      seen.add(name);
      if (script.startsWith('needs-toolchain ')) return;
      if (NEEDS_TOOLCHAIN.test(script)) found.push(`${dir}: ${name}`);
      for (const [, next] of script.matchAll(/npm run ([\w:-]+)/g)) visit(next);
    };
    visit('test');
    return found;
  });
}
