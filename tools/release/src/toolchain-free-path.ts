import { accessSync, constants, existsSync, mkdirSync, readdirSync, symlinkSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** The programs of the toolchains some suites need: Python (and pip), a JDK, Maven, Go. */
export const TOOLCHAIN_PROGRAMS = /^(python[0-9.]*|pip[0-9.]*|java|javac|jar|mvn|mvnw|go|gofmt)$/;

/**
 * A PATH that has everything `path` has except the toolchains: one folder, `into`, of symlinks to
 * every executable on `path` (the first of each name, as a shell would find it) except
 * {@link TOOLCHAIN_PROGRAMS}. Used to run the toolchain-gated suites as on a machine with only Node.
 *
 * @example
 * ```ts
 * spawnSync('npm', ['run', 'test:languages'], { env: { ...process.env, PATH: toolchainFreePath(process.env.PATH!, tmp) } });
 * ```
 */
export function toolchainFreePath(path: string, into: string): string {
  mkdirSync(into, { recursive: true });
  const linked = new Set<string>();
  for (const folder of path.split(delimiter).filter((f) => f && existsSync(f))) {
    for (const name of readdirSync(folder)) {
      if (linked.has(name) || TOOLCHAIN_PROGRAMS.test(name)) continue;
      try {
        accessSync(join(folder, name), constants.X_OK);
      } catch {
        continue;
      }
      symlinkSync(join(folder, name), join(into, name));
      linked.add(name);
    }
  }
  return into;
}
