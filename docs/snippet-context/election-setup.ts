// biome-ignore-all lint/correctness/noUnusedVariables: a context's names are used by the snippets it is prepended to
// Context "election-setup": what a service has before it campaigns: its host name, a signal that ends its life,
// a shutdown controller, and the work a leader repeats.
declare const host: string;
declare const signal: AbortSignal;
declare const shutdown: AbortController;
declare function runOnce(options: { fence: number; signal: AbortSignal }): Promise<void>;
