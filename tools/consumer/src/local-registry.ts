import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from './paths.js';

/** A Verdaccio registry on 127.0.0.1 that serves the `@ddb-lock` scope and nothing else. */
export interface LocalRegistry {
  /** `http://127.0.0.1:PORT/`. */
  readonly url: string;
  /** A token that may publish to the scope. */
  readonly token: string;
  /** An `.npmrc` that takes `@ddb-lock/*` from this registry (and everything else as before). */
  npmrc(): string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function waitForPing(url: string, child: ChildProcess): Promise<void> {
  for (let attempt = 0; attempt < 300; attempt++) {
    if (child.exitCode !== null) throw new Error(`verdaccio exited with ${child.exitCode}`);
    try {
      if ((await fetch(new URL('-/ping', url))).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`verdaccio did not answer on ${url}`);
}

/**
 * Starts Verdaccio (the repo's pinned version, on `node`, which must be Node 22 for Verdaccio
 * 6.10) with its storage in a temporary folder, no uplink (packages of other scopes come from the
 * machine's registry through the scoped `.npmrc`), and a user created through the registry's own
 * API, as `npm adduser` would.
 */
export async function startLocalRegistry(node: string): Promise<LocalRegistry> {
  const dir = mkdtempSync(join(tmpdir(), 'ddb-lock-verdaccio-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  const config = [
    `storage: ${join(dir, 'storage')}`,
    'auth:',
    '  htpasswd:',
    `    file: ${join(dir, 'htpasswd')}`,
    '    max_users: 1',
    'uplinks: {}',
    'packages:',
    "  '@ddb-lock/*':",
    '    access: $all',
    '    publish: $authenticated',
    "  '**':",
    '    access: $all',
    'log: { type: stdout, format: pretty, level: warn }',
  ].join('\n');
  writeFileSync(join(dir, 'config.yaml'), `${config}\n`);
  const bin = join(REPO_ROOT, 'node_modules', 'verdaccio', 'bin', 'verdaccio');
  const child = spawn(node, [bin, '--config', join(dir, 'config.yaml'), '--listen', `127.0.0.1:${port}`], { stdio: 'ignore' });
  try {
    await waitForPing(url, child);
    const user = await fetch(new URL('-/user/org.couchdb.user:consumer', url), {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'consumer', password: 'consumer-password' }),
    });
    const { token } = (await user.json()) as { token?: string };
    if (!token) throw new Error(`verdaccio created no user: ${user.status}`);
    const hostPath = url.replace(/^http:/, '');
    return {
      url,
      token,
      npmrc: () => `@ddb-lock:registry=${url}\n${hostPath}:_authToken=${token}\n`,
      stop: async () => {
        child.kill('SIGTERM');
        if (child.exitCode === null) await new Promise((resolve) => child.once('exit', resolve));
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
}
