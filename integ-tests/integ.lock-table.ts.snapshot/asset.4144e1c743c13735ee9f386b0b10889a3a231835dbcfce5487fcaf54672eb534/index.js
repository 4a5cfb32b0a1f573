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

// runtime/src/client/errors.ts
var LockError = class extends Error {
  static {
    this.prototype.name = "LockError";
  }
  constructor(message, options) {
    super(message, options);
  }
};
var LockValidationError = class extends LockError {
  static {
    this.prototype.name = "LockValidationError";
  }
};
var LockBusyError = class extends LockError {
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
    this.prototype.name = "LockBusyError";
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
var LockAbortedError = class extends LockError {
  static {
    this.prototype.name = "LockAbortedError";
  }
};
var LockLostError = class extends LockError {
  constructor(message, key, reason, options) {
    super(message, options);
    this.key = key;
    this.reason = reason;
  }
  key;
  reason;
  static {
    this.prototype.name = "LockLostError";
  }
};
var LockNotOwnerError = class extends LockError {
  static {
    this.prototype.name = "LockNotOwnerError";
  }
};
var LockTableNotFoundError = class extends LockError {
  static {
    this.prototype.name = "LockTableNotFoundError";
  }
};
var LockUnavailableError = class extends LockError {
  static {
    this.prototype.name = "LockUnavailableError";
  }
  /** True when a write may have been applied although no response arrived. */
  ambiguous;
  constructor(message, options) {
    super(message, options);
    this.ambiguous = options?.ambiguous ?? false;
  }
};
var StaleFenceError = class extends LockError {
  static {
    this.prototype.name = "StaleFenceError";
  }
};
var LockCloseError = class extends LockError {
  static {
    this.prototype.name = "LockCloseError";
  }
};
var LockDeadlineError = class extends LockError {
  static {
    this.prototype.name = "LockDeadlineError";
  }
};

// runtime/src/client/item-schema.ts
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
  beat: "beat"
};

// runtime/src/client/lock-client.ts
var import_client_dynamodb3 = require("@aws-sdk/client-dynamodb");
var import_node_crypto2 = require("node:crypto");
var import_node_os = require("node:os");

// runtime/src/client/lock.ts
var import_node_events = require("node:events");

// runtime/src/client/validate.ts
var MAX_PARTITION_KEY_BYTES = 2048;
var MAX_SORT_KEY_BYTES = 1024;
var MAX_ITEM_BYTES = 400 * 1024;
var utf8 = new TextEncoder();
function byteLength(value) {
  return typeof value === "string" ? utf8.encode(value).byteLength : value.byteLength;
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
  const bytes = byteLength(value);
  if (bytes > maxBytes) {
    throw new LockValidationError(`${name2} is ${bytes} bytes; DynamoDB allows at most ${maxBytes}`);
  }
}
function checkData(name2, value) {
  if (value === void 0) return;
  if (typeof value !== "string" && !(value instanceof Uint8Array)) {
    throw new LockValidationError(`${name2} must be a string or Uint8Array, got ${describe(value)}`);
  }
  const limit = MAX_ITEM_BYTES - MAX_PARTITION_KEY_BYTES - MAX_SORT_KEY_BYTES - 512;
  if (byteLength(value) > limit) {
    throw new LockValidationError(`${name2} is ${byteLength(value)} bytes; at most ${limit} fit in the lock item`);
  }
}
function checkKnownKeys(where, value, allowed) {
  if (value === void 0) return;
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new LockValidationError(`${where} must be an object, got ${describe(value)}`);
  }
  const unknown = Object.keys(value).filter((k) => !allowed.includes(k));
  if (unknown.length > 0) {
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

// runtime/src/client/clock.ts
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
  checkString("partitionKeyName", options.partitionKeyName ?? "pk", 255);
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
  if (observers !== void 0 && (!Array.isArray(observers) || !observers.every((o) => typeof o?.onLockEvent === "function"))) {
    throw new LockValidationError("observers must be an array of { onLockEvent(event) } objects");
  }
  const clock = options.clock;
  if (clock !== void 0 && (typeof clock?.monotonicNow !== "function" || typeof clock.wallNow !== "function")) {
    throw new LockValidationError("clock must have monotonicNow() and wallNow()");
  }
  const leaseMs = options.leaseMs ?? 2e4;
  const safetyMarginMs = options.safetyMarginMs ?? Math.round(leaseMs / 10);
  const heartbeatMs = options.heartbeatMs ?? Math.min(5e3, Math.round(leaseMs / 4));
  checkTiming(leaseMs, heartbeatMs, safetyMarginMs);
  return {
    tableName: options.tableName,
    partitionKeyName: options.partitionKeyName ?? LOCK_ITEM_SCHEMA.partitionKeyName,
    sortKeyName: options.sortKeyName,
    ownerName: options.ownerName,
    leaseMs,
    heartbeatMs,
    safetyMarginMs,
    dangerZoneMs: options.dangerZoneMs ?? (heartbeatMs > 0 ? heartbeatMs : Math.round(leaseMs / 4)),
    // A request (with its retries) may take at most what a lease leaves after the margin; a
    // heartbeat's deadline is further capped by the validity it still has.
    requestTimeoutMs: options.requestTimeoutMs ?? Math.min(5e3, leaseMs - safetyMarginMs),
    ttlRetentionMs: options.ttlRetentionMs ?? 864e5,
    pollMs: options.pollMs ?? Math.min(1e3, Math.round(leaseMs / 4)),
    maxSkewMs: options.trustWallClock?.maxSkewMs,
    maxWatchedLocks: options.maxWatchedLocks ?? 1e3,
    observers: [...options.observers ?? []],
    clock: options.clock ?? systemClock
  };
}
function checkTiming(leaseMs, heartbeatMs, safetyMarginMs) {
  if (safetyMarginMs >= leaseMs) {
    throw new LockValidationError(`safetyMarginMs (${safetyMarginMs}) must be less than leaseMs (${leaseMs})`);
  }
  if (heartbeatMs > 0 && heartbeatMs >= leaseMs - safetyMarginMs) {
    throw new LockValidationError(
      `heartbeatMs (${heartbeatMs}) must be less than leaseMs - safetyMarginMs (${leaseMs - safetyMarginMs})`
    );
  }
}

