export { defaultLockName, type LockNameFn } from '../observe/lock-name.js';
export { defaultMeter, LOCK_ATTRIBUTES, type OtelObserverOptions, otelObserver } from './otel-observer.js';
