// @ddb-lock/runtime/semaphore — a counting semaphore: N permits, each an ordinary lock. Its own
// subpath, so bundles that only take locks do not carry it.

// The permit key scheme, for tools that show a semaphore (the CLI's ls / inspect / release).
export { permitKey, permitOf, type SemaphorePermit } from '../protocol/permit-key.js';
export type { PermitOptions, SemaphoreOptions } from './permit-options.js';
export { type ResizeSemaphoreOptions, resizeSemaphore } from './resize-semaphore.js';
export { type PermitHolder, Semaphore } from './semaphore.js';
export { SemaphoreSizeError } from './semaphore-size-error.js';
