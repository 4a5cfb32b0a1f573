#!/usr/bin/env node
// The `ddb-lock` bin: the package's built JavaScript (lib/, from `npm run build`).
await import('../lib/main.js');
