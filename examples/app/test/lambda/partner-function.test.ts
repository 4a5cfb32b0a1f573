import { setTimeout as sleep } from 'node:timers/promises';
import { type LocalLambda, startLocalStack, synthesizeExampleApp } from '@ddb-lock/lambda-runner';
import { getLock } from '@ddb-lock/runtime/admin';
import { afterAll, beforeAll, expect, test } from '@jest/globals';

// The example app's partner-API caller (withPermit, N = 2), its real bundle in Lambda-like
// environments: more concurrent invocations than permits, and environments killed mid-call.
const PERMITS = 2;
const MAX_SKEW_MS = 1_000; // withPermit's default, as withLock's
const ARRIVAL_MS = 300;
let stack: Awaited<ReturnType<typeof startLocalStack>>;
let partner: LocalLambda;

beforeAll(async () => {
  const assembly = await synthesizeExampleApp(`lambda-partner-test-${process.pid}`, { 'ddbLock:partnerTimeoutSeconds': '4' });
  stack = await startLocalStack(
    assembly,
    'DdbLockExample',
    process.env.DDB_LOCK_TEST_TARGET === 'aws' ? undefined : process.env.DDB_LOCK_TEST_ENDPOINT!,
  );
  partner = stack.lambda('Partner');
}, 120_000);
afterAll(async () => {
  await stack?.close();
});

type Ran = { statusCode: 200; permit: number; fence: number; startedAt: number; endedAt: number };
type Busy = { statusCode: 429; retryAfterMs: number };

test(`more concurrent invocations than permits: at most ${PERMITS} call the partner at once, the rest answer 429`, async () => {
  const results = await Promise.all([...Array(6)].map(() => partner.invoke({ workMs: 1_500 })));
  expect(results.map((r) => r.status)).toEqual(results.map(() => 'ok'));
  const ran = results.map((r) => r.result as Ran | Busy).filter((r): r is Ran => r.statusCode === 200);
  const busy = results.map((r) => r.result as Ran | Busy).filter((r): r is Busy => r.statusCode === 429);
  expect(ran.length).toBeGreaterThanOrEqual(PERMITS);
  expect(busy.length).toBeGreaterThanOrEqual(1);
  for (const b of busy) expect(b.retryAfterMs).toBeGreaterThan(0);
  // Most windows open at once (one machine: one wall clock).
  const edges = ran.flatMap((r): [number, number][] => [
    [r.startedAt, 1],
    [r.endedAt, -1],
  ]);
  edges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let open = 0;
  let most = 0;
  for (const [, d] of edges) {
    open += d;
    most = Math.max(most, open);
  }
  expect(most).toBeLessThanOrEqual(PERMITS);
  for (const permit of new Set(ran.map((r) => r.permit))) {
    expect(await getLock(stack.admin, `partner-api#${permit}`)).toMatchObject({ released: true, permits: PERMITS });
  }
}, 60_000);

test('environments killed mid-call: a later invocation in another environment gets a permit back within expiresAt +' +
  ' maxSkewMs + one arrival, never before', async () => {
  const sandboxes: number[] = [];
  const victims = [...Array(PERMITS)].map(() =>
    partner.invoke({ workMs: 60_000 }, { newEnvironment: true, onStart: (id) => sandboxes.push(id) }),
  );
  const held = [];
  for (let i = 0; i < PERMITS; i++) held.push(await stack.heldByFunction(`partner-api#${i}`, partner.fn.logicalId));
  for (const id of sandboxes) partner.crash(id);
  for (const v of victims) expect((await v).status).toBe('crashed');
  const bound = Math.min(...held.map((h) => h.expiresAt)) + MAX_SKEW_MS;
  type Run = Awaited<ReturnType<typeof partner.invoke>>;
  const runs: Run[] = [];
  for (let i = 0; i < 30; i++) {
    const started = Date.now();
    const run = await partner.invoke({ workMs: 10 }, { newEnvironment: true });
    runs.push(run);
    expect(run.status).toBe('ok');
    if ((run.result as Ran | Busy).statusCode === 200) break;
    await sleep(Math.max(0, started + ARRIVAL_MS - Date.now()));
  }
  const taken = runs.at(-1)!.result as Ran;
  expect(taken.statusCode).toBe(200);
  const dead = held.find((h) => h.key === `partner-api#${taken.permit}`)!;
  const grant = (await getLock(stack.admin, `partner-api#${taken.permit}`))!;
  expect(grant.fence).toBe(dead.fence + 1);
  // Never before the bound; the first arrival after it got the permit.
  expect(grant.expiresAt - grant.leaseMs).toBeGreaterThan(dead.expiresAt + MAX_SKEW_MS);
  expect(runs.slice(0, -1).every((r) => r.invokedAt! <= bound + 1)).toBe(true);
  console.log(
    `withPermit, dead environments: a permit back ${runs.at(-1)!.invokedAt! - dead.expiresAt} ms after its expiresAt ` +
      `(bound ${MAX_SKEW_MS} ms + one arrival of ${ARRIVAL_MS} ms), ${runs.length} arrivals in new environments`,
  );
}, 60_000);
