import { parseArgs } from 'node:util';
import { ddbLock, ddbLockContender } from '../contenders/ddb-lock.js';
import { ddbLockRawReplay } from '../contenders/ddb-lock-raw.js';
import { floor } from '../contenders/floor.js';
import { startBenchEnv } from '../env/bench-env.js';
import { dynamoDbClient } from '../env/sdk-clients.js';
import { createTable } from '../env/tables.js';
import { SHORT_HOLD } from '../scenarios/context.js';
import { type Turn, takeTurns, uncontendedPair } from '../scenarios/take-turns.js';
import { fmt, median, type Summary, summarize } from '../stats/summary.js';
import { importAblated } from './ablated-runtime.js';
import { ABLATIONS } from './ablations.js';

// The CPU ledger (issue 10, item 4): where ddb-lock's client CPU above the floor goes. The floor,
// the raw replay (ddb-lock's requests without its client) and every ablation of the runtime take
// turns pair by pair in one process, as in the latency scenario, so load on the shared machine
// lands on all alike. Prints a Markdown table. Not a test and not part of `npm run bench`:
// `npm run cpu-ledger -w bench -- [--rounds 3] [--pairs 1000] [--only id,id]`. Never beside another timing run.

const { values } = parseArgs({
  options: { rounds: { type: 'string', default: '3' }, pairs: { type: 'string', default: '1000' }, only: { type: 'string' } },
});
const rounds = Number(values.rounds);
const pairs = Number(values.pairs);
const WARMUP = 50;

const env = await startBenchEnv();
try {
  const admin = dynamoDbClient(env.endpoint);
  for (const kind of [floor, ddbLock]) await createTable(admin, kind.table);
  admin.destroy();
  const floorClient = floor.create(env.endpoint, SHORT_HOLD);
  const raw = ddbLockRawReplay(env.endpoint);
  const rows: (Turn & { removes: string })[] = [
    { id: 'floor', removes: '(PutItem + DeleteItem, no lock protocol)', pair: uncontendedPair(floorClient) },
    { id: 'raw replay', removes: "the whole client: ddb-lock's two requests sent bare", pair: raw.pair },
  ];
  const contenders = [];
  // --only a,b keeps those ablations beside the two unmodified copies (fewer rows, shorter run).
  const only = values.only?.split(',');
  for (const ablation of ABLATIONS.filter((a) => !only || a.edits.length === 0 || only.includes(a.id))) {
    const contender = ddbLockContender((await importAblated(ablation)).LockClient, env.endpoint, SHORT_HOLD);
    contenders.push(contender);
    rows.push({ id: ablation.id, removes: ablation.removes, pair: uncontendedPair(contender) });
  }
  const perRound: Record<string, number>[] = [];
  for (let round = 0; round < rounds; round++) {
    console.error(`cpu ledger: round ${round + 1}/${rounds}, ${pairs} pairs each`);
    const samples = await takeTurns(rows, pairs, WARMUP, 'ledger');
    perRound.push(Object.fromEntries(rows.map(({ id }) => [id, median(samples[id]!.cpuUs)])));
  }
  const figure = (f: (round: Record<string, number>) => number): Summary => summarize(perRound.map(f));
  console.log(
    [
      `Client CPU per uncontended acquire+release on dynalite: median per round, ${rounds} rounds of ${pairs} pairs (range over rounds).`,
      '',
      '| variant | what it gives up | CPU µs | × floor | Δ µs vs ddb-lock |',
      '|---|---|---|---|---|',
      ...rows.map(({ id, removes }) => {
        const cells = [
          fmt(
            figure((r) => r[id]!),
            0,
          ),
          fmt(
            figure((r) => r[id]! / r.floor!),
            3,
          ),
          fmt(
            figure((r) => r[id]! - r['ddb-lock']!),
            0,
          ),
        ];
        return `| ${id} | ${removes} | ${cells.join(' | ')} |`;
      }),
    ].join('\n'),
  );
  await Promise.all([floorClient, ...contenders].map((contender) => contender.close()));
  raw.close();
} finally {
  await env.stop();
}
process.exit(0);
