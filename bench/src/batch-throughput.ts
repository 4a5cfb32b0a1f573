import type { SQSRecord } from 'aws-lambda';
import { ensureTable } from '../../runtime/src/admin/index.js';
import { lockedBatchHandler } from '../../runtime/src/batch/index.js';
import { LockClient } from '../../runtime/src/index.js';
import { startBenchEnv } from './env/bench-env.js';
import { dynamoDbClient } from './env/sdk-clients.js';

// Batch throughput of lockedBatchHandler on dynalite (in its own process, behind the counting
// proxy): SQS batches of 10 records whose handler does no work of its own, so the figure is the
// lock's cost per record. Keys per batch: 1 (one hold serves all ten records, in order) or 10
// (ten holds, in parallel). Environments: batches handled one after another by one environment,
// or by four at once on disjoint keys. Usage: npm run bench:batch -w bench [-- --batches 200]
// (not a test: no thresholds).

const args = process.argv.slice(2);
const BATCHES = Number(args[args.indexOf('--batches') + 1] || 200);
const REPEATS = 3;
const BATCH_SIZE = 10;

const env = await startBenchEnv();
const tableName = 'batch-throughput';
await ensureTable(new LockClient({ tableName, client: dynamoDbClient(env.endpoint) }));

let messageId = 0;
function batch(keys: number, keyPrefix: string): { Records: SQSRecord[] } {
  return {
    Records: Array.from({ length: BATCH_SIZE }, (_, i) => ({
      messageId: `m${++messageId}`,
      receiptHandle: 'r',
      body: JSON.stringify({ key: `${keyPrefix}-${i % keys}` }),
      attributes: { ApproximateReceiveCount: '1', SentTimestamp: '0', SenderId: 'bench', ApproximateFirstReceiveTimestamp: '0' },
      messageAttributes: {},
      md5OfBody: '',
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:us-east-1:0:bench',
      awsRegion: 'us-east-1',
    })),
  };
}

/** One run: `environments` handlers at once, each through `BATCHES` batches; records/s overall. */
async function run(keys: number, environments: number): Promise<{ recordsPerSecond: number; requestsPerRecord: number }> {
  const handlers = Array.from({ length: environments }, () =>
    lockedBatchHandler(
      (r: SQSRecord) => (JSON.parse(r.body) as { key: string }).key,
      async () => undefined,
      { client: new LockClient({ tableName, client: dynamoDbClient(env.endpoint) }) },
    ),
  );
  const before = Object.values(await env.counts()).reduce((s, n) => s + n, 0);
  const started = performance.now();
  await Promise.all(
    handlers.map(async (handler, e) => {
      for (let b = 0; b < BATCHES; b++) {
        const response = await handler(batch(keys, `env${e}`), undefined as never);
        if (response.batchItemFailures.length > 0) throw new Error('a record failed: keys must not be contended here');
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const requests = Object.values(await env.counts()).reduce((s, n) => s + n, 0) - before;
  const records = BATCHES * BATCH_SIZE * environments;
  return { recordsPerSecond: records / seconds, requestsPerRecord: requests / records };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
await run(10, 1); // warm-up: JIT, connections
console.log(`| keys per batch of ${BATCH_SIZE} | environments | records/s (median of ${REPEATS}; runs) | requests per record |`);
console.log('|---|---|---|---|');
for (const environments of [1, 4]) {
  for (const keys of [1, 10]) {
    const results = [];
    for (let i = 0; i < REPEATS; i++) results.push(await run(keys, environments));
    const rates = results.map((r) => r.recordsPerSecond);
    console.log(
      `| ${keys} | ${environments} | ${Math.round(median(rates))} (${rates.map(Math.round).join(', ')}) |` +
        ` ${median(results.map((r) => r.requestsPerRecord)).toFixed(2)} |`,
    );
  }
}
await env.stop();
