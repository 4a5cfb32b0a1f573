import { Metrics } from '@aws-lambda-powertools/metrics';
import { afterEach, expect, it, jest } from '@jest/globals';
import { AggregationTemporality, InMemoryMetricExporter, MeterProvider, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { Election } from '../../../src/election/index.js';
import { LOCK_ATTRIBUTES as A, otelObserver } from '../../../src/otel/index.js';
import { powertoolsObserver } from '../../../src/powertools/index.js';
import { advance, electionTable } from './election-table.js';

// The adapters' election output, with the SDKs' in-memory exporters (OpenTelemetry) and EMF on
// stdout (Powertools): the terms come from the in-memory election table, so a stolen term can be
// placed exactly. The adapters' lock output is tested on the test servers (integration/otel, /powertools).

afterEach(() => {
  jest.useRealTimers();
  jest.restoreAllMocks();
});

it('OpenTelemetry: a leader-changes count per election name; elected, demoted(reason) and resigned events on the term span', async () => {
  const table = electionTable();
  const spans = new InMemorySpanExporter();
  const tracer = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spans)] }).getTracer('test');
  const exporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
  const reader = new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: 600_000 });
  const meter = new MeterProvider({ readers: [reader] }).getMeter('test');
  const { client } = table.candidate('me', { observers: [otelObserver({ tracer, meter })] });
  const election = new Election(client, 'sched');
  const first = await election.campaign();
  await first.release();
  const second = await election.campaign();
  const stored = table.items.get('election/sched')!;
  table.set('election/sched', { ...stored, owner: { S: 'thief' }, fence: { N: String(second.fence + 1) } });
  await advance(2_000);
  expect(second.isValid()).toBe(false);

  const holds = spans.getFinishedSpans().filter((s) => s.name === 'lock.hold');
  expect(holds.map((s) => s.events.map((e) => [e.name, e.attributes?.[A.lostReason]]))).toEqual([
    [
      ['elected', undefined],
      ['resigned', undefined],
    ],
    [
      ['elected', undefined],
      ['demoted', 'stolen'],
    ],
  ]);
  expect(holds[0]!.events[0]!.attributes).toEqual({ [A.election]: 'sched', [A.fence]: first.fence });
  jest.useRealTimers(); // the reader's flush runs on real timers
  await reader.forceFlush();
  const metric = exporter
    .getMetrics()
    .at(-1)!
    .scopeMetrics.flatMap((s) => s.metrics)
    .find((m) => m.descriptor.name === 'ddb_lock.election.leader_changes');
  expect(metric?.dataPoints.map((p) => [p.attributes, p.value])).toEqual([[{ [A.election]: 'sched' }, 2]]);
});

it('Powertools: LeaderChanges (Count) with the electionName dimension, one EMF line per term won', async () => {
  const table = electionTable();
  const out: string[] = [];
  jest.spyOn(process.stdout, 'write').mockImplementation(((chunk: string) => {
    out.push(String(chunk));
    return true;
  }) as typeof process.stdout.write);
  const metrics = new Metrics({ namespace: 'test', serviceName: 'billing' });
  const { client } = table.candidate('me', { observers: [powertoolsObserver({ metrics })] });
  const election = new Election(client, 'sched');
  await (await election.campaign()).release();
  await (await election.campaign()).release();
  const emf = out
    .join('')
    .split('\n')
    .filter((l) => l.includes('LeaderChanges'))
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  expect(emf).toHaveLength(2);
  expect(emf[0]).toMatchObject({ electionName: 'sched', LeaderChanges: 1 });
});
