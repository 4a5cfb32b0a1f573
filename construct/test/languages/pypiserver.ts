/**
 * A local Python package index for the language test: pypiserver (pinned with hashes in
 * pypiserver/requirements.txt, installed into the repo's git-ignored .cache/venv-pypiserver)
 * serving one folder on 127.0.0.1 at a free port, so the Python app installs the construct's
 * wheel by name and version as a user installs it from PyPI, not from a file path.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import * as path from 'node:path';
import { pinnedVenv } from './pinned-venv';

/** A running index: its simple-API URL and how to stop it. */
export interface PackageIndex {
  readonly url: string;
  stop(): void;
}

/** The venv with pypiserver (.cache/venv-pypiserver), made on first use. */
export function pypiserverVenv(cache: string): string {
  return pinnedVenv(path.join(cache, 'venv-pypiserver'), path.join(__dirname, 'pypiserver', 'requirements.txt'));
}

/**
 * Serves `packages` (a folder of wheels and sdists) on 127.0.0.1; resolves once the index answers.
 * --disable-fallback: a name the folder lacks is "not found", never a redirect to pypi.org.
 */
export async function startPackageIndex(venv: string, packages: string): Promise<PackageIndex> {
  const port = await freePort();
  const server = spawn(
    path.join(venv, 'bin', 'pypi-server'),
    ['run', '--host', '127.0.0.1', '--port', String(port), '--disable-fallback', '-a', '.', '-P', '.', packages],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let output = '';
  server.stderr?.on('data', (chunk: Buffer) => {
    output = `${output}${chunk}`.slice(-4000);
  });
  const url = `http://127.0.0.1:${port}/simple/`;
  const deadline = Date.now() + 30_000;
  while (!(await answers(`http://127.0.0.1:${port}/health`))) {
    if (server.exitCode !== null || Date.now() > deadline) {
      server.kill();
      throw new Error(`pypiserver did not start on port ${port}:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { url, stop: () => stop(server) };
}

function stop(server: ChildProcess): void {
  if (server.exitCode === null) server.kill();
}

async function answers(url: string): Promise<boolean> {
  try {
    return (await fetch(url)).ok;
  } catch {
    return false;
  }
}

/** A port nothing listens on now (the kernel's pick, released for pypiserver to bind). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}
