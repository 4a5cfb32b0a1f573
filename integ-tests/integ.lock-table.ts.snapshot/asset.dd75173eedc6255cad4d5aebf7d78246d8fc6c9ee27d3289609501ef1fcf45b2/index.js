"use strict";
var __defProp = Object.defineProperty;
var __getOwnPropDesc = Object.getOwnPropertyDescriptor;
var __getOwnPropNames = Object.getOwnPropertyNames;
var __hasOwnProp = Object.prototype.hasOwnProperty;
var __export = (target, all) => {
  for (var name2 in all)
    __defProp(target, name2, { get: all[name2], enumerable: true });
};
var __copyProps = (to, from, except, desc) => {
  if (from && typeof from === "object" || typeof from === "function") {
    for (let key of __getOwnPropNames(from))
      if (!__hasOwnProp.call(to, key) && key !== except)
        __defProp(to, key, { get: () => from[key], enumerable: !(desc = __getOwnPropDesc(from, key)) || desc.enumerable });
  }
  return to;
};
var __toCommonJS = (mod) => __copyProps(__defProp({}, "__esModule", { value: true }), mod);

// integ-tests/handlers/locker.mts
var locker_exports = {};
__export(locker_exports, {
  handler: () => handler
});
module.exports = __toCommonJS(locker_exports);
var import_promises = require("node:timers/promises");

// runtime/src/errors.ts
var LockError = class _LockError extends Error {
  static {
    _LockError.prototype.name = "LockError";
  }
  constructor(message, options) {
    super(message, options);
  }
};
var LockValidationError = class _LockValidationError extends LockError {
  static {
    _LockValidationError.prototype.name = "LockValidationError";
  }
};
var LockBusyError = class _LockBusyError extends LockError {
  constructor(message, key, holder, options) {
    super(message, options);
    this.key = key;
    this.holder = holder;
    this.holderInfo = options?.holderInfo;
    this.retryAfterMs = Math.max(0, Math.ceil(options?.retryAfterMs ?? 0));
  }
  key;
  holder;
  static {
    _LockBusyError.prototype.name = "LockBusyError";
  }
  /** The lock item as last read (ConsistentRead or the failed write's old item), when known. */
  holderInfo;
  /**
   * Milliseconds from when the error was thrown until an attempt could succeed on what this
   * client knows, if the holder does not renew: in wall-clock mode until `expiresAt + maxSkewMs`;
   * skew-free, until this client has watched the holder's record version for a full lease (its
   * watch carries over to later calls, so calling again then takes the lock over). A live holder
   * renews before then, so treat it as the earliest useful retry, not a promise.
   */
  retryAfterMs;
};
var LockAbortedError = class _LockAbortedError extends LockError {
  static {
    _LockAbortedError.prototype.name = "LockAbortedError";
  }
};
var LockLostError = class _LockLostError extends LockError {
  constructor(message, key, reason, options) {
    super(message, options);
    this.key = key;
    this.reason = reason;
  }
  key;
  reason;
  static {
    _LockLostError.prototype.name = "LockLostError";
  }
};
var LockNotOwnerError = class _LockNotOwnerError extends LockError {
  static {
    _LockNotOwnerError.prototype.name = "LockNotOwnerError";
  }
};
var LockTableNotFoundError = class _LockTableNotFoundError extends LockError {
  static {
    _LockTableNotFoundError.prototype.name = "LockTableNotFoundError";
  }
};
var LockUnavailableError = class _LockUnavailableError extends LockError {
  static {
    _LockUnavailableError.prototype.name = "LockUnavailableError";
  }
  /** True when a write may have been applied although no response arrived. */
  ambiguous;
  constructor(message, options) {
    super(message, options);
    this.ambiguous = options?.ambiguous ?? false;
  }
};
var StaleFenceError = class _StaleFenceError extends LockError {
  static {
    _StaleFenceError.prototype.name = "StaleFenceError";
  }
};
var LockCloseError = class _LockCloseError extends LockError {
  static {
    _LockCloseError.prototype.name = "LockCloseError";
  }
};
var LockDeadlineError = class _LockDeadlineError extends LockError {
  static {
    _LockDeadlineError.prototype.name = "LockDeadlineError";
  }
};

// runtime/src/lambda/lambda-client-options.ts
var LAMBDA_CLIENT_OPTION_NAMES = [
  "client",
  "tableName",
  "heartbeatMs",
  "trustWallClock",
  "observers",
  "deadlineMarginMs"
];

// runtime/src/validate.ts
var MAX_PARTITION_KEY_BYTES = 2048;
var MAX_SORT_KEY_BYTES = 1024;
var MAX_ITEM_BYTES = 400 * 1024;
var utf8 = new TextEncoder();
function byteLength(value) {
  return typeof value === "string" ? utf8.encode(value).byteLength : value.byteLength;
}
function mayExceed(value, maxBytes) {
  return value.length * 3 > maxBytes && byteLength(value) > maxBytes;
}
function checkDuration(name2, value, allowZero = false) {
  if (value === void 0) return;
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0 || !allowZero && value === 0) {
    throw new LockValidationError(`${name2} must be a finite number ${allowZero ? "\u2265" : ">"} 0 (ms), got ${String(value)}`);
  }
}
function checkString(name2, value, maxBytes) {
  if (typeof value !== "string" || value.length === 0) {
    throw new LockValidationError(`${name2} must be a non-empty string, got ${describe(value)}`);
  }
  if (mayExceed(value, maxBytes)) {
    throw new LockValidationError(`${name2} is ${byteLength(value)} bytes; DynamoDB allows at most ${maxBytes}`);
  }
}
function checkData(name2, value) {
  if (value === void 0) return;
  if (typeof value !== "string" && !(value instanceof Uint8Array)) {
    throw new LockValidationError(`${name2} must be a string or Uint8Array, got ${describe(value)}`);
  }
  const limit = MAX_ITEM_BYTES - MAX_PARTITION_KEY_BYTES - MAX_SORT_KEY_BYTES - 512;
  if (typeof value === "string" ? mayExceed(value, limit) : value.byteLength > limit) {
    throw new LockValidationError(`${name2} is ${byteLength(value)} bytes; at most ${limit} fit in the lock item`);
  }
}
function checkKnownKeys(where, value, allowed) {
  if (value === void 0) return;
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new LockValidationError(`${where} must be an object, got ${describe(value)}`);
  }
  let unknown;
  for (const k in value) {
    if (!Object.hasOwn(value, k) || allowed.includes(k)) continue;
    unknown ??= [];
    unknown.push(k);
  }
  if (unknown) {
    throw new LockValidationError(`${where}: unknown option(s) ${unknown.join(", ")}; expected one of ${allowed.join(", ")}`);
  }
}
function checkSignal(name2, value) {
  if (value !== void 0 && !(value instanceof AbortSignal)) {
    throw new LockValidationError(`${name2} must be an AbortSignal, got ${describe(value)}`);
  }
}
function describe(value) {
  if (typeof value === "string") return value.length === 0 ? "an empty string" : "a string";
  return value === null ? "null" : typeof value;
}

// runtime/src/lambda/resolve-key.ts
async function resolveKey(labels, keyFn, arg, context) {
  let result;
  try {
    result = await keyFn(arg, context);
  } catch (error) {
    throw new LockValidationError(`${labels.fn} threw: ${error?.message ?? String(error)}`, { cause: error });
  }
  if (result !== null && typeof result === "object") {
    const { key, sortKey } = result;
    checkString(labels.key, key, MAX_PARTITION_KEY_BYTES);
    if (sortKey !== void 0) checkString(labels.sortKey, sortKey, MAX_SORT_KEY_BYTES);
    return { key, ...sortKey !== void 0 && { sortKey } };
  }
  checkString(labels.key, result, MAX_PARTITION_KEY_BYTES);
  return { key: result };
}

// runtime/src/defaults.ts
var DEFAULTS = {
  // LockClientOptions
  partitionKeyName: "pk",
  leaseMs: 2e4,
  /** min(5000, leaseMs / 4): a healthy holder gets several tries within one lease. */
  heartbeatMs: (leaseMs) => Math.min(5e3, Math.round(leaseMs / 4)),
  /** 10% of leaseMs: clock-rate drift grows with the lease. */
  safetyMarginMs: (leaseMs) => Math.round(leaseMs / 10),
  /** heartbeatMs, or a quarter of the lease when heartbeats are off. */
  dangerZoneMs: (heartbeatMs, leaseMs) => heartbeatMs > 0 ? heartbeatMs : Math.round(leaseMs / 4),
  /** A request (with its retries) may take at most what a lease leaves after the margin. */
  requestTimeoutMs: (leaseMs, safetyMarginMs) => Math.min(5e3, leaseMs - safetyMarginMs),
  ttlRetentionMs: 864e5,
  pollMs: (leaseMs) => Math.min(1e3, Math.round(leaseMs / 4)),
  maxWatchedLocks: 1e3,
  // AcquireOptions
  /** leaseMs + pollMs: long enough to take over a dead holder. */
  waitMs: (leaseMs, pollMs) => leaseMs + pollMs,
  replaceData: true,
  reentrant: false,
  deleteOnRelease: false,
  autoHeartbeat: true,
  // FencedWriteOptions
  fenceAttributeName: "lockFence",
  // ensureTable
  /** How long ensureTable waits for a new table to become ACTIVE. */
  tableActiveWaitMs: 5 * 6e4,
  /** Deadline of one ensureTable request: table operations are slower than item writes. */
  tableRequestTimeoutMs: (requestTimeoutMs) => Math.max(requestTimeoutMs, 1e4),
  // withLock and the batch handlers (Lambda)
  /** Skew bound of the Lambda integrations' default client (Amazon Time Sync keeps ≤ 1 ms). */
  lambdaMaxSkewMs: 1e3,
  deadlineMarginMs: 1e3,
  lambdaWaitMs: 0,
  batchConcurrency: 10,
  batchOnBusy: "fail"
};

// runtime/src/lambda/check-client-options.ts
function checkClientOptions(where, options) {
  for (const name2 of ["leaseMs", "heartbeatMs", "deadlineMarginMs"]) checkDuration(name2, options[name2]);
  checkDuration("waitMs", options.waitMs, true);
  const { client, tableName, trustWallClock: trust } = options;
  if (client !== void 0) {
    const shape = client;
    if (typeof shape?.acquire !== "function" || typeof shape.tryAcquire !== "function")
      throw new LockValidationError(`${where}: client must be a LockClient`);
    if (["tableName", "heartbeatMs", "trustWallClock", "observers"].some((name2) => options[name2] !== void 0)) {
      throw new LockValidationError(
        `${where}: tableName, heartbeatMs, trustWallClock and observers configure the default client; with your own, set them on it`
      );
    }
  }
  if (trust !== void 0 && trust !== false) {
    checkKnownKeys(`${where} trustWallClock`, trust, ["maxSkewMs"]);
    if (trust.maxSkewMs === void 0) throw new LockValidationError(`${where}: trustWallClock must be false or { maxSkewMs }`);
    checkDuration("trustWallClock.maxSkewMs", trust.maxSkewMs, true);
  }
  if (options.observers !== void 0 && !Array.isArray(options.observers))
    throw new LockValidationError(`${where}: observers must be an array`);
  if (tableName !== void 0) checkString(`${where} tableName`, tableName, 255);
}

