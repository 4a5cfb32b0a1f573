import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { LockInfo } from '@ddb-lock/runtime';
import type { WatchEvent } from '../src/lock-tracker.js';
import { FRAME_END, FRAME_START, renderWatchFrame } from '../src/watch-frame.js';

const WALL = Date.parse('2026-12-02T01:00:00.000Z');
const locks: LockInfo[] = [
  {
    key: 'report',
    owner: 'cron-1#ab12',
    recordVersion: 'v2',
    fence: 1796173123547002,
    leaseMs: 20_000,
    expiresAt: WALL + 17_000,
    released: false,
    data: 'step 3\nof 5',
  },
  {
    key: 'backup',
    owner: 'cron-2#cd34',
    recordVersion: 'v1',
    fence: 1796173123000001,
    leaseMs: 20_000,
    expiresAt: WALL - 5_000,
    released: false,
  },
];
const events: WatchEvent[] = [
  { time: '2026-12-02T00:59:58.250Z', event: 'acquire', key: 'report', owner: 'cron-1#ab12', fence: 1796173123547002 },
  {
    time: '2026-12-02T00:59:59.750Z',
    event: 'takeover',
    key: 'backup',
    owner: 'cron-2#cd34',
    fence: 1796173123000001,
    previousOwner: 'cron-9#ff00',
    previousFence: 1796173122000001,
  },
];

// The frame snapshot: exactly what a terminal receives for one redraw.
const EXPECTED = [
  'ddb-lock watch  table locks  prefix r  every 1s  2026-12-02T01:00:00.000Z  (Ctrl-C to quit)',
  '',
  'KEY     STATE                        OWNER        FENCE             LEASE  BEAT AGE  EXPIRES AT                DATA',
  'backup  expired 5s ago (unreleased)  cron-2#cd34  1796173123000001  20s    25s       2026-12-02T00:59:55.000Z',
  'report  held                         cron-1#ab12  1796173123547002  20s    3s        2026-12-02T01:00:17.000Z  step 3\\nof 5',
  '',
  'recent events:',
  '  00:59:58.250  acquire   report  cron-1#ab12  fence 1796173123547002',
  '  00:59:59.750  takeover  backup  cron-2#cd34  fence 1796173123000001  (from cron-9#ff00 fence 1796173122000001)',
];

test('a watch frame: home, one cleared line per row, sorted locks, recent events, clear below', () => {
  const frame = renderWatchFrame({ table: 'locks', scope: 'prefix r', intervalMs: 1_000, wallNow: WALL, locks, events });
  assert.equal(frame, `${FRAME_START}${EXPECTED.map((l) => `${l}\x1b[K`).join('\n')}\n${FRAME_END}`);
});

test('an empty table, no events yet, and a warning', () => {
  const frame = renderWatchFrame({
    table: 'locks',
    intervalMs: 500,
    wallNow: WALL,
    locks: [],
    events: [],
    warning: 'Scan did not complete within its deadline (retrying)',
  });
  const lines = frame
    .slice(FRAME_START.length, -FRAME_END.length)
    .split('\n')
    // biome-ignore lint/suspicious/noControlCharactersInRegex: ESC starts the terminal's erase-line sequence under test
    .map((l) => l.replace(/\x1b\[K$/, ''));
  assert.deepEqual(lines, [
    'ddb-lock watch  table locks  every 500ms  2026-12-02T01:00:00.000Z  (Ctrl-C to quit)',
    '',
    '(no locks)',
    '',
    'recent events:',
    '  (none yet)',
    '',
    'warning: Scan did not complete within its deadline (retrying)',
    '',
  ]);
});
