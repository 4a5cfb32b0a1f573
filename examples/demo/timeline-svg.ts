/**
 * One bar of the timeline: an invocation on a lock key.
 *
 * @example
 * ```ts
 * const bar: TimelineBar = { row: 'customer#a', start: 0, end: 250, label: 'fence …07', kind: 'held' };
 * ```
 */
export interface TimelineBar {
  readonly row: string;
  /** Milliseconds since the demo started. */
  readonly start: number;
  readonly end: number;
  readonly label: string;
  /** waited: queued for the lock; held: ran under the lock; failed: busy, lost, timed out or killed. */
  readonly kind: 'waited' | 'held' | 'failed';
}

const COLORS = { waited: '#d9d9d9', held: '#4c9be8', failed: '#e8694c' } as const;

/**
 * A self-contained SVG of which invocation held which lock when: one row per key, one bar per
 * invocation, fencing tokens on the bars.
 *
 * @example
 * ```ts
 * writeFileSync('timeline.svg', timelineSvg(bars, 'ddb-lock demo'));
 * ```
 */
export function timelineSvg(bars: readonly TimelineBar[], title: string): string {
  const rows = [...new Set(bars.map((b) => b.row))].sort();
  const endMs = Math.max(1, ...bars.map((b) => b.end));
  const left = 130,
    width = 900,
    rowHeight = 34,
    top = 50;
  const x = (ms: number) => left + (ms / endMs) * width;
  const height = top + rows.length * rowHeight + 50;
  const esc = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${left + width + 30}" height="${height}" font-family="sans-serif" font-size="11">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="${left}" y="22" font-size="15" font-weight="bold">${esc(title)}</text>`,
  ];
  rows.forEach((row, i) => {
    const y = top + i * rowHeight;
    parts.push(
      `<text x="8" y="${y + 20}">${esc(row)}</text>`,
      `<line x1="${left}" x2="${left + width}" y1="${y + rowHeight}" y2="${y + rowHeight}" stroke="#eee"/>`,
    );
    // Waiting bars first, so a queued invocation never hides the one holding the lock.
    const order = { waited: 0, failed: 1, held: 2 } as const;
    for (const bar of bars.filter((b) => b.row === row).sort((a, b) => order[a.kind] - order[b.kind])) {
      const w = Math.max(2, x(bar.end) - x(bar.start));
      const inset = bar.kind === 'waited' ? 10 : 4;
      parts.push(
        `<rect x="${x(bar.start).toFixed(1)}" y="${y + inset}" width="${w.toFixed(1)}"` +
          ` height="${rowHeight - 2 * inset}" fill="${COLORS[bar.kind]}"` +
          ` stroke="white"><title>${esc(bar.label)}</title></rect>`,
      );
      if (bar.kind !== 'waited' && w > 7 * bar.label.length)
        parts.push(`<text x="${(x(bar.start) + 2).toFixed(1)}" y="${y + 21}" fill="white" font-size="10">${esc(bar.label)}</text>`);
    }
  });
  for (let s = 0; s <= endMs / 1000; s++) {
    parts.push(`<text x="${x(s * 1000)}" y="${height - 25}" text-anchor="middle" fill="#666">${s}s</text>`);
  }
  const legend = Object.entries(COLORS).map(
    ([k, c], i) =>
      `<rect x="${left + i * 110}" y="${height - 15}" width="12" height="10" fill="${c}"/><text` +
      ` x="${left + i * 110 + 16}" y="${height - 6}">${k}</text>`,
  );
  parts.push(...legend, '</svg>');
  return parts.join('\n');
}