// runtime/src/client/lock-client.ts
var import_node_crypto2 = require("node:crypto");
var import_node_os = require("node:os");
var import_client_dynamodb2 = require("@aws-sdk/client-dynamodb");

// runtime/src/lock/lease.ts
function cappedLease(leaseMs, maxLeaseMs) {
  if (!maxLeaseMs) return leaseMs;
  const cap = Math.floor(maxLeaseMs());
  return Number.isFinite(cap) ? Math.max(1, Math.min(leaseMs, cap)) : leaseMs;
}
function validityEnd(sentAt, leaseMs, requestedLeaseMs, safetyMarginMs) {
  const margin = leaseMs >= requestedLeaseMs ? safetyMarginMs : Math.ceil(safetyMarginMs * leaseMs / requestedLeaseMs);
  return sentAt + leaseMs - margin;
}

// runtime/src/lock/lock.ts
var import_node_events = require("node:events");

// runtime/src/protocol/permit-key.ts
var SORT_PREFIX = "permit#";
function permitOf(lock) {
  if (lock.sortKey !== void 0) {
    const index = lock.sortKey.startsWith(SORT_PREFIX) ? lock.sortKey.slice(SORT_PREFIX.length) : "";
    return /^\d+$/.test(index) ? { semaphore: lock.key, permit: Number(index) } : void 0;
  }
  const match = /^(.+)#(\d+)$/.exec(lock.key);
  return match ? { semaphore: match[1], permit: Number(match[2]) } : void 0;
}

// runtime/src/clock.ts
var systemClock = {
  monotonicNow: () => globalThis.performance.now(),
  wallNow: () => Date.now()
};

// runtime/src/client/lock-client-options.ts
var CLIENT_OPTION_NAMES = [
  "tableName",
  "client",
  "partitionKeyName",
  "sortKeyName",
  "ownerName",
  "leaseMs",
  "heartbeatMs",
  "safetyMarginMs",
  "dangerZoneMs",
  "requestTimeoutMs",
  "ttlRetentionMs",
  "pollMs",
  "trustWallClock",
  "maxWatchedLocks",
  "observers",
  "clock"
];
function resolveClientOptions(options) {
  checkKnownKeys("LockClient options", options, CLIENT_OPTION_NAMES);
  if (options === void 0) throw new LockValidationError("LockClient options are required ({ tableName })");
  checkString("tableName", options.tableName, 255);
  checkString("partitionKeyName", options.partitionKeyName ?? DEFAULTS.partitionKeyName, 255);
  if (options.sortKeyName !== void 0) checkString("sortKeyName", options.sortKeyName, 255);
  if (options.ownerName !== void 0) checkString("ownerName", options.ownerName, 1024);
  for (const name2 of ["leaseMs", "safetyMarginMs", "dangerZoneMs", "requestTimeoutMs", "ttlRetentionMs", "pollMs"]) {
    checkDuration(name2, options[name2], name2 === "safetyMarginMs" || name2 === "dangerZoneMs");
  }
  checkDuration("heartbeatMs", options.heartbeatMs, true);
  const watched = options.maxWatchedLocks;
  if (watched !== void 0 && !(Number.isSafeInteger(watched) && watched >= 0)) {
    throw new LockValidationError(`maxWatchedLocks must be a whole number \u2265 0, got ${String(watched)}`);
  }
  checkKnownKeys("trustWallClock", options.trustWallClock, ["maxSkewMs"]);
  if (options.trustWallClock) checkDuration("trustWallClock.maxSkewMs", options.trustWallClock.maxSkewMs, true);
  if (options.client !== void 0 && typeof options.client.send !== "function") {
    throw new LockValidationError("client must be a DynamoDBClient");
  }
  const observers = options.observers;
  const isObserver = (o) => typeof o?.onLockEvent === "function";
  if (observers !== void 0 && (!Array.isArray(observers) || !observers.every(isObserver))) {
    throw new LockValidationError("observers must be an array of { onLockEvent(event) } objects");
  }
  const clock = options.clock;
  if (clock !== void 0 && (typeof clock?.monotonicNow !== "function" || typeof clock.wallNow !== "function")) {
    throw new LockValidationError("clock must have monotonicNow() and wallNow()");
  }
  const leaseMs = options.leaseMs ?? DEFAULTS.leaseMs;
  const safetyMarginMs = options.safetyMarginMs ?? DEFAULTS.safetyMarginMs(leaseMs);
  const heartbeatMs = options.heartbeatMs ?? DEFAULTS.heartbeatMs(leaseMs);
  checkTiming(leaseMs, heartbeatMs, safetyMarginMs);
  return {
    tableName: options.tableName,
    partitionKeyName: options.partitionKeyName ?? DEFAULTS.partitionKeyName,
    sortKeyName: options.sortKeyName,
    ownerName: options.ownerName,
    leaseMs,
    heartbeatMs,
    safetyMarginMs,
    dangerZoneMs: options.dangerZoneMs ?? DEFAULTS.dangerZoneMs(heartbeatMs, leaseMs),
    // A request (with its retries) may take at most what a lease leaves after the margin; a
    // heartbeat's deadline is further capped by the validity it still has.
    requestTimeoutMs: options.requestTimeoutMs ?? DEFAULTS.requestTimeoutMs(leaseMs, safetyMarginMs),
    ttlRetentionMs: options.ttlRetentionMs ?? DEFAULTS.ttlRetentionMs,
    pollMs: options.pollMs ?? DEFAULTS.pollMs(leaseMs),
    maxSkewMs: options.trustWallClock?.maxSkewMs,
    maxWatchedLocks: options.maxWatchedLocks ?? DEFAULTS.maxWatchedLocks,
    observers: [...options.observers ?? []],
    clock: options.clock ?? systemClock
  };
}
function checkTiming(leaseMs, heartbeatMs, safetyMarginMs) {
  if (safetyMarginMs >= leaseMs) {
    throw new LockValidationError(`safetyMarginMs (${safetyMarginMs}) must be less than leaseMs (${leaseMs})`);
  }
  if (heartbeatMs > 0 && heartbeatMs >= leaseMs - safetyMarginMs) {
    throw new LockValidationError(`heartbeatMs (${heartbeatMs}) must be less than leaseMs - safetyMarginMs (${leaseMs - safetyMarginMs})`);
  }
}

// runtime/src/lock/check-lock-options.ts
function checkHeartbeatOptions(options, heartbeatMs, safetyMarginMs) {
  checkKnownKeys("heartbeat options", options, ["leaseMs", "data"]);
  checkDuration("leaseMs", options.leaseMs);
  checkData("data", options.data);
  if (options.leaseMs !== void 0) checkTiming(options.leaseMs, heartbeatMs, safetyMarginMs);
}
function checkReleaseOptions(options) {
  checkKnownKeys("release options", options, ["data", "deleteItem"]);
  checkData("data", options.data);
  if (options.deleteItem !== void 0 && typeof options.deleteItem !== "boolean") {
    throw new LockValidationError("deleteItem must be a boolean");
  }
}

// runtime/src/lock/end-signal.ts
var EndSignal = class {
  controller;
  reason;
  /** Aborts when {@link EndSignal.end} is called; already aborted when asked for after it. */
  get signal() {
    if (!this.controller) {
      this.controller = new AbortController();
      if (this.reason) this.controller.abort(this.reason());
    }
    return this.controller.signal;
  }
  /** Ends the grant: aborts the signal if anyone holds it, and remembers why for later askers. */
  end(reason) {
    this.reason = reason;
    this.controller?.abort(reason());
  }
};
function releasedReason(key, cause) {
  return () => new LockNotOwnerError(`lock ${key} was released`, cause === void 0 ? void 0 : { cause });
}

// runtime/src/lock/heartbeat-retry.ts
var MIN_HEARTBEAT_GAP_MS = 25;
function heartbeatRetryMs(error, attemptTookMs, failures, heartbeatMs) {
  return error instanceof LockUnavailableError ? Math.max(0, MIN_HEARTBEAT_GAP_MS - attemptTookMs) : Math.max(50, Math.round(heartbeatMs / (2 * failures)));
}

// runtime/src/lock/heartbeat-loop.ts
var HeartbeatLoop = class {
  constructor(target, timers, options) {
    this.target = target;
    this.timers = timers;
    this.options = options;
  }
  target;
  timers;
  options;
  failures = 0;
  get heartbeatMs() {
    return this.options.heartbeatMs;
  }
  now() {
    return this.options.clock.monotonicNow();
  }
  /** Arms the next heartbeat in `delayMs` (nothing once the lock is not held). */
  schedule(delayMs) {
    if (this.heartbeatMs === 0 || !this.target.held()) return;
    this.timers.heartbeat(delayMs);
  }
  /** Renews now and schedules the next (the lock's timer calls it when the heartbeat is due). */
  async beat() {
    if (!this.target.held()) return;
    if (this.target.ownerDone()) {
      this.target.releaseForOwner();
      return;
    }
    const started = this.now();
    try {
      await this.target.renew();
      this.failures = 0;
      this.schedule(Math.max(0, this.heartbeatMs - (this.now() - started)));
    } catch (error) {
      if (error instanceof LockLostError || error instanceof LockNotOwnerError) return;
      this.failures++;
      const retryMs = heartbeatRetryMs(error, this.now() - started, this.failures, this.heartbeatMs);
      this.target.reportFailure(error);
      this.schedule(retryMs);
    }
  }
};

// runtime/src/internal-registry.ts
function internalRegistry(expected) {
  const entries = /* @__PURE__ */ new WeakMap();
  return {
    /** Attaches the internals to `owner`. */
    set(owner, internals) {
      entries.set(owner, internals);
    },
    /** The internals of `owner`, if any. */
    find(owner) {
      return entries.get(owner);
    },
    /** The internals of `owner`; LockValidationError when it has none (not one of ours). */
    of(owner) {
      const internals = owner !== null && typeof owner === "object" ? entries.get(owner) : void 0;
      if (!internals) throw new LockValidationError(`expected ${expected}`);
      return internals;
    }
  };
}

// runtime/src/lock/lock-internals.ts
var registry = internalRegistry("a lock from LockClient.acquire, tryAcquire or withLock");
var ownInternals;
function answerLockInternals(resolve) {
  ownInternals = resolve;
}
function lockInternals(handle) {
  const own = handle !== null && typeof handle === "object" ? ownInternals?.(handle) : void 0;
  return own ?? registry.of(handle);
}
function shareLockInternals(view, lock) {
  const internals = ownInternals?.(lock) ?? registry.find(lock);
  if (internals) registry.set(view, internals);
}

