import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { expect, test } from '@jest/globals';
import {
  AggregationTemporality,
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
  type ResourceMetrics,
} from '@opentelemetry/sdk-metrics';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { LockLostError } from '../../../src/index.js';
import { LOCK_ATTRIBUTES as A, otelObserver } from '../../../src/otel/index.js';
import { useTestTable } from '../../support/test-table.js';

// The OpenTelemetry SDK's in-memory exporters capture what the observer sends; the locks run on
// the test server.

const table = useTestTable();

function otel() {
  const spans = new InMemorySpanExporter();
  const tracer = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spans)] }).getTracer('test');
  const exporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
  const reader = new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: 60_000 });
  const meter = new MeterProvider({ readers: [reader] }).getMeter('test');
  const metricPoints = async () => {
    await reader.forceFlush();
    const all = exporter.getMetrics() as ResourceMetrics[];
    return all
      .at(-1)!
      .scopeMetrics.flatMap((s) => s.metrics)
      .map((m) => ({
        name: m.descriptor.name,
        unit: m.descriptor.unit,
        points: m.dataPoints.map((p) => ({ attributes: p.attributes, value: p.value as number | { count: number; sum?: number } })),
      }));
  };
  return { spans, tracer, meter, metricPoints };
}

test("lock.acquire and lock.hold spans with the library's attributes; wait histogram and counters by name and outcome", async () => {
  const { spans, tracer, meter, metricPoints } = otel();
  const client = table.client({ leaseMs: 1_000, heartbeatMs: 200, observers: [otelObserver({ tracer, meter, recordKey: true })] });
  const lock = await client.acquire('orders/42');
  // One heartbeat lands (a span event): waited for, not only slept on — on a slower server (moto)
  // its round trip can end after 250 ms.
  const renewed = new Promise((r) => lock.once('renewed', r));
  await Promise.all([renewed, new Promise((r) => setTimeout(r, 250))]);
  await lock.release();
  const other = table.client({ leaseMs: 30_000, heartbeatMs: 5_000 });
  const held = await other.acquire('orders/43');
  await expect(client.acquire('orders/43', { waitMs: 0 })).rejects.toMatchObject({ name: 'LockBusyError' });
  await held.release();

  const finished = spans.getFinishedSpans();
  const dump = finished.map((s) => ({
    name: s.name,
    status: s.status.code,
    attributes: s.attributes,
    events: s.events.map((e) => e.name),
  }));
  console.log(`span dump: ${JSON.stringify(dump)}`);
  const acquires = finished.filter((s) => s.name === 'lock.acquire');
  expect(acquires.map((s) => s.attributes[A.outcome])).toEqual(['acquired', 'busy']);
  expect(acquires[0]!.attributes).toMatchObject({
    [A.name]: 'orders',
    [A.key]: 'orders/42',
    [A.fence]: lock.fence,
    [A.attempts]: 1,
    [A.contended]: false,
    [A.takeover]: 'free',
  });
  expect(acquires[1]!.attributes).toMatchObject({ [A.name]: 'orders', [A.retryAfterMs]: expect.any(Number) });
  const hold = finished.find((s) => s.name === 'lock.hold')!;
  expect(hold.attributes).toMatchObject({ [A.fence]: lock.fence, [A.end]: 'released' });
  expect(hold.attributes[A.heldMs]).toBeGreaterThanOrEqual(250);
  expect(hold.events.map((e) => e.name)).toContain('renewed');

  const points = await metricPoints();
  const wait = points.find((m) => m.name === 'ddb_lock.acquire.wait')!;
  expect(wait.unit).toBe('ms');
  expect(wait.points.map((p) => [p.attributes[A.name], p.attributes[A.outcome], (p.value as { count: number }).count]).sort()).toEqual([
    ['orders', 'acquired', 1],
    ['orders', 'busy', 1],
  ]);
  expect(points.find((m) => m.name === 'ddb_lock.busy')!.points).toEqual([{ attributes: { [A.name]: 'orders' }, value: 1 }]);
  expect((points.find((m) => m.name === 'ddb_lock.hold.duration')!.points[0]!.value as { count: number }).count).toBe(1);
});

const lossEndsHoldSpan =
  'a loss ends the hold span with an error status and counts ddb_lock.lost by reason; the raw key is not recorded by default';
test(lossEndsHoldSpan, async () => {
  const { spans, tracer, meter, metricPoints } = otel();
  const client = table.client({ leaseMs: 1_000, heartbeatMs: 200, observers: [otelObserver({ tracer, meter })] });
  const lock = await client.acquire('jobs#7');
  const lost = new Promise<LockLostError>((resolve) => lock.on('lost', resolve));
  await client.dynamoDb.send(
    new PutItemCommand({
      TableName: table.tableName,
      Item: {
        pk: { S: 'jobs#7' },
        owner: { S: 'thief' },
        rvn: { S: 't' },
        fence: { N: String(lock.fence + 1) },
        leaseMs: { N: '60000' },
        expiresAt: { N: '0' },
        released: { BOOL: false },
      },
    }),
  );
  expect((await lost).reason).toBe('stolen');
  const hold = spans.getFinishedSpans().find((s) => s.name === 'lock.hold')!;
  expect(hold.status.code).toBe(2); // SpanStatusCode.ERROR
  expect(hold.attributes).toMatchObject({ [A.lostReason]: 'stolen', [A.name]: 'jobs' });
  expect(hold.attributes[A.key]).toBeUndefined();
  const points = await metricPoints();
  expect(points.find((m) => m.name === 'ddb_lock.lost')!.points).toEqual([
    { attributes: { [A.name]: 'jobs', [A.lostReason]: 'stolen' }, value: 1 },
  ]);
});

test('semaphore permits: the name is the semaphore, spans carry the permit, and permits_held counts up and down', async () => {
  const { Semaphore } = await import('../../../src/semaphore/index.js');
  const { spans, tracer, meter, metricPoints } = otel();
  const client = table.client({ leaseMs: 5_000, heartbeatMs: 1_000, observers: [otelObserver({ tracer, meter })] });
  const semaphore = new Semaphore(client, 'exports/nightly', { permits: 3 });
  const [a, b] = [await semaphore.acquire(), await semaphore.acquire()];
  const held = async () =>
    (await metricPoints()).find((m) => m.name === 'ddb_lock.semaphore.permits_held')?.points.map((p) => [p.attributes, p.value]);
  expect(await held()).toEqual([[{ [A.semaphore]: 'exports/nightly' }, 2]]);
  await a.release();
  expect(await held()).toEqual([[{ [A.semaphore]: 'exports/nightly' }, 1]]);
  await b.release();
  const holds = spans.getFinishedSpans().filter((s) => s.name === 'lock.hold');
  expect(holds.map((s) => s.attributes[A.name])).toEqual(['exports/nightly', 'exports/nightly']);
  expect(holds.map((s) => s.attributes[A.permit]).sort()).toEqual([a.permit!.permit, b.permit!.permit].sort());
});
