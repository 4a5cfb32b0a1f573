export { defaultMeter, LOCK_ATTRIBUTES, otelObserver, type OtelObserverOptions } from './otel-observer.js';
export { defaultLockName, type LockNameFn } from '../observe/lock-name.js';
