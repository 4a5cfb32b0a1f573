import { JsonFile, type Project } from 'projen';
import { checkOnlyCompilerOptions, runtimeSourcePaths } from './compiler-options';
import { localDynamoDependency } from './local-dynamo';
import { versions } from './versions';

const dir = 'bench';

/**
 * The peers the bench measures ddb-lock against, pinned exactly so a result file always says
 * which releases it compared (the field notes list them). Shared libraries come from versions.ts.
 */
export const benchVersions = {
  awsSdkV2: '2.1693.0', // dynamodb-lock-client's peer: it takes a v2 DocumentClient
  dynamodbLockClient: '0.7.3',
  deliveryHeroLock: '2.0.0',
  powertoolsIdempotency: '2.35.0',
} as const;

/** `bench/`: private workspace. Benchmarks of ddb-lock against its peers and the raw-SDK floor (not tests). */
export function configureBench(project: Project): void {
  new JsonFile(project, `${dir}/package.json`, {
    obj: {
      name: '@ddb-lock/bench',
      private: true,
      type: 'module',
      description: 'Benchmarks of ddb-lock against its peers and the raw-SDK floor (not tests).',
      scripts: {
        bench: 'tsx src/run.ts',
        // lockedBatchHandler's records/s on dynalite (issue 14's figure); not part of the bench run.
        'bench:batch': 'tsx src/batch-throughput.ts',
        // Semaphores (issue 22): ddb-lock's beside the AWS Step Functions sample's counter protocol.
        'bench:semaphore': 'tsx src/semaphore-bench.ts',
        // withLock's bundle bytes, file by file (the footprint scenario's bundles split by esbuild's metafile).
        footprint: 'tsx src/footprint/breakdown.ts',
        // Where the client's CPU above the floor goes: the runtime with one mechanism at a time switched off (issue 10).
        'cpu-ledger': 'tsx src/cpu-ledger/ledger.ts',
        // Scenarios 1 and 2 on moto, the second server (dynalite stays the default bench server).
        'bench:moto': 'tsx src/run-on-server.ts moto',
        // Issue 25's hot key: C clients on one key, barging vs fair; writes results/hot-key.md. Not part of the bench run.
        'bench:hot-key': 'tsx src/hot-key.ts',
        // Smoke mode keeps the bench from rotting in CI; it fails on errors, never on figures.
        // The moto pass prints one line and passes without moto's venv, except under CI=true.
        // The CPU ledger's smoke checks that every ablation still applies to the runtime's source.
        test:
          'tsc -p tsconfig.json && tsx src/run.ts --quick && tsx src/run-on-server.ts moto --quick' +
          ' && tsx src/cpu-ledger/ledger.ts --rounds 1 --pairs 20 && tsx src/semaphore-bench.ts --quick',
      },
      devDependencies: {
        '@aws-lambda-powertools/idempotency': benchVersions.powertoolsIdempotency,
        '@aws-sdk/client-dynamodb': versions.awsSdk,
        '@aws-sdk/lib-dynamodb': versions.awsSdk,
        '@deliveryhero/dynamodb-lock': benchVersions.deliveryHeroLock,
        '@middy/core': versions.middyCore,
        '@types/aws-lambda': versions.typesAwsLambda,
        'aws-sdk': benchVersions.awsSdkV2,
        ...localDynamoDependency,
        'dynamodb-lock-client': benchVersions.dynamodbLockClient,
        esbuild: versions.esbuild,
      },
    },
  });
  new JsonFile(project, `${dir}/tsconfig.json`, {
    obj: {
      compilerOptions: {
        ...checkOnlyCompilerOptions,
        esModuleInterop: true,
        isolatedModules: true,
        // Type-checked and run by tsx against the runtime's sources (the contenders load a bundle
        // of them at run time, see src/contenders/runtime-bundle.ts): nothing needs building.
        baseUrl: '.',
        paths: runtimeSourcePaths('../runtime'),
      },
      include: ['src/**/*.ts'],
    },
  });
}