// runtime/src/lock/lock-messages.ts
function errorClassOf(error) {
  const root = error instanceof LockUnavailableError && error.cause instanceof Error ? error.cause : error;
  return root instanceof Error ? root.name : typeof root;
}
function lostMessage(key, reason) {
  switch (reason) {
    case "stolen":
      return `lock ${key} is held by someone else now (or was removed)`;
    case "expired":
      return `lock ${key} expired: no heartbeat was confirmed within its validity`;
    case "superseded":
      return `lock ${key} was re-acquired by this owner; this handle is stale`;
    case "closed":
      return `lock ${key} was abandoned by close({ release: false }); it expires after its lease`;
  }
}
function lostError(key, reason, prefix, cause) {
  const message = prefix === void 0 ? lostMessage(key, reason) : `${prefix}: ${lostMessage(key, reason)}`;
  return new LockLostError(message, key, reason, cause === void 0 ? void 0 : { cause });
}
function heartbeatFailure(error) {
  return error instanceof LockUnavailableError ? error : new LockUnavailableError("heartbeat failed", { cause: error });
}

// runtime/src/observe/lock-observer.ts
function notify(observers, event) {
  for (const observer of observers) {
    try {
      const result = observer.onLockEvent(event);
      if (result instanceof Promise) result.catch(() => void 0);
    } catch {
    }
  }
}

// runtime/src/lock/lock-reporter.ts
function reportLockEvent(to, lock, event) {
  if (to.observers.length === 0) return;
  const shared = {
    key: lock.key,
    ...lock.sortKey !== void 0 && { sortKey: lock.sortKey },
    ...lock.permit,
    at: to.clock.wallNow(),
    fence: lock.fence
  };
  notify(to.observers, { ...shared, ...event });
}

// runtime/src/lock/lock-timers.ts
var EARLY_MS = 1;
var SLOTS = ["heartbeat", "danger", "expiry"];
var LockTimers = class {
  constructor(on) {
    this.on = on;
  }
  on;
  due = { heartbeat: Number.POSITIVE_INFINITY, danger: Number.POSITIVE_INFINITY, expiry: Number.POSITIVE_INFINITY };
  timer;
  timerDue = Number.POSITIVE_INFINITY;
  /** (Re)schedules the next automatic heartbeat. */
  heartbeat(delayMs) {
    this.due.heartbeat = performance.now() + Math.max(0, delayMs);
    this.arm();
  }
  /** (Re)arms the end-of-validity check and, if there is time before it, the danger warning. */
  validity(remainingMs2, dangerZoneMs) {
    const now = performance.now();
    this.due.expiry = now + Math.max(0, remainingMs2);
    this.due.danger = remainingMs2 > dangerZoneMs ? now + remainingMs2 - dangerZoneMs : Number.POSITIVE_INFINITY;
    this.arm();
  }
  /** Stops all three. */
  clear() {
    this.due.heartbeat = this.due.danger = this.due.expiry = Number.POSITIVE_INFINITY;
    clearTimeout(this.timer);
    this.timer = void 0;
    this.timerDue = Number.POSITIVE_INFINITY;
  }
  /**
   * Sets the one timer for the earliest deadline. A timer already set for that time or earlier
   * stays: when it fires with nothing due it re-arms, which is cheaper than replacing it on every
   * renewal that pushes the deadlines back.
   */
  arm() {
    const next = Math.min(this.due.heartbeat, this.due.danger, this.due.expiry);
    if (this.timer !== void 0 && this.timerDue <= next) return;
    clearTimeout(this.timer);
    this.timer = void 0;
    this.timerDue = next;
    if (next === Number.POSITIVE_INFINITY) return;
    this.timer = setTimeout(() => this.fire(), Math.max(0, next - performance.now()));
    this.timer.unref?.();
  }
  /** Runs every deadline that has come, in heartbeat, danger, expiry order, then re-arms. */
  fire() {
    this.timer = void 0;
    this.timerDue = Number.POSITIVE_INFINITY;
    const now = performance.now() + EARLY_MS;
    for (const slot of SLOTS) {
      if (this.due[slot] > now) continue;
      this.due[slot] = Number.POSITIVE_INFINITY;
      this.on[slot]();
    }
    this.arm();
  }
};

// runtime/src/lock/serial-writes.ts
var SerialWrites = class {
  last = Promise.resolve();
  /** Queues `work` behind the writes already queued; resolves or rejects as `work` does. */
  run(work) {
    const run = this.last.then(work, work);
    this.last = run.catch(() => void 0);
    return run;
  }
};

// runtime/src/lock/lock.ts
var Lock = class extends import_node_events.EventEmitter {
  /** @internal created by LockClient.acquire */
  constructor(init) {
    super();
    this.init = init;
    this.options = init.protocol.options;
    const { info } = init;
    this.key = info.key;
    this.sortKey = info.sortKey;
    this.fence = info.fence;
    this.owner = info.owner;
    this.permit = info.permits !== void 0 ? permitOf(info) : void 0;
    this.currentRecordVersion = info.recordVersion;
    this.currentLeaseMs = info.leaseMs;
    this.requestedLeaseMs = init.requestedLeaseMs;
    this.currentData = info.data;
    this.validUntil = validityEnd(init.sentAt, info.leaseMs, init.requestedLeaseMs, this.options.safetyMarginMs);
    this.adoptedAt = this.now();
    this.#grant = { key: this.key, ...this.sortKey !== void 0 && { sortKey: this.sortKey }, owner: this.owner, fence: this.fence };
    this.timers = new LockTimers({
      heartbeat: () => void this.heartbeatLoop().beat(),
      danger: () => this.warnDanger(),
      expiry: () => this.isValid() && this.armTimers()
    });
    if (init.autoHeartbeat && this.options.heartbeatMs > 0) {
      this.timers.heartbeat(Math.max(0, this.options.heartbeatMs - (this.adoptedAt - init.sentAt)));
    }
    this.armTimers();
  }
  init;
  /** Partition key of the lock. */
  key;
  /** Sort key, on tables that have one. */
  sortKey;
  /** Fencing token of this grant: larger than every earlier grant of the same key. */
  fence;
  /** Owner identity written in the item. */
  owner;
  /** The semaphore permit this lock is (see `@ddb-lock/runtime/semaphore`); `undefined` for a plain lock. */
  permit;
  currentRecordVersion;
  currentLeaseMs;
  requestedLeaseMs;
  currentData;
  validUntil;
  lockState = "held";
  lostReason;
  /** A lock lost by expiry gets one best-effort release; later calls send nothing. */
  freedAfterExpiry = false;
  ended = new EndSignal();
  timers;
  heartbeats;
  /** Heartbeats sent for this grant (the acquire wrote beat 0). */
  beats = 0;
  writes = new SerialWrites();
  /** What this grant's conditional writes check (module-private: see LockInternals). */
  #grant;
  options;
  /** Monotonic ms when the grant was adopted, for held times. */
  adoptedAt;
  static {
    answerLockInternals((handle) => #grant in handle ? handle.#internals() : void 0);
  }
  #internals() {
    const markLost = (reason, cause) => this.#markLost(reason, cause);
    return { protocol: this.init.protocol, grant: this.#grant, markLost, assertUsable: (op) => this.#assertUsable(op) };
  }
  /** The automatic heartbeat, made when its first timer fires: most grants end before that. */
  heartbeatLoop() {
    this.heartbeats ??= new HeartbeatLoop(
      {
        held: () => this.lockState === "held",
        ownerDone: () => this.init.renewWhile !== void 0 && !this.init.renewWhile(),
        releaseForOwner: () => void this.release().catch((error) => this.emit("releaseError", error)),
        renew: () => this.writes.run(() => this.renew({})),
        reportFailure: (error) => {
          const reported = heartbeatFailure(error);
          this.emit("heartbeatError", reported);
          const remainingMs2 = Math.max(0, this.validUntil - this.now());
          this.observe({ type: "heartbeatFailed", error: reported, errorClass: errorClassOf(error), remainingMs: remainingMs2 });
        }
      },
      this.timers,
      this.options
    );
    return this.heartbeats;
  }
  /** `held`, `releasing`, `released` or `lost`. */
  get state() {
    return this.lockState;
  }
  /** Record version written by our last confirmed acquire or heartbeat. */
  get recordVersion() {
    return this.currentRecordVersion;
  }
  /** Lease of the last confirmed write. */
  get leaseMs() {
    return this.currentLeaseMs;
  }
  /** Application data stored with the lock. */
  get data() {
    return this.currentData;
  }
  /** Aborts when the lock is lost or released: hand it to the work the lock protects. */
  get signal() {
    return this.ended.signal;
  }
  /** Milliseconds of validity left on the monotonic clock; 0 once not held. */
  get remainingMs() {
    return this.isValid() ? Math.max(0, this.validUntil - this.now()) : 0;
  }
  /**
   * True while we hold the lock and our validity (lease − margin from when our last confirmed
   * write was *sent*) has not run out. Computed, not timer-driven, so a process resumed after a
   * long pause sees `false` before it acts, even before any timer has fired.
   */
  isValid() {
    if (this.lockState !== "held" && this.lockState !== "releasing") return false;
    if (this.now() < this.validUntil) return this.lockState === "held";
    this.#markLost("expired");
    return false;
  }
  /**
   * Renews now: rotates the record version, extends validity, optionally changes lease and data.
   * Throws LockLostError when the lock turns out to be gone, LockNotOwnerError after release.
   */
  // async: bad input and a released/lost lock reject the promise instead of throwing at the call.
  async heartbeat(options = {}) {
    checkHeartbeatOptions(options, this.options.heartbeatMs, this.options.safetyMarginMs);
    this.#assertUsable("heartbeat");
    return this.writes.run(() => this.renew(options));
  }
  /**
   * Releases the lock: one conditional write that never touches a successor's item. Resolves true
   * when we released it (also after a lost response), false when it had already been lost.
   * Idempotent; stops heartbeats first and waits for one in flight.
   */
  async release(options = {}) {
    checkReleaseOptions(options);
    if (this.lockState === "released") return true;
    const wasLost = this.lockState === "lost";
    if (this.lockState === "held") this.lockState = "releasing";
    this.timers.clear();
    return this.writes.run(async () => {
      if (this.lockState === "released") return true;
      if (this.lockState === "lost" && (this.lostReason !== "expired" || this.freedAfterExpiry)) return false;
      const validAtSend = !wasLost && this.lockState !== "lost" && this.now() < this.validUntil;
      try {
        const released = await this.init.protocol.release(this.#grant, {
          deleteItem: options.deleteItem ?? this.init.deleteOnRelease,
          ...options.data !== void 0 && { data: options.data }
        });
        if (wasLost) {
          this.freedAfterExpiry = true;
          return false;
        }
        if (!released && !validAtSend) {
          this.#markLost("stolen");
          return false;
        }
        if (this.lockState !== "lost") {
          this.finish("released", releasedReason(this.key));
          this.observe({ type: "released", heldMs: this.heldMs() });
        }
        return true;
      } catch (error) {
        if (this.lockState !== "lost") this.finish("released", releasedReason(this.key, error));
        this.observe({ type: "releaseFailed", heldMs: this.heldMs(), error });
        throw error;
      }
    });
  }
  /** `await using lock = …` releases on scope exit. */
  async [Symbol.asyncDispose]() {
    await this.release();
  }
  /** Declares the lock lost: stops timers, aborts the signal, emits `lost` once. */
  #markLost(reason, cause) {
    if (this.lockState === "lost" || this.lockState === "released") return;
    this.lostReason = reason;
    const error = lostError(this.key, reason, void 0, cause);
    this.finish("lost", () => error);
    this.emit("lost", error);
    this.observe({ type: "lost", reason, heldMs: this.heldMs(), error });
  }
  observe(event) {
    reportLockEvent(this.options, this, event);
  }
  heldMs() {
    return this.now() - this.adoptedAt;
  }
  now() {
    return this.options.clock.monotonicNow();
  }
  /** See LockInternals.assertUsable: the one check before a heartbeat, fenced write or guarded transaction. */
  #assertUsable(operation) {
    if (this.lockState === "released" || this.lockState === "releasing") {
      throw new LockNotOwnerError(`cannot ${operation} lock ${this.key}: it was released`);
    }
    if (!this.isValid()) throw lostError(this.key, this.lostReason ?? "expired", `cannot ${operation}`);
  }
  async renew(options) {
    this.#assertUsable("heartbeat");
    const requestedLeaseMs = options.leaseMs ?? this.requestedLeaseMs;
    const leaseMs = cappedLease(requestedLeaseMs, this.init.maxLeaseMs);
    const deadline = Math.min(this.options.requestTimeoutMs, this.validUntil - this.now());
    const result = await this.init.protocol.heartbeat(this.#grant, ++this.beats, leaseMs, options.data, deadline);
    if (!result.held) {
      this.#markLost("stolen");
      throw lostError(this.key, "stolen");
    }
    if (this.lockState !== "held" || !this.isValid()) {
      if (this.lockState === "releasing") return;
      throw lostError(this.key, "expired");
    }
    this.currentRecordVersion = result.recordVersion;
    this.currentLeaseMs = leaseMs;
    this.requestedLeaseMs = requestedLeaseMs;
    if (options.data !== void 0) this.currentData = options.data;
    this.validUntil = validityEnd(result.sentAt, leaseMs, requestedLeaseMs, this.options.safetyMarginMs);
    this.armTimers();
    this.emit("renewed", this.validUntil - this.now());
    this.observe({ type: "renewed", remainingMs: this.validUntil - this.now() });
  }
  armTimers() {
    this.timers.validity(this.validUntil - this.now(), this.options.dangerZoneMs);
  }
  warnDanger() {
    if (!this.isValid()) return;
    const remainingMs2 = this.validUntil - this.now();
    this.emit("danger", { key: this.key, remainingMs: remainingMs2 });
    this.observe({ type: "danger", remainingMs: remainingMs2 });
  }
  finish(state, reason) {
    this.lockState = state;
    this.timers.clear();
    this.ended.end(reason);
    this.init.onClosed(this);
  }
};

