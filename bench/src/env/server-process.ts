import { serverFromEnvironment, startCountingProxy, startLocalServer } from '@ddb-lock/local-dynamo';

/**
 * Child process: the server (dynalite unless DDB_LOCK_TEST_SERVER says moto) and the counting
 * proxy, both on 127.0.0.1. Kept out of the bench process so the server's CPU time is not
 * charged to the client library being measured. Reports its endpoint over IPC and exits when
 * told to, or when the parent goes away.
 */
const dynamo = await startLocalServer(serverFromEnvironment());
const proxy = await startCountingProxy(dynamo.endpoint);

async function shutdown(): Promise<void> {
  await proxy.stop();
  await dynamo.stop();
  process.exit(0);
}

process.on('message', (message) => {
  if (message === 'stop') void shutdown();
});
// Parent crashed or was killed: never leave a server behind.
process.on('disconnect', () => void shutdown());
process.send?.({ endpoint: proxy.endpoint });
