/**
 * `npm run demo:election`: three candidates, each a process, lead one election on an embedded
 * DynamoDB (dynalite on 127.0.0.1). The demo SIGKILLs whoever leads, three times in turn (and
 * starts a fresh candidate in its place); an observer prints every term. Ends with a timeline
 * picture (demo-output/election-timeline.svg): who led when, and the gap after each kill.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { startDynalite } from '@ddb-lock/local-dynamo';
import { ensureTable } from '../../runtime/src/admin/index.js';
import { Election } from '../../runtime/src/election/index.js';
import { LockClient } from '../../runtime/src/index.js';
import { type TimelineBar, timelineSvg } from './timeline-svg.js';

const KILLS = 3;
// The demo runs as CommonJS under tsx (the root package is not an ES module).
const candidateScript = join(__dirname, 'election-candidate.ts');
const repoRoot = join(__dirname, '..', '..');

type Event = { event: string; at: number; name: string; fence?: number; reason?: string };

async function main(): Promise<void> {
  const local = await startDynalite();
  const tableName = 'ddb-lock-election-demo';
  const ddb = new DynamoDBClient({
    endpoint: local.endpoint,
    region: 'local',
    credentials: { accessKeyId: 'demo', secretAccessKey: 'demo' },
  });
  const watcher = new LockClient({ tableName, client: ddb, leaseMs: 1_500 });
  await ensureTable(watcher);
  const origin = performance.timeOrigin + performance.now();
  const t = (at: number) => `${((at - origin) / 1000).toFixed(2).padStart(5)}s`;
  console.log(`embedded DynamoDB at ${local.endpoint}; election "scheduler", lease 1.5 s\n`);

  const events: Event[] = [];
  const children = new Map<string, ChildProcess>();
  let started = 0;
  const start = () => {
    const name = `candidate-${++started}`;
    const child = spawn(process.execPath, ['--import', 'tsx', candidateScript, local.endpoint, tableName, name], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const event = { ...(JSON.parse(line) as Omit<Event, 'name'>), name };
      events.push(event);
      if (event.event === 'demoted') console.log(`${t(event.at)}  ${name} demoted (${event.reason})`);
    });
    children.set(name, child);
  };
  const stopObserving = new AbortController();
  const observing = (async () => {
    for await (const leader of new Election(watcher, 'scheduler').observe({ signal: stopObserving.signal, pollMs: 100 })) {
      const now = performance.timeOrigin + performance.now();
      console.log(`${t(now)}  observe: ${leader ? `${leader.owner} leads, term ${leader.fence}` : 'no leader'}`);
    }
  })();
  const waitFor = async (find: () => Event | undefined) => {
    for (;;) {
      const found = find();
      if (found) return found;
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  const kills: Array<{ name: string; at: number }> = [];
  try {
    for (let i = 0; i < 3; i++) start();
    let leader = await waitFor(() => events.find((e) => e.event === 'elected'));
    for (let k = 0; k < KILLS; k++) {
      await new Promise((r) => setTimeout(r, 1_500)); // let it lead a while
      const at = performance.timeOrigin + performance.now();
      children.get(leader.name)!.kill('SIGKILL');
      kills.push({ name: leader.name, at });
      console.log(`${t(at)}  SIGKILL ${leader.name} (term ${leader.fence})`);
      start();
      const previous = leader;
      leader = await waitFor(() => events.find((e) => e.event === 'elected' && e.fence! > previous.fence!));
      console.log(`${t(leader.at)}  ${leader.name} took over after ${((leader.at - at) / 1000).toFixed(2)} s`);
    }
    await new Promise((r) => setTimeout(r, 1_000));
  } finally {
    for (const child of children.values()) child.kill('SIGKILL');
    stopObserving.abort();
    await observing;
    ddb.destroy();
    await local.stop();
  }

  const end = performance.timeOrigin + performance.now();
  const bars: TimelineBar[] = [];
  for (const name of children.keys()) {
    const own = events.filter((e) => e.name === name);
    const ready = own.find((e) => e.event === 'standing-by');
    const killed = kills.find((k) => k.name === name)?.at ?? end;
    if (ready) bars.push({ row: name, start: ready.at - origin, end: killed - origin, label: 'standing by', kind: 'waited' });
    for (const elected of own.filter((e) => e.event === 'elected')) {
      bars.push({
        row: name,
        start: elected.at - origin,
        end: killed - origin,
        label: `term …${String(elected.fence).slice(-3)}`,
        kind: 'held',
      });
    }
    if (killed < end) bars.push({ row: name, start: killed - origin, end: killed - origin + 60, label: 'SIGKILL', kind: 'failed' });
  }
  const outDir = join(repoRoot, 'demo-output');
  mkdirSync(outDir, { recursive: true });
  const file = join(outDir, 'election-timeline.svg');
  writeFileSync(file, timelineSvg(bars, `ddb-lock election demo: the leader SIGKILLed ${KILLS} times, replaced after about one lease`));
  console.log(`\ntimeline: ${file}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
