import { takeoverMode, takeoverSettings } from './takeover-modes.js';

/**
 * Child process of the takeover scenario: takes the lock, says so over IPC, and keeps
 * heartbeating until it is SIGKILLed — a holder that dies without a chance to release.
 * Argv: mode id, lease ms, endpoint, key. Bounded: exits by itself after a minute or when
 * the bench goes away.
 */
const [modeId, leaseMs, endpoint, key] = process.argv.slice(2) as [string, string, string, string];
const mode = takeoverMode(modeId);
const client = mode.kind.create(endpoint, takeoverSettings(mode, Number(leaseMs)), 'holder');
await client.acquire(key, 10_000);
// Heartbeat timers may be unref'd (ddb-lock's are): keep the process alive on purpose.
setInterval(() => undefined, 1_000);
setTimeout(() => process.exit(3), 60_000).unref();
process.on('disconnect', () => process.exit(0));
process.send?.('held');