// runtime/src/protocol/lock-key.ts
function keyOf(table, lock) {
  const { partitionKeyName, sortKeyName } = table;
  return {
    [partitionKeyName]: { S: lock.key },
    ...sortKeyName !== void 0 && lock.sortKey !== void 0 && { [sortKeyName]: { S: lock.sortKey } }
  };
}
function lockKey(key, sortKey) {
  return { key, ...sortKey !== void 0 && { sortKey } };
}
function lockId(lock) {
  return lock.sortKey === void 0 ? lock.key : `${lock.key}\0${lock.sortKey}`;
}

// runtime/src/protocol/lock-protocol.ts
var import_node_crypto = require("node:crypto");
var import_client_dynamodb = require("@aws-sdk/client-dynamodb");

// runtime/src/protocol/data-value.ts
function dataValue(data) {
  return typeof data === "string" ? { S: data } : { B: data };
}

// runtime/src/protocol/item-schema.ts
var LOCK_ITEM_SCHEMA = {
  /** Partition key attribute (type S). */
  partitionKeyName: "pk",
  /** Sort key attribute when the table has one (type S). */
  sortKeyName: "sk",
  /** TTL attribute, epoch seconds. */
  ttlAttributeName: "ttl",
  /** Environment variable the construct's `bindTo` sets and the middleware reads. */
  tableNameEnvVar: "DDB_LOCK_TABLE_NAME"
};
var LOCK_ATTRIBUTES = {
  owner: "owner",
  recordVersion: "rvn",
  fence: "fence",
  leaseMs: "leaseMs",
  expiresAt: "expiresAt",
  released: "released",
  data: "data",
  /** Heartbeat number within the grant: a late copy of an older heartbeat must not land. */
  beat: "beat",
  /** Semaphore permits only: the semaphore's size N as its clients agreed it (see the acquire's `permits`). */
  permits: "permits"
};

// runtime/src/protocol/ttl-seconds.ts
function ttlSeconds(wallMs, retentionMs) {
  return Math.ceil((wallMs + retentionMs) / 1e3);
}

// runtime/src/protocol/acquire-request.ts
function acquireRequest(table, lock, attempt, wallNow) {
  const names = {
    "#pk": table.partitionKeyName,
    "#owner": LOCK_ATTRIBUTES.owner,
    "#rvn": LOCK_ATTRIBUTES.recordVersion,
    "#fence": LOCK_ATTRIBUTES.fence,
    "#leaseMs": LOCK_ATTRIBUTES.leaseMs,
    "#expiresAt": LOCK_ATTRIBUTES.expiresAt,
    "#released": LOCK_ATTRIBUTES.released,
    "#ttl": LOCK_ITEM_SCHEMA.ttlAttributeName,
    "#beat": LOCK_ATTRIBUTES.beat
  };
  const values = {
    ":owner": { S: attempt.owner },
    ":zero": { N: "0" },
    ":rvn": { S: attempt.recordVersion },
    ":leaseMs": { N: String(attempt.leaseMs) },
    ":expiresAt": { N: String(wallNow + attempt.leaseMs) },
    ":ttl": { N: String(ttlSeconds(wallNow + attempt.leaseMs, table.ttlRetentionMs)) },
    ":true": { BOOL: true },
    ":false": { BOOL: false },
    ":fenceBase": { N: String(fenceBase(wallNow)) },
    ":one": { N: "1" }
  };
  let set = "#owner = :owner, #rvn = :rvn, #leaseMs = :leaseMs, #expiresAt = :expiresAt, #ttl = :ttl, #released = :false, #beat = :zero, #fence = if_not_exists(#fence, :fenceBase) + :one";
  let remove = "";
  if (attempt.data !== void 0) {
    names["#data"] = LOCK_ATTRIBUTES.data;
    values[":data"] = dataValue(attempt.data);
    set += ", #data = :data";
  } else if (attempt.replaceData) {
    names["#data"] = LOCK_ATTRIBUTES.data;
    remove = " REMOVE #data";
  }
  const grounds = ["attribute_not_exists(#pk)", "#released = :true"];
  if (attempt.observedRecordVersion !== void 0) {
    grounds.push("#rvn = :observedRvn");
    values[":observedRvn"] = { S: attempt.observedRecordVersion };
  }
  if (attempt.reentrant) grounds.push("#owner = :owner");
  if (attempt.expiredBefore !== void 0) {
    grounds.push("#expiresAt < :expiredBefore");
    values[":expiredBefore"] = { N: String(attempt.expiredBefore) };
  }
  let condition = grounds.join(" OR ");
  if (attempt.permits !== void 0) {
    names["#permits"] = LOCK_ATTRIBUTES.permits;
    values[":permits"] = { N: String(attempt.permits) };
    set += ", #permits = :permits";
    condition = `(${condition}) AND (attribute_not_exists(#permits) OR #permits = :permits)`;
  }
  return {
    TableName: table.tableName,
    Key: keyOf(table, lock),
    UpdateExpression: `SET ${set}${remove}`,
    ConditionExpression: condition,
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
    ReturnValues: "ALL_NEW",
    ReturnValuesOnConditionCheckFailure: "ALL_OLD"
  };
}
function fenceBase(wallNow) {
  return wallNow * 1e3;
}

// runtime/src/protocol/grant-condition.ts
function grantCondition(grant, options) {
  const names = { "#owner": LOCK_ATTRIBUTES.owner, "#fence": LOCK_ATTRIBUTES.fence };
  const values = { ":owner": { S: grant.owner }, ":fence": { N: String(grant.fence) } };
  if (!options.notReleased) return { expression: "#owner = :owner AND #fence = :fence", names, values };
  names["#released"] = LOCK_ATTRIBUTES.released;
  values[":false"] = { BOOL: false };
  return { expression: "#owner = :owner AND #fence = :fence AND #released = :false", names, values };
}

// runtime/src/protocol/heartbeat-request.ts
function heartbeatRequest(table, grant, renewal, wallNow) {
  const held = grantCondition(grant, { notReleased: true });
  const names = {
    ...held.names,
    "#rvn": LOCK_ATTRIBUTES.recordVersion,
    "#leaseMs": LOCK_ATTRIBUTES.leaseMs,
    "#expiresAt": LOCK_ATTRIBUTES.expiresAt,
    "#ttl": LOCK_ITEM_SCHEMA.ttlAttributeName,
    "#beat": LOCK_ATTRIBUTES.beat
  };
  const values = {
    ...held.values,
    ":beat": { N: String(renewal.beat) },
    ":rvn": { S: renewal.recordVersion },
    ":leaseMs": { N: String(renewal.leaseMs) },
    ":expiresAt": { N: String(wallNow + renewal.leaseMs) },
    ":ttl": { N: String(ttlSeconds(wallNow + renewal.leaseMs, table.ttlRetentionMs)) }
  };
  let set = "#rvn = :rvn, #leaseMs = :leaseMs, #expiresAt = :expiresAt, #ttl = :ttl, #beat = :beat";
  if (renewal.data !== void 0) {
    names["#data"] = LOCK_ATTRIBUTES.data;
    values[":data"] = dataValue(renewal.data);
    set += ", #data = :data";
  }
  return {
    TableName: table.tableName,
    Key: keyOf(table, grant),
    UpdateExpression: `SET ${set}`,
    ConditionExpression: `${held.expression} AND (attribute_not_exists(#beat) OR #beat <= :beat)`,
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
    ReturnValuesOnConditionCheckFailure: "ALL_OLD"
  };
}

// runtime/src/protocol/lock-info.ts
function parseLockInfo(item, table) {
  if (!item) return void 0;
  const key = item[table.partitionKeyName]?.S;
  const owner = item[LOCK_ATTRIBUTES.owner]?.S;
  const rvn = item[LOCK_ATTRIBUTES.recordVersion]?.S;
  const fence = item[LOCK_ATTRIBUTES.fence]?.N;
  if (key === void 0 || owner === void 0 || rvn === void 0 || fence === void 0) return void 0;
  const info = {
    key,
    owner,
    recordVersion: rvn,
    fence: Number(fence),
    leaseMs: Number(item[LOCK_ATTRIBUTES.leaseMs]?.N ?? 0),
    expiresAt: Number(item[LOCK_ATTRIBUTES.expiresAt]?.N ?? 0),
    released: item[LOCK_ATTRIBUTES.released]?.BOOL === true
  };
  const sortKey = table.sortKeyName !== void 0 ? item[table.sortKeyName]?.S : void 0;
  if (sortKey !== void 0) info.sortKey = sortKey;
  const data = item[LOCK_ATTRIBUTES.data];
  if (data?.S !== void 0) info.data = data.S;
  else if (data?.B !== void 0) info.data = data.B;
  const ttl = item[LOCK_ITEM_SCHEMA.ttlAttributeName]?.N;
  if (ttl !== void 0) info.ttl = Number(ttl);
  const permits = item[LOCK_ATTRIBUTES.permits]?.N;
  if (permits !== void 0) info.permits = Number(permits);
  return info;
}