// runtime/src/client/lease.ts
function cappedLease(leaseMs, maxLeaseMs) {
  if (!maxLeaseMs) return leaseMs;
  const cap = Math.floor(maxLeaseMs());
  return Number.isFinite(cap) ? Math.max(1, Math.min(leaseMs, cap)) : leaseMs;
}
function marginFor(leaseMs, requestedLeaseMs, safetyMarginMs) {
  if (leaseMs >= requestedLeaseMs) return safetyMarginMs;
  return Math.ceil(safetyMarginMs * leaseMs / requestedLeaseMs);
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

// runtime/src/client/lock-messages.ts
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

// runtime/src/client/heartbeat-retry.ts
var MIN_HEARTBEAT_GAP_MS = 25;
function heartbeatRetryMs(error, attemptTookMs, failures, heartbeatMs) {
  return error instanceof LockUnavailableError ? Math.max(0, MIN_HEARTBEAT_GAP_MS - attemptTookMs) : Math.max(50, Math.round(heartbeatMs / (2 * failures)));
}

// runtime/src/client/lock-timers.ts
var LockTimers = class {
  heartbeatTimer;
  dangerTimer;
  expiryTimer;
  /** (Re)schedules the next automatic heartbeat. */
  heartbeat(delayMs, beat) {
    clearTimeout(this.heartbeatTimer);
    this.heartbeatTimer = unref(setTimeout(() => {
      this.heartbeatTimer = void 0;
      beat();
    }, delayMs));
  }
  /** (Re)arms the end-of-validity check and, if there is time before it, the danger warning. */
  validity(remainingMs2, dangerZoneMs, onExpiry, onDanger) {
    clearTimeout(this.expiryTimer);
    clearTimeout(this.dangerTimer);
    this.dangerTimer = void 0;
    this.expiryTimer = unref(setTimeout(onExpiry, Math.max(0, remainingMs2)));
    const untilDanger = remainingMs2 - dangerZoneMs;
    if (untilDanger > 0) this.dangerTimer = unref(setTimeout(onDanger, untilDanger));
  }
  /** Stops all three. */
  clear() {
    clearTimeout(this.heartbeatTimer);
    clearTimeout(this.dangerTimer);
    clearTimeout(this.expiryTimer);
    this.heartbeatTimer = this.dangerTimer = this.expiryTimer = void 0;
  }
};
function unref(timer) {
  timer.unref?.();
  return timer;
}

// runtime/src/client/lock.ts
var Lock = class extends import_node_events.EventEmitter {
  /** @internal created by LockClient.acquire */
  constructor(init) {
    super();
    this.init = init;
    this.protocol = init.protocol;
    const { info } = init;
    this.key = info.key;
    this.sortKey = info.sortKey;
    this.fence = info.fence;
    this.owner = info.owner;
    this.currentRecordVersion = info.recordVersion;
    this.currentLeaseMs = info.leaseMs;
    this.requestedLeaseMs = init.requestedLeaseMs;
    this.currentData = info.data;
    this.validUntil = this.validityEnd(init.sentAt, info.leaseMs);
    this.adoptedAt = this.now();
    this.armTimers();
    this.scheduleHeartbeat(this.options.heartbeatMs);
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
  currentRecordVersion;
  currentLeaseMs;
  requestedLeaseMs;
  currentData;
  validUntil;
  lockState = "held";
  controller = new AbortController();
  timers = new LockTimers();
  heartbeatFailures = 0;
  /** Heartbeats sent for this grant (the acquire wrote beat 0). */
  beats = 0;
  /** Serialises this lock's writes so a release never overtakes an in-flight heartbeat. */
  writes = Promise.resolve();
  protocol;
  /** Monotonic ms when the grant was adopted, for held times. */
  adoptedAt;
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
    return this.controller.signal;
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
    if (this.now() >= this.validUntil) {
      this.markLost("expired");
      return false;
    }
    return this.lockState === "held";
  }
  /** A snapshot of this grant for fenced writes and guarded transactions. */
  get grant() {
    return { key: this.key, ...this.sortKey !== void 0 && { sortKey: this.sortKey }, owner: this.owner, fence: this.fence };
  }
  /**
   * Renews now: rotates the record version, extends validity, optionally changes lease and data.
   * Throws LockLostError when the lock turns out to be gone, LockNotOwnerError after release.
   */
  // async: bad input and a released/lost lock reject the promise instead of throwing at the call.
  async heartbeat(options = {}) {
    checkKnownKeys("heartbeat options", options, ["leaseMs", "data"]);
    checkDuration("leaseMs", options.leaseMs);
    checkData("data", options.data);
    if (options.leaseMs !== void 0) {
      checkTiming(options.leaseMs, this.options.heartbeatMs, this.options.safetyMarginMs);
    }
    this.assertHeld("heartbeat");
    return this.serial(() => this.renew(options));
  }
  /**
   * Releases the lock: one conditional write that never touches a successor's item. Resolves true
   * when we released it (also after a lost response), false when it had already been lost.
   * Idempotent; stops heartbeats first and waits for one in flight.
   */
  async release(options = {}) {
    checkKnownKeys("release options", options, ["data", "deleteItem"]);
    checkData("data", options.data);
    if (options.deleteItem !== void 0 && typeof options.deleteItem !== "boolean") throw new LockValidationError("deleteItem must be a boolean");
    if (this.lockState === "released") return true;
    const wasLost = this.lockState === "lost";
    if (this.lockState === "held") this.lockState = "releasing";
    this.clearTimers();
    return this.serial(async () => {
      if (this.lockState === "released") return true;
      if (this.lockState === "lost" && (this.lostReason !== "expired" || this.freedAfterExpiry)) return false;
      const validAtSend = !wasLost && this.lockState !== "lost" && this.now() < this.validUntil;
      try {
        const released = await this.protocol.release(this.grant, {
          deleteItem: options.deleteItem ?? this.init.deleteOnRelease,
          ...options.data !== void 0 && { data: options.data }
        });
        if (wasLost) {
          this.freedAfterExpiry = true;
          return false;
        }
        if (!released && !validAtSend) {
          this.markLost("stolen");
          return false;
        }
        if (this.lockState !== "lost") {
          this.finish("released", new LockNotOwnerError(`lock ${this.key} was released`));
          this.observe({ type: "released", heldMs: this.heldMs() });
        }
        return true;
      } catch (error) {
        if (this.lockState !== "lost") this.finish("released", new LockNotOwnerError(`lock ${this.key} was released`, { cause: error }));
        this.observe({ type: "releaseFailed", heldMs: this.heldMs(), error });
        throw error;
      }
    });
  }
  /** `await using lock = …` releases on scope exit. */
  async [Symbol.asyncDispose]() {
    await this.release();
  }
  lostReason;
  /** A lock lost by expiry gets one best-effort release; later calls send nothing. */
  freedAfterExpiry = false;
  /** Declares the lock lost: stops timers, aborts the signal, emits `lost` once. */
  markLost(reason, cause) {
    if (this.lockState === "lost" || this.lockState === "released") return;
    this.lostReason = reason;
    const error = new LockLostError(lostMessage(this.key, reason), this.key, reason, { cause });
    this.finish("lost", error);
    this.emit("lost", error);
    this.observe({ type: "lost", reason, heldMs: this.heldMs(), error });
  }
  /** Tells the client's observers; builds nothing when there are none (the hot path). */
  observe(event) {
    const { observers, clock } = this.options;
    if (observers.length === 0) return;
    const shared = { key: this.key, ...this.sortKey !== void 0 && { sortKey: this.sortKey }, at: clock.wallNow(), fence: this.fence };
    notify(observers, { ...shared, ...event });
  }
  heldMs() {
    return this.now() - this.adoptedAt;
  }
  get options() {
    return this.protocol.options;
  }
  now() {
    return this.options.clock.monotonicNow();
  }
  validityEnd(sentAt, leaseMs) {
    return sentAt + leaseMs - marginFor(leaseMs, this.requestedLeaseMs, this.options.safetyMarginMs);
  }
  assertHeld(operation) {
    if (this.lockState === "released" || this.lockState === "releasing") {
      throw new LockNotOwnerError(`cannot ${operation} lock ${this.key}: it was released`);
    }
    if (!this.isValid()) {
      throw new LockLostError(`cannot ${operation} lock ${this.key}: it was lost`, this.key, this.lostReason ?? "expired");
    }
  }
  serial(work) {
    const run = this.writes.then(work, work);
    this.writes = run.catch(() => void 0);
    return run;
  }
  async renew(options) {
    this.assertHeld("heartbeat");
    const requestedLeaseMs = options.leaseMs ?? this.requestedLeaseMs;
    const leaseMs = cappedLease(requestedLeaseMs, this.init.maxLeaseMs);
    const deadline = Math.min(this.options.requestTimeoutMs, this.validUntil - this.now());
    const result = await this.protocol.heartbeat(this.grant, ++this.beats, leaseMs, options.data, deadline);
    if (!result.held) {
      this.markLost("stolen");
      throw new LockLostError(lostMessage(this.key, "stolen"), this.key, "stolen");
    }
    if (this.lockState !== "held" || !this.isValid()) {
      if (this.lockState === "releasing") return;
      throw new LockLostError(lostMessage(this.key, "expired"), this.key, "expired");
    }
    this.currentRecordVersion = result.recordVersion;
    this.currentLeaseMs = leaseMs;
    this.requestedLeaseMs = requestedLeaseMs;
    if (options.data !== void 0) this.currentData = options.data;
    this.validUntil = this.validityEnd(result.sentAt, leaseMs);
    this.armTimers();
    this.emit("renewed", this.validUntil - this.now());
    this.observe({ type: "renewed", remainingMs: this.validUntil - this.now() });
  }
  scheduleHeartbeat(delayMs) {
    if (!this.init.autoHeartbeat || this.options.heartbeatMs === 0 || this.lockState !== "held") return;
    this.timers.heartbeat(delayMs, () => void this.autoHeartbeat());
  }
  async autoHeartbeat() {
    if (this.lockState !== "held") return;
    if (this.init.renewWhile && !this.init.renewWhile()) {
      this.release().catch((error) => this.emit("releaseError", error));
      return;
    }
    const started = this.now();
    try {
      await this.serial(() => this.renew({}));
      this.heartbeatFailures = 0;
      this.scheduleHeartbeat(Math.max(0, this.options.heartbeatMs - (this.now() - started)));
    } catch (error) {
      if (error instanceof LockLostError || error instanceof LockNotOwnerError) return;
      this.heartbeatFailures++;
      const retryMs = heartbeatRetryMs(error, this.now() - started, this.heartbeatFailures, this.options.heartbeatMs);
      const reported = error instanceof LockUnavailableError ? error : new LockUnavailableError("heartbeat failed", { cause: error });
      this.emit("heartbeatError", reported);
      this.observe({ type: "heartbeatFailed", error: reported, errorClass: errorClassOf(error), remainingMs: Math.max(0, this.validUntil - this.now()) });
      this.scheduleHeartbeat(retryMs);
    }
  }
  armTimers() {
    this.timers.validity(this.validUntil - this.now(), this.options.dangerZoneMs, () => {
      if (this.isValid()) this.armTimers();
    }, () => {
      if (!this.isValid()) return;
      const remainingMs2 = this.validUntil - this.now();
      this.emit("danger", { key: this.key, remainingMs: remainingMs2 });
      this.observe({ type: "danger", remainingMs: remainingMs2 });
    });
  }
  clearTimers() {
    this.timers.clear();
  }
  finish(state, reason) {
    this.lockState = state;
    this.clearTimers();
    this.controller.abort(reason);
    this.init.onClosed(this);
  }
};

// runtime/src/client/lock-protocol.ts
var import_client_dynamodb = require("@aws-sdk/client-dynamodb");
var import_node_crypto = require("node:crypto");

// runtime/src/client/lock-info.ts
function parseLockInfo(item, keyNames) {
  if (!item) return void 0;
  const key = item[keyNames.pk]?.S;
  const owner = item[LOCK_ATTRIBUTES.owner]?.S;
  const rvn = item[LOCK_ATTRIBUTES.recordVersion]?.S;
  const fence = item[LOCK_ATTRIBUTES.fence]?.N;
  if (key === void 0 || owner === void 0 || rvn === void 0 || fence === void 0) return void 0;
  const data = item[LOCK_ATTRIBUTES.data];
  const sortKey = keyNames.sk ? item[keyNames.sk]?.S : void 0;
  return {
    key,
    ...sortKey !== void 0 && { sortKey },
    owner,
    recordVersion: rvn,
    fence: Number(fence),
    leaseMs: Number(item[LOCK_ATTRIBUTES.leaseMs]?.N ?? 0),
    expiresAt: Number(item[LOCK_ATTRIBUTES.expiresAt]?.N ?? 0),
    released: item[LOCK_ATTRIBUTES.released]?.BOOL === true,
    ...data?.S !== void 0 && { data: data.S },
    ...data?.B !== void 0 && { data: data.B },
    ...item[LOCK_ITEM_SCHEMA.ttlAttributeName]?.N !== void 0 && { ttl: Number(item[LOCK_ITEM_SCHEMA.ttlAttributeName]?.N) }
  };
}

// runtime/src/client/sleep.ts
function sleep(ms, signal) {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, Math.max(0, ms));
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
function backoffMs(attempt, baseMs, capMs, random = Math.random) {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.min(attempt, 30));
  return ceiling / 2 + random() * (ceiling / 2);
}

