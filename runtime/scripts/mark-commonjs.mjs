// Marks a build folder as CommonJS: the package is `"type": "module"`, so without its own
// package.json Node would read lib/cjs/*.js (and TypeScript its .d.ts) as ES modules.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

writeFileSync(join(process.argv[2], 'package.json'), `${JSON.stringify({ type: 'commonjs' })}\n`);
