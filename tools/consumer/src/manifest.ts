import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { versions } from '../../../projenrc/versions.ts';
import { PACKS_DIR, type PublishedName } from './paths.js';

/** The file in .packs/ that `prepare` writes and the test files read. */
export const MANIFEST_FILE = 'manifest.json';

/** What `prepare` made: each package's tarball, and the fresh projects it installed. */
export interface Manifest {
  tarballs: Record<PublishedName, string>;
  projects: { bare: string; full: string };
}

/** The manifest of the last `prepare`. */
export function readManifest(): Manifest {
  return JSON.parse(readFileSync(join(PACKS_DIR, MANIFEST_FILE), 'utf8')) as Manifest;
}

// The versions a user's project gets of each peer: the ones the repo pins and tests with.
const PEERS: Record<string, string> = {
  '@aws-sdk/client-dynamodb': versions.awsSdk,
  typescript: versions.typescript,
  '@types/node': versions.typesNode,
  '@middy/core': versions.middyCore,
  '@aws/durable-execution-sdk-js': versions.durableExecutionSdk,
  '@types/aws-lambda': versions.typesAwsLambda,
  '@aws-lambda-powertools/logger': versions.powertools,
  '@aws-lambda-powertools/metrics': versions.powertools,
  '@aws-lambda-powertools/tracer': versions.powertools,
  '@aws-lambda-powertools/batch': versions.powertoolsBatch,
  '@opentelemetry/api': versions.otelApi,
  'aws-cdk-lib': versions.awsCdkLib,
  'aws-cdk': versions.awsCdkCli,
  tsx: versions.tsx,
  constructs: versions.constructs,
  esbuild: versions.esbuild,
  dynalite: versions.dynalite,
};

/** `{ name: version }` for each named peer, at the repo's pinned version. */
export function peerVersions(names: readonly string[]): Record<string, string> {
  return Object.fromEntries(
    names.map((name) => {
      const version = PEERS[name];
      if (!version) throw new Error(`no pinned version for ${name}`);
      return [name, version];
    }),
  );
}