// runtime/src/client/send-with-deadline.ts
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
  const controller = new AbortController();
  const end = performance.now() + deadlineMs;
  const timer = setTimeout(() => controller.abort(new Error(`request deadline of ${deadlineMs} ms passed`)), Math.max(1, deadlineMs));
  timer.unref?.();
  const onParentAbort = () => controller.abort(parent?.reason);
  parent?.addEventListener("abort", onParentAbort, { once: true });
  if (parent?.aborted) onParentAbort();
  let lastError;
  let ambiguous = false;
  const giveUp = (error) => parent?.aborted ? parent.reason : unavailable(command, lastError ?? error, ambiguous);
  try {
    for (let attempt = 0; ; attempt++) {
      if (controller.signal.aborted) throw giveUp(controller.signal.reason);
      try {
        return await client.send(command, { abortSignal: controller.signal });
      } catch (error) {
        if (error.name === "ResourceNotFoundException") {
          throw new LockTableNotFoundError(`lock table not found: ${error.message}`, { cause: error });
        }
        if (controller.signal.aborted) {
          ambiguous = true;
          throw giveUp(error);
        }
        if (!isTransient(error)) throw error;
        ambiguous ||= isAmbiguous(error);
        lastError = error;
        const left = end - performance.now();
        await sleep(backoffMs(attempt, 25, Math.min(1e3, Math.max(MIN_PAUSE_MS, left / 8))), controller.signal).catch(() => void 0);
      }
    }
  } finally {
    clearTimeout(timer);
    parent?.removeEventListener("abort", onParentAbort);
  }
}
function unavailable(command, cause, ambiguous) {
  const name2 = command.constructor?.name ?? "request";
  return new LockUnavailableError(`${name2} did not complete within its deadline`, { cause, ambiguous });
}

