/**
 * Plain text columns, padded to the widest cell: what `ls` and `watch` print for people.
 *
 * @example
 * ```ts
 * renderTable(['KEY', 'FENCE'], [['job', '42']]); // "KEY  FENCE\njob  42"
 * ```
 */
export function renderTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(headers), ...rows.map(line)].join('\n');
}
