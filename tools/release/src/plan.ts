import type { Artifact } from './artifacts.ts';

/** Where each registry's artifacts go, and how the workflow authenticates there. */
const DESTINATIONS: Record<Artifact['registry'], string> = {
  npm: 'https://registry.npmjs.org (publib-npm; trusted publishing, with provenance)',
  PyPI: 'https://pypi.org (publib-pypi; trusted publishing)',
  'Maven Central': 'Maven Central (publib-maven; secrets MAVEN_USERNAME, MAVEN_PASSWORD, MAVEN_GPG_PRIVATE_KEY[_PASSPHRASE])',
  'Go module': 'a commit and tag in the module repository (publib-golang; secret GO_GITHUB_TOKEN)',
};

/**
 * What the release publishes and where, one line per artifact, for the command to print.
 *
 * @example
 * ```ts
 * console.log(publishPlan('0.1.0', readArtifacts(out), true).join('\n'));
 * ```
 */
export function publishPlan(version: string, artifacts: readonly Artifact[], dryRun: boolean): string[] {
  const lines = [`${dryRun ? 'would publish' : 'publishes'} ${version} (pushing tag v${version} runs .github/workflows/release.yml):`];
  for (const registry of Object.keys(DESTINATIONS) as Array<Artifact['registry']>) {
    const here = artifacts.filter((a) => a.registry === registry && !a.file.startsWith('go-proxy/'));
    if (here.length === 0) continue;
    lines.push(`  ${registry} → ${DESTINATIONS[registry]}`);
    for (const a of here) lines.push(`    ${a.name}@${a.version}  dist/release/${a.file}${a.private ? '  NOT PUBLISHABLE: private' : ''}`);
  }
  const goModule = artifacts.find((a) => a.registry === 'Go module');
  if (goModule) {
    const [repository, ...subdir] = splitModule(goModule.name);
    lines.push(`    Go tag ${subdir.length ? `${subdir.join('/')}/` : ''}v${version} in https://${repository}`);
  }
  return lines;
}

/** github.com/org/repo/sub/dir → ['github.com/org/repo', 'sub', 'dir']: the repository and the module's folder in it. */
function splitModule(name: string): string[] {
  const parts = name.split('/');
  return [parts.slice(0, 3).join('/'), ...parts.slice(3)];
}
