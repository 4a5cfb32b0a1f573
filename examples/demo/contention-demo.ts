/**
 * `npm start`: a few workers contend for one lock on an embedded DynamoDB (dynalite on
 * 127.0.0.1). Each holds it briefly and makes a fenced write; one worker "crashes" while holding
 * it and is taken over after its lease. Prints who holds the lock and the fencing tokens.
 */

import { setTimeout as sleep } from 'node:timers/promises';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { startDynalite } from '@ddb-lock/local-dynamo';
import { ensureTable } from '../../runtime/src/admin/index.js';
import { fencedWrite, LockClient } from '../../runtime/src/index.js';

const WORKERS = 4;
const ROUNDS = 2;
const LEASE_MS = 1_500;

async function main(): Promise<void> {
  const local = await startDynalite();
  const ddb = () =>
    new DynamoDBClient({
      endpoint: local.endpoint,
      region: 'local',
      credentials: { accessKeyId: 'demo', secretAccessKey: 'demo' },
      maxAttempts: 1,
    });
  const tableName = 'ddb-lock-demo';
  const started = performance.now();
  const t = () => `${((performance.now() - started) / 1000).toFixed(2).padStart(5)}s`;

  const admin = new LockClient({ tableName, client: ddb() });
  await ensureTable(admin);
  console.log(`embedded DynamoDB at ${local.endpoint}, table ${tableName}\n`);

  const grants: Array<{ worker: string; fence: number }> = [];
  const clients = Array.from(
    { length: WORKERS },
    (_, i) => new LockClient({ tableName, client: ddb(), ownerName: `worker-${i + 1}`, leaseMs: LEASE_MS, heartbeatMs: 400, pollMs: 100 }),
  );

  async function work(client: LockClient, round: number): Promise<void> {
    const lock = await client.acquire('nightly-report', { waitMs: 20_000, data: `round ${round}` });
    grants.push({ worker: client.ownerName, fence: lock.fence });
    console.log(`${t()}  ${client.ownerName} holds the lock  fence=${lock.fence}`);
    // The protected resource accepts only writes carrying a token ≥ the last one it saw.
    await fencedWrite(lock, {
      update: {
        TableName: tableName,
        Key: { pk: { S: 'report-output' } },
        UpdateExpression: 'SET lastWriter = :w ADD writes :one',
        ExpressionAttributeValues: { ':w': { S: client.ownerName }, ':one': { N: '1' } },
      },
    });
    await sleep(150);
    await lock.release();
    await sleep(50); // let the others in: the lock promises exclusion, not fairness
  }

  // One worker takes the lock and "crashes": no release, no heartbeats.
  const crasher = new LockClient({ tableName, client: ddb(), ownerName: 'crasher', leaseMs: LEASE_MS });
  const crashed = await crasher.acquire('nightly-report', { autoHeartbeat: false });
  grants.push({ worker: 'crasher', fence: crashed.fence });
  console.log(`${t()}  crasher holds the lock  fence=${crashed.fence}, then stops heartbeating (simulated crash)`);

  await Promise.all(
    clients.map(async (client, i) => {
      await sleep(i * 20);
      for (let round = 1; round <= ROUNDS; round++) await work(client, round);
    }),
  );

  const output = await admin.dynamoDb.send(
    new GetItemCommand({ TableName: tableName, Key: { pk: { S: 'report-output' } }, ConsistentRead: true }),
  );
  const fences = grants.map((g) => g.fence);
  const increasing = fences.every((f, i) => i === 0 || f > fences[i - 1]!);
  console.log(`\n${grants.length} grants, fencing tokens strictly increasing: ${increasing}`);
  console.log(
    `fenced writes applied: ${output.Item?.writes?.N}, last writer ${output.Item?.lastWriter?.S}, stored fence` +
      ` ${output.Item?.lockFence?.N}`,
  );
  console.log(`the crashed holder was taken over after its lease (${LEASE_MS} ms, measured on the waiter's monotonic clock)`);

  await Promise.all([...clients, crasher, admin].map((c) => c.close({ release: false })));
  for (const c of [...clients, crasher, admin]) c.dynamoDb.destroy();
  await local.stop();
  if (!increasing) process.exitCode = 1;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
