import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { versions } from '../../projenrc/versions';

// Each language app pins aws-cdk-lib and constructs to the TypeScript side's versions, and the
// jsii runtime to the jsii-pacmak that generated the bindings (projenrc/versions.ts).

const read = (file: string) => readFileSync(path.join(__dirname, 'languages', file), 'utf8');

test('Python: requirements.txt pins the same versions (with hashes)', () => {
  const requirements = read('python/requirements.txt');
  expect(requirements).toMatch(new RegExp(`^aws-cdk-lib==${versions.awsCdkLib} \\\\$`, 'm'));
  expect(requirements).toMatch(new RegExp(`^constructs==${versions.constructs} \\\\$`, 'm'));
  expect(requirements).toMatch(new RegExp(`^jsii==${versions.jsiiPacmak} \\\\$`, 'm'));
  // Every requirement carries a hash, so pip installs with --require-hashes.
  const pins = requirements.split('\n').filter((l) => /^[a-z0-9]/i.test(l));
  expect(pins.every((l) => l.endsWith('\\'))).toBe(true);
});

test('Java: pom.xml pins the same versions', () => {
  const pom = read('java/pom.xml');
  expect(pom).toContain(`<aws-cdk-lib.version>${versions.awsCdkLib}</aws-cdk-lib.version>`);
  expect(pom).toContain(`<constructs.version>${versions.constructs}</constructs.version>`);
});

test('Go: go.mod pins the same versions', () => {
  const goMod = read('go/go.mod');
  expect(goMod).toMatch(new RegExp(`github.com/aws/aws-cdk-go/awscdk/v2 v${versions.awsCdkLib}\\b`));
  expect(goMod).toMatch(new RegExp(`github.com/aws/constructs-go/constructs/v10 v${versions.constructs}\\b`));
  expect(goMod).toMatch(new RegExp(`github.com/aws/jsii-runtime-go v${versions.jsiiPacmak}\\b`));
});

test('pypiserver, the Python app local index, is pinned with hashes', () => {
  const requirements = read('pypiserver/requirements.txt');
  expect(requirements).toMatch(/^pypiserver==2\.4\.\d+ \\$/m);
  const pins = requirements.split('\n').filter((l) => /^[a-z0-9]/i.test(l));
  expect(pins.length).toBeGreaterThan(1);
  expect(pins.every((l) => /^[\w.-]+==[\w.]+ \\$/.test(l))).toBe(true);
});
