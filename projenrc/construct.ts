import { JsonFile, type Project } from 'projen';
import { localDynamoDependency } from './local-dynamo';
import { releaseVersion } from './release-version';
import { versions } from './versions';

const dir = 'construct';

// Every tool below phones home or walks the AWS credential chain unless told not to, and this
// project's machines reach no network but the npm registry. The wrapper sets the offline flags
// (see construct/scripts/offline-env.sh) so `npm test` works from a plain shell.
const offline = 'bash scripts/offline-env.sh';

// The same, with the Go, pip and Maven caches inside the repo (construct/scripts/lang-env.sh).
const langEnv = 'bash scripts/lang-env.sh';

// The language test needs Python (and venv), a JDK with Maven, and Go (tools/local-dynamo's bin).
const needsToolchains = [
  "needs-toolchain --suite 'construct language test'",
  "--enable 'install Python >= 3.10 with venv, a JDK >= 17 with Maven and Go >= 1.25 (construct/scripts/toolchains.sh)'",
  'python3 java javac mvn go',
].join(' ');

const integRunner =
  'integ-runner --directory ../integ-tests --language typescript --app "node --import tsx {filePath}" --parallel-regions us-east-1';

/** `@ddb-lock/construct`: jsii-compatible CDK construct library. */
export function configureConstruct(project: Project): void {
  new JsonFile(project, `${dir}/package.json`, {
    obj: {
      name: '@ddb-lock/construct',
      version: releaseVersion,
      description: 'CDK construct for ddb-lock: the DynamoDB lock table and least-privilege grants.',
      license: 'Apache-2.0',
      author: { name: 'ddb-lock contributors', organization: true },
      repository: { type: 'git', url: 'git+https://github.com/ddb-lock/ddb-lock.git', directory: dir },
      homepage: `https://github.com/ddb-lock/ddb-lock/tree/main/${dir}#readme`,
      bugs: { url: 'https://github.com/ddb-lock/ddb-lock/issues' },
      keywords: ['cdk', 'awscdk', 'dynamodb', 'lock', 'distributed-lock'],
      // jsii emits CommonJS; saying so spares Node the detection (publint).
      type: 'commonjs',
      engines: { node: '>=20' },
      main: 'lib/index.js',
      types: 'lib/index.d.ts',
      files: ['lib', '.jsii', 'README.md', 'LICENSE'],
      stability: 'experimental',
      jsii: {
        outdir: 'dist',
        versionFormat: 'full',
        // projen owns tsconfig.json; without this jsii would overwrite it with its own.
        tsconfig: 'tsconfig.json',
        validateTsconfig: 'minimal',
        // Names follow Construct Hub's conventions (see construct/README.md, "Package names").
        // No .NET target: jsii builds it with the `dotnet` SDK, which none of the registries these
        // machines reach provides for Linux (Debian ships only Mono; NuGet is not reachable).
        targets: {
          python: { distName: 'ddb-lock.construct', module: 'ddb_lock.construct' },
          java: {
            package: 'io.github.ddblock.construct',
            maven: { groupId: 'io.github.ddb-lock', artifactId: 'ddb-lock-construct' },
          },
          go: { moduleName: 'github.com/ddb-lock/ddb-lock-go', packageName: 'ddblockconstruct' },
        },
      },
      scripts: {
        // jsii compiles and type-checks src/ and writes .jsii; warnings (e.g. a C# reserved word
        // in a public name) fail the build.
        build: `${offline} jsii --fail-on-warnings`,
        // Every target: js (npm pack), python (wheel + sdist), java (jar, built by Maven), go (a
        // compiled module). Downloads go to the repo's git-ignored .cache/ (scripts/package.sh).
        package: `${langEnv} bash scripts/package.sh`,
        typecheck: 'tsc -p tsconfig.dev.json',
        // The same app in TypeScript, Python, Java and Go against the packages just built, each
        // installed by name as users do; each template must equal the TypeScript one
        // (test/languages/run.ts). Without the toolchains: one skip line, or a failure under CI=true.
        'test:languages': `${needsToolchains} -- sh -c 'npm run package && npm run test:languages:apps'`,
        'test:languages:apps': `${langEnv} node --import tsx test/languages/run.ts`,
        // The runtime's integration suite with a request recorder, then the recorded IAM actions
        // compared with the grants (test/least-privilege/).
        'test:least-privilege': [
          `${offline} node --import tsx test/least-privilege/record.ts`,
          `${offline} jest --testMatch '**/test/least-privilege/*.check.ts'`,
        ].join(' && '),
        'test:unit': `${offline} jest`,
        'test:integ': `${offline} ${integRunner}`,
        'integ:update': `${offline} ${integRunner} --dry-run --update-on-failed --force`,
        // The example app through the real CLI and the root cdk.json, as a user would run it.
        'test:synth': `${offline} sh -c 'cd .. && cdk synth --no-notices --quiet --output construct/cdk.out/example'`,
        test: ['build', 'typecheck', 'test:unit', 'test:least-privilege', 'test:integ', 'test:synth', 'test:languages']
          .map((script) => `npm run ${script}`)
          .join(' && '),
      },
      peerDependencies: { 'aws-cdk-lib': `^${versions.awsCdkLib}`, constructs: `^${versions.constructs}` },
      devDependencies: {
        ...localDynamoDependency,
        '@aws-cdk/integ-runner': versions.integRunner,
        '@aws-cdk/integ-tests-alpha': versions.integTestsAlpha,
        // Types for the integ test's handlers; bundling leaves @aws-sdk/* to the Lambda runtime.
        '@aws-sdk/client-dynamodb': versions.awsSdk,
        '@aws-sdk/client-lambda': versions.awsSdkClientLambda,
        '@types/jest': versions.typesJest,
        'aws-cdk': versions.awsCdkCli,
        'aws-cdk-lib': versions.awsCdkLib,
        'cdk-nag': versions.cdkNag,
        constructs: versions.constructs,
        esbuild: versions.esbuild,
        jest: versions.jest,
        jsii: versions.jsii,
        'jsii-pacmak': versions.jsiiPacmak,
        'jsii-rosetta': versions.jsiiRosetta,
        'ts-jest': versions.tsJest,
      },
    },
  });

  const compilerOptions = {
    target: 'ES2020',
    module: 'commonjs',
    lib: ['ES2020'],
    strict: true,
    skipLibCheck: true,
    noUnusedLocals: true,
    noUnusedParameters: true,
    noImplicitReturns: true,
    noFallthroughCasesInSwitch: true,
    esModuleInterop: true,
  };
  new JsonFile(project, `${dir}/tsconfig.json`, {
    obj: {
      compilerOptions: {
        ...compilerOptions,
        declaration: true,
        rootDir: 'src',
        outDir: 'lib',
        types: [],
        inlineSourceMap: true,
        inlineSources: true,
      },
      include: ['src/**/*.ts'],
    },
  });
  // Tests, the integ test and the example app: type-checked by `npm run typecheck`, run by ts-jest
  // (CommonJS, like the jsii output).
  new JsonFile(project, `${dir}/tsconfig.dev.json`, {
    obj: {
      compilerOptions: {
        // isolatedModules: ts-jest then transpiles without type-checking (fast on 2 cores); type
        // errors are `npm run typecheck`'s job.
        ...compilerOptions,
        noEmit: true,
        isolatedModules: true,
        types: ['node', 'jest'],
        baseUrl: '.',
        paths: { '@ddb-lock/construct': ['src/index.ts'] },
      },
      // The CDK side only: the withLock handlers import the ESM runtime package, which a
      // CommonJS program cannot resolve; esbuild bundles them and the runtime's typecheck covers them.
      include: [
        'src/**/*.ts',
        'test/**/*.ts',
        '../integ-tests/*.ts',
        '../integ-tests/handlers/race.ts',
        '../examples/app/main.ts',
        '../examples/app/lock-stack.ts',
        '../examples/app/nag.ts',
      ],
    },
  });
  new JsonFile(project, `${dir}/jest.config.json`, {
    obj: {
      testEnvironment: 'node',
      transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.dev.json' }] },
      // The example app imports the package by name; tests use the source, not a stale build.
      moduleNameMapper: { '^@ddb-lock/construct$': '<rootDir>/src/index.ts' },
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      testTimeout: 60000,
      maxWorkers: 2,
    },
  });
}
