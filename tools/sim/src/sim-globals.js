// Injected into every simulated copy of the runtime (see runtime-bundle.ts): the globals the
// runtime reads time, timers and randomness from, routed to the simulated process that owns this
// copy. The copy is loaded as `index.js?slot=N`; slot N's environment is set by the world
// before each scenario (globalThis.__ddbLockSim[N]).
const slot = Number(new URL(import.meta.url).searchParams.get('slot'));
const env = () => globalThis.__ddbLockSim[slot];

export function setTimeout(fn, ms, ...args) {
  return env().setTimeout(fn, ms, ...args);
}
export function clearTimeout(timer) {
  env().clearTimeout(timer);
}
// The election's `lead` holds the process open with an interval while a term runs.
export function setInterval(fn, ms, ...args) {
  return env().setInterval(fn, ms, ...args);
}
export function clearInterval(timer) {
  env().clearTimeout(timer);
}
export function sim_performance_now() {
  return env().monotonicNow();
}
export function sim_date_now() {
  return env().wallNow();
}
export function sim_math_random() {
  return env().random();
}
export function sim_random_uuid() {
  return env().uuid();
}
