import { JsonFile, type Project } from 'projen';
import { runtimeSourcePaths } from './compiler-options';
import { lintScripts } from './lint';
import { versions } from './versions';

/** Workspaces the root package drives; each has its own projenrc/<name>.ts. */
// examples/app after runtime: its tests run the example's bundles in the local Lambda runner.
// tools/consumer, then docs, last: the install suite packs what the others built and tested; the docs
// build the site from the built runtime and the construct's jsii assembly.
export const workspaces = [
  'tools/local-dynamo',
  'tools/lambda-runner',
  'runtime',
  'tools/sim',
  'examples/app',
  'construct',
  'bench',
  'chaos',
  'cli',
  'tools/release',
  'tools/consumer',
  'docs',
];

/**
 * Root package.json and the base tsconfig used by tooling that is not a package
 * (.projenrc.ts, examples, bench, integ-tests).
 */
export function configureRoot(project: Project): void {
  new JsonFile(project, 'package.json', {
    obj: {
      name: 'ddb-lock',
      private: true,
      description: 'Distributed locks on Amazon DynamoDB for TypeScript, built for serverless.',
      license: 'Apache-2.0',
      workspaces,
      engines: { node: '>=20' },
      scripts: {
        projen: 'tsx .projenrc.ts',
        start: 'tsx examples/demo/lambda-demo.ts',
        'demo:client': 'tsx examples/demo/contention-demo.ts',
        'demo:election': 'tsx examples/demo/election-demo.ts',
        build: 'npm run build --workspaces --if-present',
        // The lint first: it takes seconds, the workspaces' suites take minutes.
        // The published packages are built before the suites: the CLI's tests run its built bin
        // on the built runtime, as users install them.
        test: 'npm run lint && npm run build -w runtime -w cli && npm run test --workspaces --if-present',
        ...lintScripts,
        bench: 'npm run bench -w bench --',
        'bench:moto': 'npm run bench:moto -w bench --',
        chaos: 'npm run chaos -w chaos --',
        // `npm run sim -- --scenarios 1000000 …`: the simulator's long mode (paths relative to tools/sim).
        sim: 'npm run sim -w tools/sim --',
        // `npm run release -- --dry-run`: every artifact built and checked, the publishing plan printed
        // (tools/release); `npm run bump -- <version>`: the one version changed, CHANGELOG.md extended.
        release: 'node tools/release/src/release.ts',
        // The install suite alone; the release runs it on its own artifacts (DDB_LOCK_RELEASE_ARTIFACTS).
        'test:consumer': 'npm test -w tools/consumer',
        bump: 'node tools/release/src/bump.ts',
        // The documentation site, offline, into docs/dist/site (git-ignored).
        docs: 'npm run site -w docs',
      },
      // node@22: every `npm run` script runs on Node 22 (Lambda's nodejs22.x), not the machine's 20.
      allowScripts: { node: true, esbuild: true },
      devDependencies: {
        '@biomejs/biome': versions.biome,
        '@types/node': versions.typesNode,
        node: versions.node,
        projen: versions.projen,
        'ts-node': versions.tsNode,
        tsx: versions.tsx,
        typescript: versions.typescript,
      },
    },
  });

  new JsonFile(project, 'tsconfig.json', {
    obj: {
      compilerOptions: {
        target: 'ES2022',
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        lib: ['ES2023', 'ESNext.Disposable'],
        strict: true,
        noImplicitOverride: true,
        noUnusedLocals: true,
        noUnusedParameters: true,
        noFallthroughCasesInSwitch: true,
        esModuleInterop: true,
        skipLibCheck: true,
        resolveJsonModule: true,
        isolatedModules: true,
        noEmit: true,
        allowImportingTsExtensions: true,
        types: ['node'],
        // Tooling and bundles inside the repo (integ-test handlers, bench, demo) use the packages'
        // sources: esbuild and tsx honour these paths, so nothing needs a build first.
        baseUrl: '.',
        paths: { ...runtimeSourcePaths('runtime'), '@ddb-lock/construct': ['construct/src/index.ts'] },
      },
      include: ['.projenrc.ts', 'projenrc/**/*.ts', 'tools/*.ts', 'examples/**/*.ts', 'examples/**/*.mts'],
    },
  });
}