// runtime/src/protocol/own-write.ts
function ownWriteSentAt(item, owner, sentVersions) {
  return item && !item.released && item.owner === owner ? sentVersions.get(item.recordVersion) : void 0;
}

// runtime/src/protocol/read-request.ts
function readRequest(table, lock) {
  return { TableName: table.tableName, Key: keyOf(table, lock), ConsistentRead: true };
}

// runtime/src/protocol/release-request.ts
function releaseRequest(table, grant, release, wallNow) {
  const held = grantCondition(grant, { notReleased: false });
  const common = {
    TableName: table.tableName,
    Key: keyOf(table, grant),
    ConditionExpression: held.expression,
    ReturnValuesOnConditionCheckFailure: "ALL_OLD"
  };
  if (release.deleteItem) return { delete: { ...common, ExpressionAttributeNames: held.names, ExpressionAttributeValues: held.values } };
  const names = { ...held.names, "#released": LOCK_ATTRIBUTES.released, "#ttl": LOCK_ITEM_SCHEMA.ttlAttributeName };
  const values = { ...held.values, ":true": { BOOL: true }, ":ttl": { N: String(ttlSeconds(wallNow, table.ttlRetentionMs)) } };
  let set = "#released = :true, #ttl = :ttl";
  if (release.data !== void 0) {
    Object.assign(names, { "#data": LOCK_ATTRIBUTES.data });
    Object.assign(values, { ":data": dataValue(release.data) });
    set += ", #data = :data";
  }
  return { update: { ...common, UpdateExpression: `SET ${set}`, ExpressionAttributeNames: names, ExpressionAttributeValues: values } };
}

// runtime/src/protocol/request-abort.ts
var PlainAbort = class {
  aborted = false;
  reason;
  onabort = null;
  listeners;
  get signal() {
    return this;
  }
  addEventListener(_type, listener) {
    if (this.listeners) this.listeners.push(listener);
    else this.listeners = [listener];
  }
  removeEventListener(_type, listener) {
    const at = this.listeners?.indexOf(listener) ?? -1;
    if (at >= 0) this.listeners?.splice(at, 1);
  }
  throwIfAborted() {
    if (this.aborted) throw this.reason;
  }
  abort(reason) {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason;
    const listeners = this.listeners;
    this.listeners = void 0;
    for (const listener of listeners ?? []) listener();
    this.onabort?.();
  }
};
var ControllerAbort = class {
  controller = new AbortController();
  signal = this.controller.signal;
  get aborted() {
    return this.signal.aborted;
  }
  get reason() {
    return this.signal.reason;
  }
  abort(reason) {
    this.controller.abort(reason);
  }
};
var PLAIN_SIGNAL_HANDLERS = /* @__PURE__ */ new Set(["http/1.1", "h2"]);
var takesPlainSignal = /* @__PURE__ */ new WeakMap();
function requestAbort(client) {
  let plain = takesPlainSignal.get(client);
  if (plain === void 0) {
    const handler2 = client.config?.requestHandler;
    plain = PLAIN_SIGNAL_HANDLERS.has(handler2?.metadata?.handlerProtocol ?? "");
    takesPlainSignal.set(client, plain);
  }
  return plain ? new PlainAbort() : new ControllerAbort();
}

// runtime/src/protocol/sleep.ts
function sleep(ms, signal) {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(
      () => {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      },
      Math.max(0, ms)
    );
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
function backoffMs(attempt, baseMs, capMs, random = Math.random) {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.min(attempt, 30));
  return ceiling / 2 + random() * (ceiling / 2);
}

// runtime/src/protocol/send-with-deadline.ts
var THROTTLING = /* @__PURE__ */ new Set([
  "ProvisionedThroughputExceededException",
  "ThrottlingException",
  "RequestLimitExceeded",
  "TooManyRequestsException",
  "LimitExceededException",
  "ReplicatedWriteConflictException"
]);
var NETWORK = /* @__PURE__ */ new Set(["ECONNRESET", "ECONNREFUSED", "EPIPE", "ETIMEDOUT", "EAI_AGAIN", "ENOTFOUND", "ECONNABORTED", "UND_ERR_SOCKET"]);
function isTransient(error) {
  const e = error;
  if (!e || typeof e !== "object") return false;
  if (e.name === "AbortError") return false;
  if (e.name && THROTTLING.has(e.name)) return true;
  if (e.$retryable) return true;
  if (e.$metadata?.clockSkewCorrected) return true;
  const status = e.$metadata?.httpStatusCode;
  if (status !== void 0 && status >= 500) return true;
  if (e.code && NETWORK.has(e.code)) return true;
  return e.name === "TimeoutError" || e.name === "RequestTimeout" || e.name === "InternalServerError" || e.name === "ServiceUnavailable";
}
function isAmbiguous(error) {
  const status = error?.$metadata?.httpStatusCode;
  const name2 = error?.name;
  if (name2 && THROTTLING.has(name2)) return false;
  return status === void 0 || status >= 500;
}
var MIN_PAUSE_MS = 4;
async function sendWithDeadline(client, command, deadlineMs, parent) {
  const request = requestAbort(client);
  const end = performance.now() + deadlineMs;
  const timer = setTimeout(abortAtDeadline, Math.max(1, deadlineMs), request, deadlineMs);
  timer.unref?.();
  const onParentAbort = parent && (() => request.abort(parent.reason));
  if (onParentAbort) {
    parent.addEventListener("abort", onParentAbort, { once: true });
    if (parent.aborted) onParentAbort();
  }
  let lastError;
  let ambiguous = false;
  try {
    for (let attempt = 0; ; attempt++) {
      if (request.aborted) throw giveUp(command, parent, lastError ?? request.reason, ambiguous);
      try {
        return await client.send(command, { abortSignal: request.signal });
      } catch (error) {
        if (error.name === "ResourceNotFoundException") {
          throw new LockTableNotFoundError(`lock table not found: ${error.message}`, { cause: error });
        }
        if (request.aborted) {
          throw giveUp(command, parent, lastError ?? error, true);
        }
        if (!isTransient(error)) throw error;
        ambiguous ||= isAmbiguous(error);
        lastError = error;
        const left = end - performance.now();
        await sleep(backoffMs(attempt, 25, Math.min(1e3, Math.max(MIN_PAUSE_MS, left / 8))), request.signal).catch(() => void 0);
      }
    }
  } finally {
    clearTimeout(timer);
    if (onParentAbort) parent?.removeEventListener("abort", onParentAbort);
  }
}
function abortAtDeadline(request, deadlineMs) {
  request.abort(new Error(`request deadline of ${deadlineMs} ms passed`));
}
function giveUp(command, parent, cause, ambiguous) {
  if (parent?.aborted) return parent.reason;
  const name2 = command.constructor?.name ?? "request";
  return new LockUnavailableError(`${name2} did not complete within its deadline`, { cause, ambiguous });
}

// runtime/src/protocol/lock-protocol.ts
var LockProtocol = class {
  constructor(ddb, options) {
    this.ddb = ddb;
    this.options = options;
  }
  ddb;
  options;
  /** One conditional UpdateItem that grants the lock and bumps the fence. */
  async acquire(lock, attempt, sentVersions, signal) {
    const { clock } = this.options;
    const sentAt = sentVersions.get(attempt.recordVersion) ?? clock.monotonicNow();
    const wallNow = clock.wallNow();
    try {
      const request = new import_client_dynamodb.UpdateItemCommand(acquireRequest(this.options, lock, attempt, wallNow));
      const out = await this.send(request, signal);
      const info = this.parse(out.Attributes);
      return { acquired: true, info, sentAt, created: info.fence === fenceBase(wallNow) + 1 };
    } catch (error) {
      if (error instanceof import_client_dynamodb.ConditionalCheckFailedException) {
        const holder = await this.holderFrom(error, lock, signal);
        const ourSentAt2 = ownWriteSentAt(holder, attempt.owner, sentVersions);
        if (holder && ourSentAt2 !== void 0) return { acquired: true, info: holder, sentAt: ourSentAt2 };
        return { acquired: false, holder };
      }
      if (signal?.aborted || !(error instanceof LockUnavailableError) || !error.ambiguous) throw error;
      const current = await this.read(lock).catch(() => void 0);
      const ourSentAt = ownWriteSentAt(current, attempt.owner, sentVersions);
      if (current && ourSentAt !== void 0) return { acquired: true, info: current, sentAt: ourSentAt };
      throw error;
    }
  }
  /**
   * A heartbeat (see heartbeatRequest). `held: false` when the item no longer carries our grant:
   * nobody reads who holds it then, so no read is sent for it.
   */
  async heartbeat(held, beat, leaseMs, data, deadlineMs) {
    const { clock } = this.options;
    const recordVersion = (0, import_node_crypto.randomUUID)();
    const request = heartbeatRequest(this.options, held, { beat, recordVersion, leaseMs, data }, clock.wallNow());
    const sentAt = clock.monotonicNow();
    try {
      await sendWithDeadline(this.ddb, new import_client_dynamodb.UpdateItemCommand(request), deadlineMs);
      return { recordVersion, sentAt, held: true };
    } catch (error) {
      if (!(error instanceof import_client_dynamodb.ConditionalCheckFailedException)) throw error;
      return { recordVersion, sentAt, held: false };
    }
  }
  /**
   * Marks the item released (keeping it, so the fence survives) or deletes it, only while it
   * still carries our owner and fence. Resolves true when the lock is no longer held by us
   * through our own doing (including a retry after a lost response), false when a successor or
   * a deletion got there first — in which case nothing was written.
   */
  async release(held, release) {
    const request = releaseRequest(this.options, held, release, this.options.clock.wallNow());
    try {
      await this.send("delete" in request ? new import_client_dynamodb.DeleteItemCommand(request.delete) : new import_client_dynamodb.UpdateItemCommand(request.update));
      return true;
    } catch (error) {
      if (!(error instanceof import_client_dynamodb.ConditionalCheckFailedException)) throw error;
      const current = await this.holderFrom(error, held);
      if (current === void 0) return release.deleteItem;
      return false;
    }
  }
  /** ConsistentRead of one lock: lock decisions never rest on eventually consistent reads. */
  async read(lock, signal) {
    const out = await this.send(new import_client_dynamodb.GetItemCommand(readRequest(this.options, lock)), signal);
    return this.parse(out.Item);
  }
  /** A lock item as LockInfo; `undefined` for an absent or foreign item. */
  parse(item) {
    return parseLockInfo(item, this.options);
  }
  /** Sends one request within the client's request deadline. */
  send(command, signal) {
    return sendWithDeadline(this.ddb, command, this.options.requestTimeoutMs, signal);
  }
  /** The DynamoDB client the requests go through. */
  get dynamoDb() {
    return this.ddb;
  }
  /** The item that made a condition fail: from the error (DynamoDB) or one ConsistentRead (dynalite). */
  async holderFrom(error, lock, signal) {
    if (error.Item) return this.parse(error.Item);
    return this.read(lock, signal);
  }
};

// runtime/src/version.ts
var VERSION = "0.1.0";

