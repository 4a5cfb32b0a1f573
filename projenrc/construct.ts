import { JsonFile, Project } from 'projen';
import { versions } from './versions';

const dir = 'construct';

/** `@ddb-lock/construct`: jsii-compatible CDK construct library. */
export function configureConstruct(project: Project): void {
  new JsonFile(project, `${dir}/package.json`, {
    obj: {
      name: '@ddb-lock/construct',
      version: '0.1.0',
      description: 'CDK construct for ddb-lock: the DynamoDB lock table and least-privilege grants.',
      license: 'Apache-2.0',
      main: 'lib/index.js',
      types: 'lib/index.d.ts',
      files: ['lib', '.jsii'],
      scripts: {
        build: 'tsc -p tsconfig.json',
        test: 'tsc -p tsconfig.json',
      },
      peerDependencies: { 'aws-cdk-lib': `^${versions.awsCdkLib}`, constructs: `^${versions.constructs}` },
      devDependencies: { 'aws-cdk-lib': versions.awsCdkLib, constructs: versions.constructs },
    },
  });
  new JsonFile(project, `${dir}/tsconfig.json`, {
    obj: {
      compilerOptions: {
        target: 'ES2020', module: 'commonjs', lib: ['ES2020'], strict: true, declaration: true,
        rootDir: 'src', outDir: 'lib', skipLibCheck: true, types: [],
      },
      include: ['src/**/*.ts'],
    },
  });
}
