/** Promise-based pause; the bench's loops are all bounded by a deadline or a count. */
export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
