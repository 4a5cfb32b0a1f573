import type { BenchResults } from '../results.js';

/** Human label of a contender id, as the report and charts show it. */
export function labelOf(results: Pick<BenchResults, 'contenders'>, id: string): string {
  return results.contenders.find((c) => c.id === id)?.label ?? id;
}
