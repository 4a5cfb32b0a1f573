// Context "cron": the job a cron recipe runs under its lock.
async function runReport(options: { signal: AbortSignal; fence: number }): Promise<void> {
  console.log(`report written under fence ${options.fence}; aborted: ${options.signal.aborted}`);
}
