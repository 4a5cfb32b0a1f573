/** Where the project lives; every published package.json points here. */
const REPOSITORY = 'https://github.com/ddb-lock/ddb-lock';

/**
 * What a registry page shows for a published package: repository (with the package's folder),
 * homepage, issue tracker, licence, author and keywords. One place, so the packages agree.
 */
export function packageMetadata(directory: string, keywords: string[]) {
  return {
    license: 'Apache-2.0',
    author: { name: 'ddb-lock contributors', url: REPOSITORY },
    repository: { type: 'git', url: `git+${REPOSITORY}.git`, directory },
    homepage: `${REPOSITORY}/tree/main/${directory}#readme`,
    bugs: { url: `${REPOSITORY}/issues` },
    keywords,
  };
}
