import type { Server } from 'node:net';

export default async function globalTeardown(): Promise<void> {
  const server = (globalThis as { __ddbLockServer?: Server }).__ddbLockServer;
  if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
}