// runtime/src/client/acquire-options.ts
var ACQUIRE_OPTION_NAMES = [
  "sortKey",
  "waitMs",
  "pollMs",
  "signal",
  "data",
  "replaceData",
  "reentrant",
  "leaseMs",
  "deleteOnRelease",
  "autoHeartbeat",
  "renewWhile",
  "maxLeaseMs",
  "onLost",
  "onDanger"
];

// runtime/src/client/acquire-outcome.ts
function takeoverKind(grounds, lastSeen, created) {
  if (created) return "free";
  if (lastSeen?.released) return "released";
  const watched = grounds.observedRecordVersion;
  if (watched !== void 0 && (lastSeen === void 0 || lastSeen.recordVersion === watched)) return "watched";
  if (lastSeen && grounds.expiredBefore !== void 0 && lastSeen.expiresAt < grounds.expiredBefore) return "expired";
  return "released";
}
function acquireReporter(observers, clock, acquireId, lock, waitMs, permit) {
  const started = clock.monotonicNow();
  const base = () => ({
    key: lock.key,
    ...lock.sortKey !== void 0 && { sortKey: lock.sortKey },
    ...permit,
    at: clock.wallNow(),
    acquireId
  });
  notify(observers, { ...base(), type: "acquireStarted", waitMs });
  const waited = () => clock.monotonicNow() - started;
  return {
    outcome(result) {
      if ("lock" in result) {
        const { lock: held, attempts, contended, takeover } = result;
        const { fence, owner } = held;
        notify(observers, { ...base(), type: "acquired", fence, owner, waitMs: waited(), attempts, contended, takeover });
      } else {
        const { holder, retryAfterMs, attempts } = result;
        notify(observers, { ...base(), type: "busy", holder: holder?.owner, waitMs: waited(), attempts, retryAfterMs });
      }
    },
    failed(error) {
      notify(observers, { ...base(), type: "acquireFailed", waitMs: waited(), error });
    }
  };
}

// runtime/src/client/check-lock-key.ts
function checkLockKey(sortKeyName, key, sortKey) {
  checkString("key", key, MAX_PARTITION_KEY_BYTES);
  if (sortKeyName !== void 0) checkString("sortKey", sortKey, MAX_SORT_KEY_BYTES);
  else if (sortKey !== void 0) {
    throw new LockValidationError("sortKey given but the client has no sortKeyName (partition-key-only table)");
  }
}

// runtime/src/client/client-internals.ts
var registry2 = internalRegistry("a LockClient");
function registerClientInternals(client, internals) {
  registry2.set(client, internals);
}
function clientInternals(client) {
  return registry2.of(client);
}

// runtime/src/client/watch-memory.ts
var WatchMemory = class {
  constructor(capacity) {
    this.capacity = capacity;
  }
  capacity;
  entries = /* @__PURE__ */ new Map();
  /** The watch on a lock, if any. */
  get(lock) {
    return this.entries.get(lockId(lock));
  }
  /**
   * Records what a consistent read (or a failed write's old item) showed at `at` and returns the
   * watch in force: see {@link nextWatch}.
   */
  observe(lock, holder, at) {
    const watch = nextWatch(this.get(lock), holder, at);
    this.remember(lock, watch);
    return watch;
  }
  /** Stores the watch on a lock (most recently used), or ends it when `undefined`. */
  remember(lock, watch) {
    const id = lockId(lock);
    this.entries.delete(id);
    if (watch === void 0 || this.capacity === 0) return;
    this.entries.set(id, watch);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value);
  }
  /** Ends the watch on a lock (we acquired it). */
  forget(lock) {
    this.entries.delete(lockId(lock));
  }
};
function nextWatch(known, holder, at) {
  if (!holder || holder.released) return void 0;
  if (known?.recordVersion === holder.recordVersion) return known;
  return { recordVersion: holder.recordVersion, since: at, leaseMs: holder.leaseMs };
}
function watchRemainingMs(watch, now) {
  return watch.since + watch.leaseMs - now;
}

// runtime/src/client/takeover-in.ts
function takeoverInMs(holder, watched, rule, now) {
  if (!holder || holder.released) return 0;
  if (rule.reentrant && holder.owner === rule.ownerName) return 0;
  let wait = watched ? watchRemainingMs(watched, now) : holder.leaseMs;
  if (rule.maxSkewMs !== void 0) wait = Math.min(wait, holder.expiresAt + rule.maxSkewMs - rule.wallNow + 1);
  return wait;
}

