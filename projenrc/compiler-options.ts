/**
 * The compiler options of the private tool and test packages (tools/lambda-runner,
 * examples/app's tests): strict, type-check only, `.ts` specifiers allowed (nothing is built;
 * Jest, tsx and Node's type stripping run the sources).
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
} as const;
