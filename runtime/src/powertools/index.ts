export { powertoolsObserver, POWERTOOLS_LOG_KEYS, type PowertoolsObserverOptions } from './powertools-observer.js';
export { defaultLockName, type LockNameFn } from '../observe/lock-name.js';