// runtime/src/client/lock-client.ts
var LockClient = class {
  /** Owner identity this client writes into the items it holds. */
  ownerName;
  // Module-private (see clientInternals): the admin functions and the Lambda integrations reach
  // them there; they are no member of the public API.
  #options;
  #ddb;
  #protocol;
  #held = /* @__PURE__ */ new Set();
  /** What this client has watched, across calls (see {@link WatchMemory}). */
  #watches;
  /** Numbers acquire calls for observers (their events interleave). */
  acquireIds = 0;
  closed = false;
  constructor(options) {
    this.#options = resolveClientOptions(options);
    this.#ddb = options.client ?? new import_client_dynamodb2.DynamoDBClient({ maxAttempts: 1, customUserAgent: [["ddb-lock", VERSION]] });
    this.#protocol = new LockProtocol(this.#ddb, this.#options);
    this.ownerName = this.#options.ownerName ?? defaultOwnerName();
    this.#watches = new WatchMemory(this.#options.maxWatchedLocks);
    registerClientInternals(this, {
      options: this.#options,
      protocol: this.#protocol,
      watches: this.#watches,
      tryPermit: (key, options2, permits) => this.tryPermit(key, options2, permits)
    });
  }
  /** The DynamoDB client in use (to send your own requests with it, or to destroy it when done). */
  get dynamoDb() {
    return this.#ddb;
  }
  /** The DynamoDB primary key of a lock in this client's table. */
  keyOf(lock) {
    return keyOf(this.#options, lock);
  }
  /** Locks this client holds now. */
  get heldLocks() {
    return [...this.#held];
  }
  /**
   * Acquires `key`, waiting up to `waitMs` with backoff and jitter while someone else holds it.
   * A holder that stops heartbeating is taken over once this client has seen its record version
   * unchanged for a full lease on its monotonic clock — counted across calls, so short waits and
   * `tryAcquire` loops add up — or, with `trustWallClock`, once its expiry plus the skew bound has
   * passed. Throws LockBusyError (with `retryAfterMs`) when the wait ends, LockAbortedError on abort.
   */
  async acquire(key, options = {}) {
    this.checkAcquire(key, options);
    const waitMs = options.waitMs ?? DEFAULTS.waitMs(this.leaseOf(options), options.pollMs ?? this.#options.pollMs);
    const result = await this.acquireLoop(key, options, waitMs);
    if ("lock" in result) return result.lock;
    const { holder, retryAfterMs } = result;
    const message = `lock ${key} is held by ${holder?.owner ?? "someone else"}; retry in ${Math.ceil(retryAfterMs)} ms`;
    throw new LockBusyError(message, key, holder?.owner, {
      ...holder && { holderInfo: holder },
      retryAfterMs
    });
  }
  /**
   * One attempt, never waits: the lock, or `undefined` when someone else holds it. What it sees
   * is remembered, so a loop of `tryAcquire` calls takes over a dead holder once, together, they
   * have watched its record version for a full lease.
   */
  async tryAcquire(key, options = {}) {
    this.checkAcquire(key, options);
    if ("waitMs" in options) throw new LockValidationError("tryAcquire does not wait: drop waitMs");
    const result = await this.acquireLoop(key, options, 0);
    return "lock" in result ? result.lock : void 0;
  }
  /**
   * Stops every heartbeat and, with `release` (default), releases every held lock — all of them
   * even when some releases fail (then LockCloseError with an AggregateError cause). Returns at
   * once when nothing is held: no sleeping timers to join.
   */
  async close(options = {}) {
    checkKnownKeys("close options", options, ["release"]);
    this.closed = true;
    const locks = [...this.#held];
    if (options.release === false) {
      for (const lock of locks) lockInternals(lock).markLost("closed");
      return;
    }
    const results = await Promise.allSettled(locks.map((lock) => lock.release()));
    const failures = results.flatMap((r) => r.status === "rejected" ? [r.reason] : []);
    if (failures.length > 0) {
      throw new LockCloseError(`${failures.length} of ${locks.length} locks could not be released`, {
        cause: new AggregateError(failures, "release failures")
      });
    }
  }
  /**
   * One attempt at a semaphore permit (see ClientInternals.tryPermit): tryAcquire's path, with
   * the semaphore's size written on the item and required of it.
   */
  tryPermit(key, options, permits) {
    this.checkAcquire(key, options);
    return this.acquireLoop(key, options, 0, permits);
  }
  /** The wait, with whatever ends it once the caller's signal aborted reported as LockAbortedError. */
  async acquireLoop(key, options, waitMs, permits) {
    const { observers, clock } = this.#options;
    const target = lockKey(key, options.sortKey);
    const permit = permits !== void 0 ? permitOf(target) : void 0;
    const report = observers.length > 0 ? acquireReporter(observers, clock, ++this.acquireIds, target, waitMs, permit) : void 0;
    try {
      const result = await this.waitForLock(key, options, waitMs, permits);
      report?.outcome(result);
      return result;
    } catch (error) {
      const failure = options.signal?.aborted ? new LockAbortedError(`waiting for lock ${key} was aborted`, { cause: error }) : error;
      report?.failed(failure);
      throw failure;
    }
  }
  async waitForLock(key, options, waitMs, permits) {
    const { clock } = this.#options;
    const target = lockKey(key, options.sortKey);
    const leaseMs = this.leaseOf(options);
    const pollMs = options.pollMs ?? this.#options.pollMs;
    const started = clock.monotonicNow();
    const deadline = started + waitMs;
    const sentVersions = /* @__PURE__ */ new Map();
    let watched = this.#watches.get(target);
    let holder;
    let needWrite = true;
    let writes = 0;
    let contended = false;
    for (let attempt = 0; ; attempt++) {
      options.signal?.throwIfAborted();
      if (needWrite) {
        const grounds = {
          ...watched && watchRemainingMs(watched, clock.monotonicNow()) <= 0 && { observedRecordVersion: watched.recordVersion },
          ...options.reentrant && { reentrant: true },
          ...this.#options.maxSkewMs !== void 0 && { expiredBefore: clock.wallNow() - this.#options.maxSkewMs },
          ...permits !== void 0 && { permits }
        };
        const recordVersion = (0, import_node_crypto2.randomUUID)();
        sentVersions.set(recordVersion, clock.monotonicNow());
        writes++;
        const outcome = await this.attempt(target, options, cappedLease(leaseMs, options.maxLeaseMs), recordVersion, grounds, sentVersions);
        if (outcome.acquired) {
          this.#watches.forget(target);
          const takeover = takeoverKind(grounds, holder, outcome.created ?? false);
          return { lock: this.adopt(outcome.info, outcome.sentAt, leaseMs, options), attempts: writes, contended, takeover };
        }
        holder = outcome.holder;
      } else {
        holder = await this.#protocol.read(target, options.signal);
      }
      const observedAt = clock.monotonicNow();
      contended ||= holder !== void 0 && !holder.released;
      watched = nextWatch(watched, holder, observedAt);
      this.#watches.remember(target, watched);
      const eligibleIn = this.eligibleIn(holder, watched, options, observedAt);
      needWrite = eligibleIn <= 0;
      const remaining = deadline - observedAt;
      if (remaining <= 0) return { holder, retryAfterMs: Math.max(0, eligibleIn), attempts: writes };
      const backoff = eligibleIn <= 0 ? backoffMs(0, 10, 10) : Math.min(eligibleIn, backoffMs(attempt, pollMs / 4, pollMs));
      const pause = Math.min(remaining, backoff);
      await sleep(pause, options.signal);
      if (clock.monotonicNow() >= deadline) needWrite = true;
    }
  }
  /** Ms until an attempt could succeed on what we know; ≤ 0 means try now. */
  eligibleIn(holder, watched, options, now) {
    const { maxSkewMs, clock } = this.#options;
    return takeoverInMs(
      holder,
      watched,
      { ownerName: this.ownerName, reentrant: options.reentrant, maxSkewMs, wallNow: clock.wallNow() },
      now
    );
  }
  attempt(lockKey2, options, leaseMs, recordVersion, grounds, sentVersions) {
    return this.#protocol.acquire(
      lockKey2,
      {
        owner: this.ownerName,
        recordVersion,
        leaseMs,
        replaceData: options.replaceData ?? DEFAULTS.replaceData,
        ...options.data !== void 0 && { data: options.data },
        ...grounds
      },
      sentVersions,
      options.signal
    );
  }
  adopt(info, sentAt, requestedLeaseMs, options) {
    for (const old of this.#held) {
      if (old.key === info.key && old.sortKey === info.sortKey) lockInternals(old).markLost("superseded");
    }
    const lock = new Lock({
      protocol: this.#protocol,
      info,
      sentAt,
      requestedLeaseMs,
      deleteOnRelease: options.deleteOnRelease ?? DEFAULTS.deleteOnRelease,
      autoHeartbeat: options.autoHeartbeat ?? DEFAULTS.autoHeartbeat,
      ...options.renewWhile && { renewWhile: options.renewWhile },
      ...options.maxLeaseMs && { maxLeaseMs: options.maxLeaseMs },
      onClosed: (l) => this.#held.delete(l)
    });
    if (options.onLost) lock.on("lost", options.onLost);
    if (options.onDanger) lock.on("danger", options.onDanger);
    this.#held.add(lock);
    return lock;
  }
  leaseOf(options) {
    return options.leaseMs ?? this.#options.leaseMs;
  }
  checkAcquire(key, options) {
    if (this.closed) throw new LockValidationError("LockClient is closed");
    checkKnownKeys("acquire options", options, ACQUIRE_OPTION_NAMES);
    checkLockKey(this.#options.sortKeyName, key, options.sortKey);
    checkDuration("waitMs", options.waitMs, true);
    checkDuration("pollMs", options.pollMs);
    checkDuration("leaseMs", options.leaseMs);
    checkSignal("signal", options.signal);
    checkData("data", options.data);
    for (const flag of ["replaceData", "reentrant", "deleteOnRelease", "autoHeartbeat"]) {
      if (options[flag] !== void 0 && typeof options[flag] !== "boolean") throw new LockValidationError(`${flag} must be a boolean`);
    }
    for (const fn of ["onLost", "onDanger", "renewWhile", "maxLeaseMs"]) {
      if (options[fn] !== void 0 && typeof options[fn] !== "function") throw new LockValidationError(`${fn} must be a function`);
    }
    if (options.leaseMs !== void 0) {
      const { heartbeatMs, safetyMarginMs } = this.#options;
      checkTiming(options.leaseMs, heartbeatMs, safetyMarginMs);
    }
  }
};
function defaultOwnerName() {
  return `${process.env.AWS_LAMBDA_FUNCTION_NAME ?? (0, import_node_os.hostname)()}#${(0, import_node_crypto2.randomUUID)().slice(0, 8)}`;
}

// runtime/src/lambda/check-cap-fits.ts
function checkCapFits(where, client, leaseOption, deadlineMarginMs) {
  const { options } = clientInternals(client);
  const { heartbeatMs, safetyMarginMs } = options;
  const leaseMs = leaseOption ?? options.leaseMs;
  if (heartbeatMs > 0 && heartbeatMs * safetyMarginMs > deadlineMarginMs * (leaseMs - safetyMarginMs)) {
    throw new LockValidationError(
      `${where}: heartbeatMs \xD7 safetyMarginMs (${heartbeatMs} \xD7 ${safetyMarginMs}) exceeds deadlineMarginMs \xD7 (leaseMs \u2212 safetyMarginMs) (${deadlineMarginMs} \xD7 ${leaseMs - safetyMarginMs}): leases capped by the remaining time would run out before the deadline`
    );
  }
}

// runtime/src/lambda/default-lock-client.ts
var LAMBDA_MAX_SKEW_MS = DEFAULTS.lambdaMaxSkewMs;
function defaultLockClient(where, options) {
  const build = () => {
    const tableName = options.tableName ?? process.env[LOCK_ITEM_SCHEMA.tableNameEnvVar];
    if (!tableName) {
      throw new LockValidationError(
        `${where}: no table name \u2014 set the ${LOCK_ITEM_SCHEMA.tableNameEnvVar} environment variable (DistributedLockTable.bindTo does) or pass { tableName }`
      );
    }
    const trustWallClock = options.trustWallClock ?? { maxSkewMs: LAMBDA_MAX_SKEW_MS };
    const { leaseMs, heartbeatMs, observers } = options;
    return new LockClient({ tableName, leaseMs, heartbeatMs, trustWallClock: trustWallClock || void 0, observers });
  };
  let client;
  return () => {
    if (client) return client;
    const resolved = options.client ?? build();
    checkCapFits(where, resolved, options.leaseMs, options.deadlineMarginMs ?? DEFAULTS.deadlineMarginMs);
    client = resolved;
    return client;
  };
}

// runtime/src/lambda/remaining-ms.ts
function remainingMs(context) {
  return typeof context?.getRemainingTimeInMillis === "function" ? context.getRemainingTimeInMillis() : Number.POSITIVE_INFINITY;
}

// runtime/src/lambda/invocation-deadline.ts
var InvocationDeadline = class {
  /** `outcome` ends the deadline's message: what became of the work it cut short. */
  constructor(context, marginMs, outcome, prefix = "") {
    this.context = context;
    this.marginMs = marginMs;
    this.outcome = outcome;
    this.prefix = prefix;
    this.signal = this.controller.signal;
    const untilDeadline = this.budgetMs();
    if (Number.isFinite(untilDeadline)) {
      this.timer = setTimeout(() => this.controller.abort(this.error()), Math.max(0, untilDeadline));
      this.timer.unref?.();
    }
  }
  context;
  marginMs;
  outcome;
  prefix;
  signal;
  controller = new AbortController();
  timer;
  /** Lambda's remaining time; Infinity outside Lambda. 0 means no time left, not "unknown". */
  remainingMs() {
    return remainingMs(this.context);
  }
  /** Time until the deadline. */
  budgetMs() {
    return this.remainingMs() - this.marginMs;
  }
  /** Enough time to acquire, run something and still release before the margin (withLock's rule). */
  canStart() {
    return !this.signal.aborted && this.budgetMs() > this.marginMs;
  }
  error() {
    return new LockDeadlineError(`${this.prefix}invocation deadline (remaining time \u2212 ${this.marginMs} ms) reached; ${this.outcome}`);
  }
  dispose() {
    clearTimeout(this.timer);
  }
};

// runtime/src/lock/lock-view.ts
function lockView(lock, signal, untilDeadlineMs) {
  const isValid = () => !signal.aborted && untilDeadlineMs() > 0 && lock.isValid();
  const view = Object.freeze({
    key: lock.key,
    sortKey: lock.sortKey,
    fence: lock.fence,
    owner: lock.owner,
    permit: lock.permit,
    get data() {
      return lock.data;
    },
    signal,
    get remainingMs() {
      return isValid() ? Math.max(0, Math.min(lock.remainingMs, untilDeadlineMs())) : 0;
    },
    isValid
  });
  shareLockInternals(view, lock);
  return view;
}

// runtime/src/middy/cleanup-powertools.ts
var POWERTOOLS_CLEANUP_KEYS = ["tracer", "metrics", "logger", "idempotency"].map((name2) => `powertools-for-aws.${name2}`);
async function cleanupPowertools(request) {
  const internal = request.internal;
  if (!internal) return;
  for (const key of POWERTOOLS_CLEANUP_KEYS) {
    const cleanup = Object.hasOwn(internal, key) ? internal[key] : void 0;
    if (typeof cleanup === "function") await cleanup(request);
  }
}

// runtime/src/middy/hold-middleware.ts
function holdMiddleware(who, resolve, options) {
  const marginMs = options.deadlineMarginMs ?? DEFAULTS.deadlineMarginMs;
  const invocations = /* @__PURE__ */ new WeakMap();
  const client = defaultLockClient(who, options);
  const before = async (request) => {
    invocations.delete(request);
    const locks = client();
    const target = await resolve(request.event, request.context, locks);
    const data = options.data?.(request.event, request.context);
    const deadline = new InvocationDeadline(request.context, marginMs, `${target.label} released`, `${who}: `);
    if (!deadline.canStart()) {
      deadline.dispose();
      throw new LockDeadlineError(
        `${who}: only ${Math.max(0, deadline.remainingMs())} ms left in the invocation; refusing to start a critical section (deadlineMarginMs ${marginMs})`
      );
    }
    const invocation = { deadline, controller: new AbortController(), active: true };
    let lock;
    try {
      lock = await target.acquire({
        waitMs: Math.min(options.waitMs ?? DEFAULTS.lambdaWaitMs, deadline.budgetMs() - marginMs),
        // The default client was built with the lease; a client of the caller's gets it per lock.
        leaseMs: options.client && options.leaseMs,
        data,
        renewWhile: () => invocation.active && deadline.remainingMs() > marginMs,
        // The lease never outlives the invocation: a killed environment's lock expires by then.
        maxLeaseMs: () => deadline.remainingMs(),
        onLost: (error) => lose(invocation, error)
      });
    } catch (error) {
      deadline.dispose();
      if (error instanceof LockBusyError && typeof options.whenBusy === "function") {
        const response = await options.whenBusy(error, request);
        await cleanupPowertools(request);
        request.earlyResponse = response;
        return response;
      }
      throw error;
    }
    invocation.lock = lock;
    invocations.set(request, invocation);
    request.context.lock = lockView(lock, invocation.controller.signal, () => deadline.budgetMs());
    const reached = () => {
      lose(invocation, deadline.signal.reason);
      invocation.releasing = lock.release().catch(() => void 0);
    };
    if (deadline.signal.aborted) reached();
    else deadline.signal.addEventListener("abort", reached, { once: true });
    return void 0;
  };
  const end = async (request) => {
    const invocation = invocations.get(request);
    if (!invocation) return void 0;
    await finish(who, invocation);
    invocations.delete(request);
    if (!invocation.lost) return void 0;
    if (typeof options.whenLost !== "function") return invocation.lost;
    await options.whenLost(invocation.lost, request);
    return void 0;
  };
  const after = async (request) => {
    const lost = await end(request);
    if (lost) throw lost;
  };
  const onError = async (request) => {
    const lost = await end(request);
    if (!lost || request.error === lost) return;
    if (lost.cause === void 0) {
      Object.defineProperty(lost, "cause", { value: request.error, configurable: true, writable: true });
    }
    throw lost;
  };
  return { before, after, onError };
}
async function finish(who, invocation) {
  invocation.active = false;
  invocation.deadline.dispose();
  const lock = invocation.lock;
  if (invocation.releasing) {
    await invocation.releasing;
    return;
  }
  try {
    const released = await lock.release();
    if (!released) lose(invocation, new LockLostError(`lock ${lock.key} was lost during the invocation`, lock.key, "stolen"));
  } catch (error) {
    console.warn(`${who}: releasing ${lock.key} failed; it expires within one lease`, error);
  }
}
function lose(invocation, error) {
  invocation.lost ??= error;
  invocation.controller.abort(error);
}
function checkHoldOptions(who, options) {
  checkClientOptions(who, options);
  for (const name2 of ["whenBusy", "whenLost"]) {
    const value = options[name2];
    const literal = name2 === "whenBusy" ? "throw" : "fail";
    if (value !== void 0 && value !== literal && typeof value !== "function") {
      throw new LockValidationError(`${who}: ${name2} must be '${literal}' or a function`);
    }
  }
  if (options.data !== void 0 && typeof options.data !== "function")
    throw new LockValidationError(`${who}: data must be a function (event, context) => data`);
}

// runtime/src/middy/with-lock.ts
var KEY_LABELS = { fn: "withLock: the key function", key: "withLock key", sortKey: "withLock sortKey" };
var OPTION_NAMES = [...LAMBDA_CLIENT_OPTION_NAMES, "leaseMs", "waitMs", "whenBusy", "whenLost", "data"];
function withLock(keyFn, options = {}) {
  checkOptions(keyFn, options);
  return holdMiddleware(
    "withLock",
    async (event, context, client) => {
      const { key, sortKey } = await resolveKey(KEY_LABELS, keyFn, event, context);
      return { label: `lock ${key}`, acquire: (hold) => client.acquire(key, { ...hold, sortKey }) };
    },
    options
  );
}
function checkOptions(keyFn, options) {
  if (typeof keyFn !== "function") throw new LockValidationError("withLock: the first argument must be a function (event, context) => key");
  checkKnownKeys("withLock options", options, OPTION_NAMES);
  checkHoldOptions("withLock", options);
}

// node_modules/@middy/core/index.js
var import_node_timers = require("node:timers");

// node_modules/@middy/core/executionModeStandard.js
var executionModeStandard = ({ middyRequest, runRequest: runRequest2 }, beforeMiddlewares, lambdaHandler, afterMiddlewares, onErrorMiddlewares, plugin) => {
  const middy2 = async (event, context) => {
    const request = middyRequest(event, context);
    plugin.requestStart(request);
    let handlerError;
    let hasError = false;
    let response;
    try {
      response = await runRequest2(
        request,
        beforeMiddlewares,
        lambdaHandler,
        afterMiddlewares,
        onErrorMiddlewares,
        plugin
      );
    } catch (err) {
      handlerError = err;
      hasError = true;
    }
    try {
      const requestEndResult = plugin.requestEnd(request);
      if (requestEndResult instanceof Promise) await requestEndResult;
    } catch (hookErr) {
      if (hasError) {
        if (typeof handlerError === "object" && handlerError !== null) {
          handlerError.cause ??= hookErr;
        }
      } else {
        throw hookErr;
      }
    }
    if (hasError) throw handlerError;
    return response;
  };
  middy2.handler = (replaceLambdaHandler) => {
    lambdaHandler = replaceLambdaHandler;
    return middy2;
  };
  return middy2;
};

// node_modules/@middy/core/index.js
var name = "core";
var pkg = `@middy/${name}`;
var defaultLambdaHandler = () => {
};
var noop = () => {
};
var defaultPluginConfig = {
  timeoutEarlyInMillis: 5,
  timeoutEarlyResponse: () => {
    const err = new Error("[AbortError]: The operation was aborted.", {
      cause: { package: pkg }
    });
    err.name = "TimeoutError";
    throw err;
  },
  executionMode: executionModeStandard
};
var middy = (setupLambdaHandler, pluginConfig) => {
  let lambdaHandler;
  let plugin;
  if (typeof setupLambdaHandler === "function") {
    lambdaHandler = setupLambdaHandler;
    plugin = { ...defaultPluginConfig, ...pluginConfig };
  } else {
    lambdaHandler = defaultLambdaHandler;
    plugin = { ...defaultPluginConfig, ...setupLambdaHandler };
  }
  plugin.timeoutEarly = plugin.timeoutEarlyInMillis > 0;
  plugin.requestStart ??= noop;
  plugin.requestEnd ??= noop;
  plugin.beforeHandler ??= noop;
  plugin.afterHandler ??= noop;
  plugin.beforePrefetch?.();
  const beforeMiddlewares = [];
  const afterMiddlewares = [];
  const onErrorMiddlewares = [];
  const middyRequest = (event = {}, context = {}) => {
    return {
      event,
      context,
      response: void 0,
      error: void 0,
      internal: plugin.internal ? Object.assign(/* @__PURE__ */ Object.create(null), plugin.internal) : /* @__PURE__ */ Object.create(null)
    };
  };
  const middy2 = plugin.executionMode(
    { middyRequest, runRequest },
    beforeMiddlewares,
    lambdaHandler,
    afterMiddlewares,
    onErrorMiddlewares,
    plugin
  );
  middy2.use = (inputMiddleware) => {
    const middlewares = Array.isArray(inputMiddleware) ? inputMiddleware : [inputMiddleware];
    const befores = [];
    const afters = [];
    const onErrors = [];
    for (const middleware of middlewares) {
      const { before, after, onError } = middleware;
      if (!before && !after && !onError) {
        throw new Error(
          'Middleware must be an object containing at least one key among "before", "after", "onError"',
          {
            cause: { package: pkg }
          }
        );
      }
      if (before) befores.push(before);
      if (after) afters.push(after);
      if (onError) onErrors.push(onError);
    }
    beforeMiddlewares.push(...befores);
    afterMiddlewares.unshift(...afters.reverse());
    onErrorMiddlewares.unshift(...onErrors.reverse());
    return middy2;
  };
  middy2.before = (beforeMiddleware) => {
    beforeMiddlewares.push(beforeMiddleware);
    return middy2;
  };
  middy2.after = (afterMiddleware) => {
    afterMiddlewares.unshift(afterMiddleware);
    return middy2;
  };
  middy2.onError = (onErrorMiddleware) => {
    onErrorMiddlewares.unshift(onErrorMiddleware);
    return middy2;
  };
  return middy2;
};
var runRequest = async (request, beforeMiddlewares, lambdaHandler, afterMiddlewares, onErrorMiddlewares, plugin) => {
  let timeoutID;
  const getRemainingTimeInMillis = request.context.getRemainingTimeInMillis || request.context.lambdaContext?.getRemainingTimeInMillis;
  const timeoutEarly = plugin.timeoutEarly && getRemainingTimeInMillis;
  const beforeMiddlewareHook = plugin.beforeMiddleware;
  const afterMiddlewareHook = plugin.afterMiddleware;
  try {
    for (let i = 0, len = beforeMiddlewares.length; i < len; i++) {
      const nextMiddleware = beforeMiddlewares[i];
      if (beforeMiddlewareHook) beforeMiddlewareHook(nextMiddleware.name);
      let res = nextMiddleware(request);
      if (res instanceof Promise) res = await res;
      if (afterMiddlewareHook) afterMiddlewareHook(nextMiddleware.name);
      if (typeof res !== "undefined") {
        request.earlyResponse = res;
      }
      if ("earlyResponse" in request) {
        request.response = request.earlyResponse;
        break;
      }
    }
    if (!("earlyResponse" in request)) {
      plugin.beforeHandler();
      const handlerAbort = new AbortController();
      const abortOpts = { signal: handlerAbort.signal };
      const handlerResult = lambdaHandler(
        request.event,
        request.context,
        abortOpts
      );
      if (handlerResult instanceof Promise) {
        if (timeoutEarly) {
          let timeoutResolve;
          const timeoutPromise = new Promise((resolve, reject) => {
            timeoutResolve = () => {
              handlerAbort.abort();
              try {
                resolve(plugin.timeoutEarlyResponse());
              } catch (err) {
                reject(err);
              }
            };
          });
          timeoutID = (0, import_node_timers.setTimeout)(
            timeoutResolve,
            Math.max(
              0,
              getRemainingTimeInMillis() - plugin.timeoutEarlyInMillis
            )
          );
          request.response = await Promise.race([
            handlerResult,
            timeoutPromise
          ]);
        } else {
          request.response = await handlerResult;
        }
      } else {
        request.response = handlerResult;
      }
      if (timeoutID) {
        clearTimeout(timeoutID);
      }
      plugin.afterHandler();
      for (let i = 0, len = afterMiddlewares.length; i < len; i++) {
        const nextMiddleware = afterMiddlewares[i];
        if (beforeMiddlewareHook) beforeMiddlewareHook(nextMiddleware.name);
        let res = nextMiddleware(request);
        if (res instanceof Promise) res = await res;
        if (afterMiddlewareHook) afterMiddlewareHook(nextMiddleware.name);
        if (typeof res !== "undefined") {
          request.earlyResponse = res;
        }
        if ("earlyResponse" in request) {
          request.response = request.earlyResponse;
          break;
        }
      }
    }
  } catch (err) {
    if (timeoutID) {
      clearTimeout(timeoutID);
    }
    request.response = void 0;
    delete request.earlyResponse;
    request.error = err;
    try {
      for (let i = 0, len = onErrorMiddlewares.length; i < len; i++) {
        const nextMiddleware = onErrorMiddlewares[i];
        if (beforeMiddlewareHook) beforeMiddlewareHook(nextMiddleware.name);
        let res = nextMiddleware(request);
        if (res instanceof Promise) res = await res;
        if (afterMiddlewareHook) afterMiddlewareHook(nextMiddleware.name);
        if (typeof res !== "undefined") {
          request.earlyResponse = res;
        }
        if ("earlyResponse" in request) {
          request.response = request.earlyResponse;
          break;
        }
      }
    } catch (err2) {
      if (err2 !== request.error && typeof err2 === "object" && err2 !== null) {
        err2.originalError = request.error;
        err2.cause ??= request.error;
      }
      request.error = err2;
      throw request.error;
    }
    if (typeof request.response === "undefined") throw request.error;
  }
  return request.response;
};
var core_default = middy;

// integ-tests/handlers/locker.mts
var handler = core_default(async (event) => {
  await (0, import_promises.setTimeout)(event.holdMs);
  return { acquired: true };
}).use(
  withLock((event) => event.key, {
    leaseMs: 1e4,
    whenBusy: () => ({ acquired: false })
  })
);
// Annotate the CommonJS export names for ESM import in node:
0 && (module.exports = {
  handler
});
