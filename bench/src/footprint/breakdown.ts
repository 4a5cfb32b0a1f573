import { fileURLToPath } from 'node:url';
import { bundleModules } from './bundle.js';

// What withLock adds to a Lambda bundle, file by file: the footprint scenario's bundles (bare and
// with-lock handlers, same esbuild settings), split by esbuild's metafile. Prints a Markdown table.
// `npm run footprint -w bench`.

const handler = (name: string) => fileURLToPath(new URL(`handlers/${name}.ts`, import.meta.url));
const bare = await bundleModules(handler('bare'));
const withLock = await bundleModules(handler('with-lock'));
const ours = [...withLock.modules]
  .filter(([path, bytes]) => path.includes('runtime/src/') && bytes > 0)
  .map(([path, bytes]) => [path.slice(path.indexOf('runtime/src/') + 'runtime/src/'.length), bytes] as const)
  .sort((a, b) => b[1] - a[1]);
const folderOf = (path: string) => (path.includes('/') ? path.slice(0, path.indexOf('/')) : '.');
const folders = new Map<string, number>();
for (const [path, bytes] of ours) folders.set(folderOf(path), (folders.get(folderOf(path)) ?? 0) + bytes);

const lines = [
  `withLock over the bare handler: ${withLock.bytes - bare.bytes} bytes` +
    ` (${((withLock.bytes - bare.bytes) / 1024).toFixed(1)} KB); bare ${bare.bytes}, with-lock ${withLock.bytes}`,
  '',
  '| runtime/src folder | bytes |',
  '|---|---|',
  ...[...folders].sort((a, b) => b[1] - a[1]).map(([folder, bytes]) => `| ${folder} | ${bytes} |`),
  '',
  '| runtime/src file | bytes |',
  '|---|---|',
  ...ours.map(([path, bytes]) => `| ${path} | ${bytes} |`),
  `| (all of runtime/src) | ${ours.reduce((sum, [, bytes]) => sum + bytes, 0)} |`,
];
console.log(lines.join('\n'));
