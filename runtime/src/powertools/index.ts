export { defaultLockName, type LockNameFn } from '../observe/lock-name.js';
export { POWERTOOLS_LOG_KEYS, type PowertoolsObserverOptions, powertoolsObserver } from './powertools-observer.js';
