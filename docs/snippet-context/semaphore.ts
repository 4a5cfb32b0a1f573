// biome-ignore-all lint/correctness/noUnusedImports: a context's names are used by the snippets it is prepended to
// biome-ignore-all lint/correctness/noUnusedVariables: a context's names are used by the snippets it is prepended to
// Context "semaphore": the partner API a semaphore limits, and the order type its handler gets.
type Order = { orderId: string; customerId: string };
declare const partner: { submit(order: Order, options: { signal: AbortSignal }): Promise<void> };
declare function callPartner(options: { fence: number; signal: AbortSignal }): Promise<void>;