// runtime/src/client/lock-protocol.ts
var LockProtocol = class {
  constructor(ddb, options) {
    this.ddb = ddb;
    this.options = options;
  }
  ddb;
  options;
  /** The DynamoDB key of a lock. */
  keyOf(lock) {
    const { partitionKeyName, sortKeyName } = this.options;
    return {
      [partitionKeyName]: { S: lock.key },
      ...sortKeyName !== void 0 && lock.sortKey !== void 0 && { [sortKeyName]: { S: lock.sortKey } }
    };
  }
  /** One conditional UpdateItem that grants the lock and bumps the fence. */
  async acquire(lock, attempt, knownRecordVersions, signal) {
    const { clock } = this.options;
    const sentAt = clock.monotonicNow();
    const input = this.acquireInput(lock, attempt);
    try {
      const out = await this.send(new import_client_dynamodb.UpdateItemCommand(input), this.options.requestTimeoutMs, signal);
      const info = this.parse(out.Attributes);
      return { acquired: true, info, sentAt, created: info.fence === Number(input.ExpressionAttributeValues[":fenceBase"].N) + 1 };
    } catch (error) {
      if (!(error instanceof import_client_dynamodb.ConditionalCheckFailedException)) throw error;
      const holder = await this.holderFrom(error, lock, signal);
      const ourSentAt = holder && !holder.released && holder.owner === attempt.owner ? knownRecordVersions.get(holder.recordVersion) : void 0;
      if (holder && ourSentAt !== void 0) return { acquired: true, info: holder, sentAt: ourSentAt };
      return { acquired: false, holder, observedAt: clock.monotonicNow() };
    }
  }
  /** The acquire request; exported shape is asserted in tests. */
  acquireInput(lock, attempt) {
    const { clock, tableName, partitionKeyName } = this.options;
    const wallNow = clock.wallNow();
    const names = {
      "#pk": partitionKeyName,
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
      ":ttl": { N: String(this.ttlSeconds(wallNow + attempt.leaseMs)) },
      ":true": { BOOL: true },
      ":false": { BOOL: false },
      // A new item starts its fence from the wall clock in µs, so a lock deleted (TTL,
      // deleteOnRelease) and created again later still gets a larger token.
      ":fenceBase": { N: String(wallNow * 1e3) },
      ":one": { N: "1" }
    };
    let set = "#owner = :owner, #rvn = :rvn, #leaseMs = :leaseMs, #expiresAt = :expiresAt, #ttl = :ttl, #released = :false, #beat = :zero, #fence = if_not_exists(#fence, :fenceBase) + :one";
    let remove = "";
    if (attempt.data !== void 0) {
      names["#data"] = LOCK_ATTRIBUTES.data;
      values[":data"] = typeof attempt.data === "string" ? { S: attempt.data } : { B: attempt.data };
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
    return {
      TableName: tableName,
      Key: this.keyOf(lock),
      UpdateExpression: `SET ${set}${remove}`,
      ConditionExpression: grounds.join(" OR "),
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
      ReturnValues: "ALL_NEW",
      ReturnValuesOnConditionCheckFailure: "ALL_OLD"
    };
  }
  /**
   * Rotates the record version and extends the lease, only while the item still carries our
   * owner and fence and is not released. Conditioning on the fence (fixed for the grant) rather
   * than the rotating version makes a retried heartbeat whose first response was lost succeed.
   * `beat` numbers the grant's heartbeats: a late copy of an older one (a request the network
   * delivered after a newer heartbeat landed) is refused, so a record version never comes back —
   * a waiter that saw it before, missed the newer one and saw it again would count a lease from
   * the first sighting while the holder counts from its newer heartbeat.
   */
  async heartbeat(held, beat, leaseMs, data, deadlineMs) {
    const { clock } = this.options;
    const recordVersion = (0, import_node_crypto.randomUUID)();
    const wallNow = clock.wallNow();
    const sentAt = clock.monotonicNow();
    const names = {
      "#owner": LOCK_ATTRIBUTES.owner,
      "#fence": LOCK_ATTRIBUTES.fence,
      "#released": LOCK_ATTRIBUTES.released,
      "#rvn": LOCK_ATTRIBUTES.recordVersion,
      "#leaseMs": LOCK_ATTRIBUTES.leaseMs,
      "#expiresAt": LOCK_ATTRIBUTES.expiresAt,
      "#ttl": LOCK_ITEM_SCHEMA.ttlAttributeName,
      "#beat": LOCK_ATTRIBUTES.beat
    };
    const values = {
      ":owner": { S: held.owner },
      ":fence": { N: String(held.fence) },
      ":false": { BOOL: false },
      ":beat": { N: String(beat) },
      ":rvn": { S: recordVersion },
      ":leaseMs": { N: String(leaseMs) },
      ":expiresAt": { N: String(wallNow + leaseMs) },
      ":ttl": { N: String(this.ttlSeconds(wallNow + leaseMs)) }
    };
    let set = "#rvn = :rvn, #leaseMs = :leaseMs, #expiresAt = :expiresAt, #ttl = :ttl, #beat = :beat";
    if (data !== void 0) {
      names["#data"] = LOCK_ATTRIBUTES.data;
      values[":data"] = typeof data === "string" ? { S: data } : { B: data };
      set += ", #data = :data";
    }
    try {
      await this.send(new import_client_dynamodb.UpdateItemCommand({
        TableName: this.options.tableName,
        Key: this.keyOf(held),
        UpdateExpression: `SET ${set}`,
        ConditionExpression: "#owner = :owner AND #fence = :fence AND #released = :false AND (attribute_not_exists(#beat) OR #beat <= :beat)",
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        ReturnValuesOnConditionCheckFailure: "ALL_OLD"
      }), deadlineMs);
      return { recordVersion, sentAt, held: true };
    } catch (error) {
      if (!(error instanceof import_client_dynamodb.ConditionalCheckFailedException)) throw error;
      return { recordVersion, sentAt, held: false, holder: await this.holderFrom(error, held) };
    }
  }
  /**
   * Marks the item released (keeping it, so the fence survives) or deletes it, only while it
   * still carries our owner and fence. Resolves true when the lock is no longer held by us
   * through our own doing (including a retry after a lost response), false when a successor or
   * a deletion got there first — in which case nothing was written.
   */
  async release(held, opts) {
    const { clock, tableName, requestTimeoutMs } = this.options;
    const names = { "#owner": LOCK_ATTRIBUTES.owner, "#fence": LOCK_ATTRIBUTES.fence };
    const values = { ":owner": { S: held.owner }, ":fence": { N: String(held.fence) } };
    const condition = "#owner = :owner AND #fence = :fence";
    try {
      if (opts.deleteItem) {
        await this.send(new import_client_dynamodb.DeleteItemCommand({
          TableName: tableName,
          Key: this.keyOf(held),
          ConditionExpression: condition,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
          ReturnValuesOnConditionCheckFailure: "ALL_OLD"
        }), requestTimeoutMs);
        return true;
      }
      names["#released"] = LOCK_ATTRIBUTES.released;
      names["#ttl"] = LOCK_ITEM_SCHEMA.ttlAttributeName;
      values[":true"] = { BOOL: true };
      values[":ttl"] = { N: String(this.ttlSeconds(clock.wallNow())) };
      let set = "#released = :true, #ttl = :ttl";
      if (opts.data !== void 0) {
        names["#data"] = LOCK_ATTRIBUTES.data;
        values[":data"] = typeof opts.data === "string" ? { S: opts.data } : { B: opts.data };
        set += ", #data = :data";
      }
      await this.send(new import_client_dynamodb.UpdateItemCommand({
        TableName: tableName,
        Key: this.keyOf(held),
        UpdateExpression: `SET ${set}`,
        ConditionExpression: condition,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        ReturnValuesOnConditionCheckFailure: "ALL_OLD"
      }), requestTimeoutMs);
      return true;
    } catch (error) {
      if (!(error instanceof import_client_dynamodb.ConditionalCheckFailedException)) throw error;
      const current = await this.holderFrom(error, held);
      if (current === void 0) return opts.deleteItem;
      return false;
    }
  }
  /** ConsistentRead of one lock: lock decisions never rest on eventually consistent reads. */
  async read(lock, signal) {
    const out = await this.send(new import_client_dynamodb.GetItemCommand({
      TableName: this.options.tableName,
      Key: this.keyOf(lock),
      ConsistentRead: true
    }), this.options.requestTimeoutMs, signal);
    return this.parse(out.Item);
  }
  parse(item) {
    return parseLockInfo(item, { pk: this.options.partitionKeyName, ...this.options.sortKeyName !== void 0 && { sk: this.options.sortKeyName } });
  }
  /** TTL in epoch seconds: DynamoDB ignores TTL values in milliseconds (they look far in the future). */
  ttlSeconds(wallMs) {
    return Math.ceil((wallMs + this.options.ttlRetentionMs) / 1e3);
  }
  send(command, deadlineMs, signal) {
    return sendWithDeadline(this.ddb, command, deadlineMs, signal);
  }
  /** The item that made a condition fail: from the error (DynamoDB) or one ConsistentRead (dynalite). */
  async holderFrom(error, lock, signal) {
    if (error.Item) return this.parse(error.Item);
    return this.read(lock, signal);
  }
};

// runtime/src/client/ensure-table.ts
var import_client_dynamodb2 = require("@aws-sdk/client-dynamodb");
var ACTIVE_WAIT_MS = 5 * 6e4;
async function ensureTable(ddb, options) {
  const { tableName, partitionKeyName, sortKeyName, requestTimeoutMs } = options;
  const deadline = Math.max(requestTimeoutMs, 1e4);
  let created = false;
  if (!await describe2(ddb, tableName, deadline)) {
    const keySchema = [{ AttributeName: partitionKeyName, KeyType: "HASH" }];
    if (sortKeyName !== void 0) keySchema.push({ AttributeName: sortKeyName, KeyType: "RANGE" });
    try {
      await sendWithDeadline(ddb, new import_client_dynamodb2.CreateTableCommand({
        TableName: tableName,
        BillingMode: "PAY_PER_REQUEST",
        KeySchema: keySchema,
        AttributeDefinitions: keySchema.map((k) => ({ AttributeName: k.AttributeName, AttributeType: "S" }))
      }), deadline);
      created = true;
    } catch (error) {
      if (error.name !== "ResourceInUseException") throw error;
    }
  }
  const waitUntil = Date.now() + ACTIVE_WAIT_MS;
  while ((await describe2(ddb, tableName, deadline))?.Table?.TableStatus !== "ACTIVE") {
    if (Date.now() > waitUntil) throw new LockUnavailableError(`table ${tableName} did not become ACTIVE`);
    await sleep(250);
  }
  return { created, ttlEnabled: await enableTtl(ddb, tableName, deadline) };
}
async function describe2(ddb, tableName, deadline) {
  try {
    return await sendWithDeadline(ddb, new import_client_dynamodb2.DescribeTableCommand({ TableName: tableName }), deadline);
  } catch (error) {
    if (error instanceof LockTableNotFoundError) return void 0;
    throw error;
  }
}
async function enableTtl(ddb, tableName, deadline) {
  const attribute = LOCK_ITEM_SCHEMA.ttlAttributeName;
  try {
    const ttl = await sendWithDeadline(ddb, new import_client_dynamodb2.DescribeTimeToLiveCommand({ TableName: tableName }), deadline);
    const status = ttl.TimeToLiveDescription?.TimeToLiveStatus;
    if ((status === "ENABLED" || status === "ENABLING") && ttl.TimeToLiveDescription?.AttributeName === attribute) return true;
    await sendWithDeadline(ddb, new import_client_dynamodb2.UpdateTimeToLiveCommand({
      TableName: tableName,
      TimeToLiveSpecification: { AttributeName: attribute, Enabled: true }
    }), deadline);
    return true;
  } catch (error) {
    const name2 = error.name ?? "";
    if (/UnknownOperation|NotImplemented|UnrecognizedClient/.test(name2) || /TTL|TimeToLive/i.test(error.message ?? "")) return false;
    throw error;
  }
}

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
function acquireReporter(observers, clock, acquireId, lock, waitMs) {
  const started = clock.monotonicNow();
  const base = () => ({ key: lock.key, ...lock.sortKey !== void 0 && { sortKey: lock.sortKey }, at: clock.wallNow(), acquireId });
  notify(observers, { ...base(), type: "acquireStarted", waitMs });
  const waited = () => clock.monotonicNow() - started;
  return {
    outcome(result) {
      if ("lock" in result) {
        const { lock: held, attempts, contended, takeover } = result;
        notify(observers, { ...base(), type: "acquired", fence: held.fence, owner: held.owner, waitMs: waited(), attempts, contended, takeover });
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

// runtime/src/version.ts
var VERSION = "0.1.0";

// runtime/src/client/watch-memory.ts
var WatchMemory = class {
  constructor(capacity) {
    this.capacity = capacity;
  }
  capacity;
  entries = /* @__PURE__ */ new Map();
  /** Number of locks being watched. */
  get size() {
    return this.entries.size;
  }
  /** The watch on a lock, if any. */
  get(lock) {
    return this.entries.get(idOf(lock));
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
    const id = idOf(lock);
    this.entries.delete(id);
    if (watch === void 0 || this.capacity === 0) return;
    this.entries.set(id, watch);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value);
  }
  /** Ends the watch on a lock (we acquired it). */
  forget(lock) {
    this.entries.delete(idOf(lock));
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
function idOf(lock) {
  return lock.sortKey === void 0 ? lock.key : `${lock.key}\0${lock.sortKey}`;
}

// runtime/src/client/lock-client.ts
var LockClient = class {
  /** Owner identity this client writes into the items it holds. */
  ownerName;
  options;
  ddb;
  protocol;
  held = /* @__PURE__ */ new Set();
  /** What this client has watched, across calls (see {@link WatchMemory}). */
  watches;
  /** Numbers acquire calls for observers (their events interleave). */
  acquireIds = 0;
  closed = false;
  constructor(options) {
    this.options = resolveClientOptions(options);
    this.ddb = options.client ?? new import_client_dynamodb3.DynamoDBClient({ maxAttempts: 1, customUserAgent: [["ddb-lock", VERSION]] });
    this.protocol = new LockProtocol(this.ddb, this.options);
    this.ownerName = this.options.ownerName ?? defaultOwnerName();
    this.watches = new WatchMemory(this.options.maxWatchedLocks);
  }
  /** The DynamoDB client in use (for fenced writes and transactions). */
  get dynamoDb() {
    return this.ddb;
  }
  /** The DynamoDB primary key of a lock in this client's table. */
  keyOf(lock) {
    return this.protocol.keyOf(lock);
  }
  /** Locks this client holds now. */
  get heldLocks() {
    return [...this.held];
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
    const result = await this.acquireLoop(key, options, options.waitMs ?? this.leaseOf(options) + (options.pollMs ?? this.options.pollMs));
    if ("lock" in result) return result.lock;
    const { holder, retryAfterMs } = result;
    throw new LockBusyError(`lock ${key} is held by ${holder?.owner ?? "someone else"}; retry in ${Math.ceil(retryAfterMs)} ms`, key, holder?.owner, {
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
  /** ConsistentRead of one lock's item; `undefined` when there is none. */
  async getLock(key, options = {}) {
    checkKnownKeys("getLock options", options, ["sortKey"]);
    this.checkKey(key, options.sortKey);
    const lockKey = this.lockKey(key, options.sortKey);
    const info = await this.protocol.read(lockKey);
    this.watches.observe(lockKey, info, this.options.clock.monotonicNow());
    return info;
  }
  /**
   * Every lock item, paginated: a Query of one partition when `key` is given (tables with a sort
   * key), otherwise a Scan. ConsistentRead throughout.
   */
  async *listLocks(options = {}) {
    checkKnownKeys("listLocks options", options, ["key", "pageSize"]);
    if (options.key !== void 0) checkString("key", options.key, MAX_PARTITION_KEY_BYTES);
    checkDuration("pageSize", options.pageSize);
    const { tableName, partitionKeyName, requestTimeoutMs } = this.options;
    let startKey;
    do {
      const page = options.key !== void 0 ? await this.protocol.send(new import_client_dynamodb3.QueryCommand({
        TableName: tableName,
        ConsistentRead: true,
        ExclusiveStartKey: startKey,
        Limit: options.pageSize,
        KeyConditionExpression: "#pk = :pk",
        ExpressionAttributeNames: { "#pk": partitionKeyName },
        ExpressionAttributeValues: { ":pk": { S: options.key } }
      }), requestTimeoutMs) : await this.protocol.send(new import_client_dynamodb3.ScanCommand({
        TableName: tableName,
        ConsistentRead: true,
        ExclusiveStartKey: startKey,
        Limit: options.pageSize
      }), requestTimeoutMs);
      for (const item of page.Items ?? []) {
        const info = this.protocol.parse(item);
        if (info) yield info;
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey);
  }
  /**
   * Stops every heartbeat and, with `release` (default), releases every held lock — all of them
   * even when some releases fail (then LockCloseError with an AggregateError cause). Returns at
   * once when nothing is held: no sleeping timers to join.
   */
  async close(options = {}) {
    checkKnownKeys("close options", options, ["release"]);
    this.closed = true;
    const locks = [...this.held];
    if (options.release === false) {
      for (const lock of locks) lock.markLost("closed");
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
  /** Creates the table if missing (on-demand, this client's key schema), waits for ACTIVE, enables TTL where supported. */
  ensureTable() {
    return ensureTable(this.ddb, this.options);
  }
  /** The wait, with whatever ends it once the caller's signal aborted reported as LockAbortedError. */
  async acquireLoop(key, options, waitMs) {
    const { observers, clock } = this.options;
    const report = observers.length > 0 ? acquireReporter(observers, clock, ++this.acquireIds, this.lockKey(key, options.sortKey), waitMs) : void 0;
    try {
      const result = await this.waitForLock(key, options, waitMs);
      report?.outcome(result);
      return result;
    } catch (error) {
      const failure = options.signal?.aborted ? new LockAbortedError(`waiting for lock ${key} was aborted`, { cause: error }) : error;
      report?.failed(failure);
      throw failure;
    }
  }
  async waitForLock(key, options, waitMs) {
    const { clock } = this.options;
    const lockKey = this.lockKey(key, options.sortKey);
    const leaseMs = this.leaseOf(options);
    const pollMs = options.pollMs ?? this.options.pollMs;
    const started = clock.monotonicNow();
    const deadline = started + waitMs;
    const sentVersions = /* @__PURE__ */ new Map();
    let watched = this.watches.get(lockKey);
    let holder;
    let needWrite = true;
    let writes = 0;
    let contended = false;
    for (let attempt = 0; ; attempt++) {
      options.signal?.throwIfAborted();
      const now = clock.monotonicNow();
      const grounds = {
        ...watched && watchRemainingMs(watched, now) <= 0 && { observedRecordVersion: watched.recordVersion },
        ...options.reentrant && { reentrant: true },
        ...this.options.maxSkewMs !== void 0 && { expiredBefore: clock.wallNow() - this.options.maxSkewMs }
      };
      if (needWrite) {
        const recordVersion = (0, import_node_crypto2.randomUUID)();
        sentVersions.set(recordVersion, clock.monotonicNow());
        writes++;
        const outcome = await this.attempt(lockKey, options, cappedLease(leaseMs, options.maxLeaseMs), recordVersion, grounds, sentVersions);
        if (outcome.acquired) {
          this.watches.forget(lockKey);
          const lock = this.adopt(outcome.info, outcome.sentAt, leaseMs, options);
          return { lock, attempts: writes, contended, takeover: takeoverKind(grounds, holder, outcome.created ?? false) };
        }
        holder = outcome.holder;
      } else {
        holder = await this.protocol.read(lockKey, options.signal);
      }
      const observedAt = clock.monotonicNow();
      contended ||= holder !== void 0 && !holder.released;
      watched = nextWatch(watched, holder, observedAt);
      this.watches.remember(lockKey, watched);
      const eligibleIn = this.eligibleIn(holder, watched, options, observedAt);
      needWrite = eligibleIn <= 0;
      const remaining = deadline - observedAt;
      if (remaining <= 0) return { holder, retryAfterMs: Math.max(0, eligibleIn), attempts: writes };
      const pause = Math.min(remaining, eligibleIn <= 0 ? backoffMs(0, 10, 10) : Math.min(eligibleIn, backoffMs(attempt, pollMs / 4, pollMs)));
      await sleep(pause, options.signal);
      if (clock.monotonicNow() >= deadline) needWrite = true;
    }
  }
  /** Ms until an attempt could succeed on what we know; ≤ 0 means try now. */
  eligibleIn(holder, watched, options, now) {
    if (!holder || holder.released) return 0;
    if (options.reentrant && holder.owner === this.ownerName) return 0;
    let wait = watched ? watchRemainingMs(watched, now) : holder.leaseMs;
    if (this.options.maxSkewMs !== void 0) {
      wait = Math.min(wait, holder.expiresAt + this.options.maxSkewMs - this.options.clock.wallNow() + 1);
    }
    return wait;
  }
  async attempt(lockKey, options, leaseMs, recordVersion, grounds, sentVersions) {
    try {
      return await this.protocol.acquire(lockKey, {
        owner: this.ownerName,
        recordVersion,
        leaseMs,
        replaceData: options.replaceData ?? true,
        ...options.data !== void 0 && { data: options.data },
        ...grounds
      }, sentVersions, options.signal);
    } catch (error) {
      if (options.signal?.aborted) throw error;
      if (!(error instanceof LockUnavailableError) || !error.ambiguous) throw error;
      const current = await this.protocol.read(lockKey).catch(() => void 0);
      const sentAt = current && !current.released && current.owner === this.ownerName ? sentVersions.get(current.recordVersion) : void 0;
      if (current && sentAt !== void 0) return { acquired: true, info: current, sentAt };
      throw error;
    }
  }
  adopt(info, sentAt, requestedLeaseMs, options) {
    for (const old of this.held) {
      if (old.key === info.key && old.sortKey === info.sortKey) old.markLost("superseded");
    }
    const lock = new Lock({
      protocol: this.protocol,
      info,
      sentAt,
      requestedLeaseMs,
      deleteOnRelease: options.deleteOnRelease ?? false,
      autoHeartbeat: options.autoHeartbeat ?? true,
      ...options.renewWhile && { renewWhile: options.renewWhile },
      ...options.maxLeaseMs && { maxLeaseMs: options.maxLeaseMs },
      onClosed: (l) => this.held.delete(l)
    });
    if (options.onLost) lock.on("lost", options.onLost);
    if (options.onDanger) lock.on("danger", options.onDanger);
    this.held.add(lock);
    return lock;
  }
  leaseOf(options) {
    return options.leaseMs ?? this.options.leaseMs;
  }
  lockKey(key, sortKey) {
    return { key, ...sortKey !== void 0 && { sortKey } };
  }
  checkKey(key, sortKey) {
    checkString("key", key, MAX_PARTITION_KEY_BYTES);
    if (this.options.sortKeyName !== void 0) checkString("sortKey", sortKey, MAX_SORT_KEY_BYTES);
    else if (sortKey !== void 0) throw new LockValidationError("sortKey given but the client has no sortKeyName (partition-key-only table)");
  }
  checkAcquire(key, options) {
    if (this.closed) throw new LockValidationError("LockClient is closed");
    checkKnownKeys("acquire options", options, ACQUIRE_OPTION_NAMES);
    this.checkKey(key, options.sortKey);
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
      const { heartbeatMs, safetyMarginMs } = this.options;
      checkTiming(options.leaseMs, heartbeatMs, safetyMarginMs);
    }
  }
};
function defaultOwnerName() {
  return `${process.env.AWS_LAMBDA_FUNCTION_NAME ?? (0, import_node_os.hostname)()}#${(0, import_node_crypto2.randomUUID)().slice(0, 8)}`;
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

// runtime/src/middy/resolve-lock-key.ts
async function resolveLockKey(keyFn, event, context) {
  let result;
  try {
    result = await keyFn(event, context);
  } catch (error) {
    throw new LockValidationError(`withLock: the key function threw: ${error?.message ?? String(error)}`, { cause: error });
  }
  if (result !== null && typeof result === "object") {
    const { key, sortKey } = result;
    checkString("withLock key", key, MAX_PARTITION_KEY_BYTES);
    if (sortKey !== void 0) checkString("withLock sortKey", sortKey, MAX_SORT_KEY_BYTES);
    return { key, ...sortKey !== void 0 && { sortKey } };
  }
  checkString("withLock key", result, MAX_PARTITION_KEY_BYTES);
  return { key: result };
}

// runtime/src/middy/with-lock.ts
var OPTION_NAMES = [
  "client",
  "tableName",
  "leaseMs",
  "heartbeatMs",
  "trustWallClock",
  "observers",
  "waitMs",
  "whenBusy",
  "deadlineMarginMs",
  "whenLost",
  "data"
];
var LAMBDA_MAX_SKEW_MS = 1e3;
function withLock(keyFn, options = {}) {
  checkOptions(keyFn, options);
  const marginMs = options.deadlineMarginMs ?? 1e3;
  const invocations = /* @__PURE__ */ new WeakMap();
  let defaultClient;
  let capChecked = false;
  const client = () => {
    if (options.client) return options.client;
    if (defaultClient) return defaultClient;
    const tableName = options.tableName ?? process.env[LOCK_ITEM_SCHEMA.tableNameEnvVar];
    if (!tableName) {
      throw new LockValidationError(`withLock: no table name \u2014 set the ${LOCK_ITEM_SCHEMA.tableNameEnvVar} environment variable (DistributedLockTable.bindTo does) or pass { tableName }`);
    }
    const trustWallClock = options.trustWallClock ?? { maxSkewMs: LAMBDA_MAX_SKEW_MS };
    defaultClient = new LockClient({
      tableName,
      ...options.leaseMs !== void 0 && { leaseMs: options.leaseMs },
      ...options.heartbeatMs !== void 0 && { heartbeatMs: options.heartbeatMs },
      ...trustWallClock !== false && { trustWallClock },
      ...options.observers !== void 0 && { observers: options.observers }
    });
    return defaultClient;
  };
  const before = async (request) => {
    invocations.delete(request);
    const locks = client();
    if (!capChecked) {
      checkCapFits(locks, options.leaseMs, marginMs);
      capChecked = true;
    }
    const { key, sortKey } = await resolveLockKey(keyFn, request.event, request.context);
    const data = options.data?.(request.event, request.context);
    const budget = remainingMs(request.context) - marginMs;
    if (budget <= marginMs) {
      throw new LockDeadlineError(`withLock: only ${Math.max(0, budget + marginMs)} ms left in the invocation; refusing to start a critical section (deadlineMarginMs ${marginMs})`);
    }
    const invocation = { context: request.context, controller: new AbortController(), active: true };
    let lock;
    try {
      lock = await locks.acquire(key, {
        ...sortKey !== void 0 && { sortKey },
        waitMs: Math.min(options.waitMs ?? 0, budget - marginMs),
        ...options.client && options.leaseMs !== void 0 && { leaseMs: options.leaseMs },
        ...data !== void 0 && { data },
        renewWhile: () => invocation.active && remainingMs(invocation.context) > marginMs,
        // The lease never outlives the invocation: a killed environment's lock expires by then.
        maxLeaseMs: () => remainingMs(invocation.context),
        onLost: (error) => lose(invocation, error)
      });
    } catch (error) {
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
    request.context.lock = lockContext(invocation, lock, locks);
    const untilDeadline = remainingMs(request.context) - marginMs;
    if (Number.isFinite(untilDeadline)) {
      invocation.deadlineTimer = setTimeout(() => {
        lose(invocation, new LockDeadlineError(`withLock: invocation deadline (remaining time \u2212 ${marginMs} ms) reached; lock ${key} released`));
        invocation.releasing = lock.release().catch(() => void 0);
      }, Math.max(0, untilDeadline));
      invocation.deadlineTimer.unref?.();
    }
    return void 0;
  };
  const end = async (request) => {
    const invocation = invocations.get(request);
    if (!invocation) return void 0;
    await finish(invocation);
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
async function finish(invocation) {
  invocation.active = false;
  clearTimeout(invocation.deadlineTimer);
  const lock = invocation.lock;
  if (invocation.releasing) {
    await invocation.releasing;
    return;
  }
  try {
    const released = await lock.release();
    if (!released) lose(invocation, new LockLostError(`lock ${lock.key} was lost during the invocation`, lock.key, "stolen"));
  } catch (error) {
    console.warn(`withLock: releasing ${lock.key} failed; it expires within one lease`, error);
  }
}
function lose(invocation, error) {
  invocation.lost ??= error;
  invocation.controller.abort(error);
}
function lockContext(invocation, lock, client) {
  return {
    key: lock.key,
    sortKey: lock.sortKey,
    fence: lock.fence,
    get data() {
      return lock.data;
    },
    signal: invocation.controller.signal,
    isValid: () => !invocation.controller.signal.aborted && lock.isValid(),
    lock,
    client
  };
}
function checkCapFits(client, leaseOption, deadlineMarginMs) {
  const { heartbeatMs, safetyMarginMs } = client.options;
  const leaseMs = leaseOption ?? client.options.leaseMs;
  if (heartbeatMs > 0 && heartbeatMs * safetyMarginMs > deadlineMarginMs * (leaseMs - safetyMarginMs)) {
    throw new LockValidationError(
      `withLock: heartbeatMs (${heartbeatMs}) \xD7 safetyMarginMs (${safetyMarginMs}) must not exceed deadlineMarginMs (${deadlineMarginMs}) \xD7 (leaseMs \u2212 safetyMarginMs) (${leaseMs - safetyMarginMs}): near the end of an invocation the lease is capped by the remaining time and would run out before the deadline; raise deadlineMarginMs or shorten heartbeatMs`
    );
  }
}
function remainingMs(context) {
  return typeof context?.getRemainingTimeInMillis === "function" ? context.getRemainingTimeInMillis() : Number.POSITIVE_INFINITY;
}
function checkOptions(keyFn, options) {
  if (typeof keyFn !== "function") throw new LockValidationError("withLock: the first argument must be a function (event, context) => key");
  checkKnownKeys("withLock options", options, OPTION_NAMES);
  for (const name2 of ["leaseMs", "heartbeatMs", "deadlineMarginMs"]) checkDuration(name2, options[name2]);
  checkDuration("waitMs", options.waitMs, true);
  if (options.client !== void 0 && !(options.client instanceof LockClient)) throw new LockValidationError("withLock: client must be a LockClient");
  if (options.client !== void 0 && ["tableName", "heartbeatMs", "trustWallClock", "observers"].some((name2) => options[name2] !== void 0)) {
    throw new LockValidationError("withLock: tableName, heartbeatMs, trustWallClock and observers configure the default client; set them on the LockClient you pass");
  }
  const trust = options.trustWallClock;
  if (trust !== void 0 && trust !== false) {
    if (typeof trust !== "object" || trust === null) throw new LockValidationError("withLock: trustWallClock must be false or { maxSkewMs }");
    checkKnownKeys("withLock trustWallClock", trust, ["maxSkewMs"]);
    checkDuration("trustWallClock.maxSkewMs", trust.maxSkewMs, true);
    if (trust.maxSkewMs === void 0) throw new LockValidationError("withLock: trustWallClock needs maxSkewMs");
  }
  if (options.tableName !== void 0 && (typeof options.tableName !== "string" || options.tableName === "")) {
    throw new LockValidationError("withLock: tableName must be a non-empty string");
  }
  for (const name2 of ["whenBusy", "whenLost"]) {
    const value = options[name2];
    const literal = name2 === "whenBusy" ? "throw" : "fail";
    if (value !== void 0 && value !== literal && typeof value !== "function") {
      throw new LockValidationError(`withLock: ${name2} must be '${literal}' or a function`);
    }
  }
  if (options.data !== void 0 && typeof options.data !== "function") throw new LockValidationError("withLock: data must be a function (event, context) => data");
}

// integ-tests/handlers/locker.mts
var import_promises = require("node:timers/promises");
var handler = core_default(async (event) => {
  await (0, import_promises.setTimeout)(event.holdMs);
  return { acquired: true };
}).use(withLock((event) => event.key, {
  leaseMs: 1e4,
  whenBusy: () => ({ acquired: false })
}));
// Annotate the CommonJS export names for ESM import in node:
0 && (module.exports = {
  handler
});
