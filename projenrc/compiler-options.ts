/**
 * The compiler options of the private tool and test packages (cli, chaos, bench, tools/local-dynamo,
 * tools/lambda-runner, examples/app's tests): strict, type-check only, `.ts` specifiers allowed (nothing is built;
 * Jest, tsx and Node's type stripping run the sources), modules resolved per file as Node does, Node's types.
 */
export const checkOnlyCompilerOptions = {
  target: 'ES2022',
  lib: ['ES2023', 'ESNext.Disposable'],
  strict: true,
  noUnusedLocals: true,
  noUnusedParameters: true,
  noEmit: true,
  allowImportingTsExtensions: true,
  skipLibCheck: true,
  module: 'NodeNext',
  moduleResolution: 'NodeNext',
  types: ['node'],
} as const;

/** The runtime's entry points (package.json `exports`), each to its source index. */
const RUNTIME_ENTRY_POINTS = ['', '/middy', '/powertools', '/otel', '/batch', '/semaphore', '/admin', '/protocol'];

/**
 * tsconfig `paths` that resolve `@ddb-lock/runtime` and its subpaths to the runtime's sources, for
 * code that imports the package by name and is type-checked, run by tsx or bundled by esbuild
 * without a build first. `toRuntime` is the runtime folder from the tsconfig's `baseUrl`.
 */
export function runtimeSourcePaths(toRuntime: string): Record<string, string[]> {
  const prefix = toRuntime === '.' ? '' : `${toRuntime}/`;
  return Object.fromEntries(RUNTIME_ENTRY_POINTS.map((sub) => [`@ddb-lock/runtime${sub}`, [`${prefix}src${sub}/index.ts`]]));
}
