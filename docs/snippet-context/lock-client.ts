// biome-ignore-all lint/correctness/noUnusedVariables: a context's names are used by the snippets it is prepended to
// Context "lock-client": a LockClient named `locks`, as the guides make it.
declare const locks: import('@ddb-lock/runtime').LockClient;
