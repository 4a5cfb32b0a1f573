import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { LockTableGrants } from '../src';

// construct/README.md is the package's doorway (jsii makes it the readme in every language): under
// 150 lines, install lines with the names jsii publishes under (package.json's jsii targets), and a
// grant table that names exactly the actions each grant gives. The guide's grant table is held to
// the same lists, so neither can keep an action list the construct no longer grants.

const root = path.join(__dirname, '..');
const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
const guide = readFileSync(path.join(root, '..', 'docs', 'guides', 'cdk-construct.md'), 'utf8');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));

/** The DynamoDB actions a markdown table row starting with `| \`method(` names, without the `dynamodb:` prefix. */
function actionsInRow(markdown: string, method: string): string[] {
  const row = markdown.split('\n').find((l) => l.startsWith(`| \`${method}(`));
  if (!row) throw new Error(`no table row for ${method}`);
  const cells = row.split(/(?<!\\)\|/);
  const actions = [...(cells[2] ?? '').matchAll(/`(?:dynamodb:)?(\w+Item|Query|Scan)`/g)].map((m) => m[1]!);
  return [...new Set(actions)].sort();
}

const unprefixed = (actions: string[]) => actions.map((a) => a.replace(/^dynamodb:/, '')).sort();

test('the README is a doorway: under 150 lines', () => {
  expect(readme.trimEnd().split('\n').length).toBeLessThan(150);
});

test('the README installs the packages jsii publishes', () => {
  const { python, java, go } = pkg.jsii.targets;
  expect(readme).toContain(`npm install ${pkg.name}`);
  expect(readme).toContain(`pip install ${python.distName}`);
  expect(readme).toContain(`from ${python.module} import DistributedLockTable`);
  expect(readme).toContain(`\`${java.maven.groupId}:${java.maven.artifactId}\``);
  expect(readme).toContain(`package \`${java.package}\``);
  expect(readme).toContain(`go get ${go.moduleName}/${go.packageName}`);
});

test.each([
  ['README.md', readme],
  ['docs/guides/cdk-construct.md', guide],
])('%s names exactly the actions of each grant', (_file, markdown) => {
  expect(actionsInRow(markdown, 'grantLockAccess')).toEqual(unprefixed(LockTableGrants.LOCK_ACTIONS));
  expect(actionsInRow(markdown, 'grantLockInspection')).toEqual(unprefixed(LockTableGrants.INSPECTION_ACTIONS));
  expect(actionsInRow(markdown, 'grantLockOperation')).toEqual(unprefixed(LockTableGrants.OPERATION_ACTIONS));
});
