// biome-ignore-all lint/correctness/noUnusedImports: a context's names are used by the snippets it is prepended to
// biome-ignore-all lint/correctness/noUnusedVariables: a context's names are used by the snippets it is prepended to
// Context "cron": the job a cron recipe runs under its lock.
async function runReport(options: { signal: AbortSignal; fence: number }): Promise<void> {
  console.log(`report written under fence ${options.fence}; aborted: ${options.signal.aborted}`);
}
