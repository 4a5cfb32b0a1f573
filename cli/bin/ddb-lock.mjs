#!/usr/bin/env node
// The `ddb-lock` bin. It runs the TypeScript sources through tsx, with this package's tsconfig
// (which maps @ddb-lock/runtime to its sources), so `npm ci` alone gives a working command on
// Node 20 and 22 and it can never run a stale build.
import { register } from 'tsx/esm/api';

register({ tsconfig: new URL('../tsconfig.json', import.meta.url).pathname });
await import('../src/main.ts');
