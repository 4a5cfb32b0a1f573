/**
 * The one version of every published artifact: the npm packages (@ddb-lock/runtime, /cli,
 * /construct), the construct's jsii targets (PyPI wheel, Maven jar, Go module, which jsii-pacmak
 * builds from the construct's package.json) and the runtime's VERSION constant. Bump it with
 * `npm run bump -- <version>` (tools/release/src/bump.ts), which rewrites this line and runs projen;
 * `npm run release` refuses to build when any generated place disagrees with it.
 */
export const releaseVersion = '0.1.0';
