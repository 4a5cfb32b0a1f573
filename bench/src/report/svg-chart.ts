/**
 * Hand-written SVG bar charts: horizontal bars (long library names fit on the left), one group
 * per row label, one bar per series, min–max whiskers from the repeated runs. No dependencies,
 * readable in any browser and on GitHub.
 */
export interface Bar {
  readonly series: string;
  readonly value: number;
  readonly min?: number;
  readonly max?: number;
  /** Shown instead of a bar when `value` is not a number (default "n/a"). */
  readonly missing?: string;
}
export interface BarGroup {
  readonly label: string;
  readonly bars: readonly Bar[];
}
export interface ChartSpec {
  readonly title: string;
  readonly unit: string;
  readonly groups: readonly BarGroup[];
  /** Series in legend order; colours follow this order. */
  readonly series: readonly string[];
  /** Vertical reference lines, e.g. a target or the lease. */
  readonly refLines?: readonly { readonly value: number; readonly label: string }[];
  /** Bars stacked per group instead of side by side (whiskers ignored). */
  readonly stacked?: boolean;
}

const COLOURS = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f'];
const WIDTH = 900;
const LEFT = 300;
const RIGHT = 90;
const BAR = 14;
const GAP = 12;
const TOP = 44;

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const num = (v: number) => (Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(2));

/** A round upper bound for the axis: 1, 2 or 5 × 10^k. */
function niceMax(v: number): number {
  if (!(v > 0)) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  return [1, 2, 5, 10].map((m) => m * p).find((c) => c >= v)!;
}

export function barChart(spec: ChartSpec): string {
  const finite = (v: number | undefined) => (v !== undefined && Number.isFinite(v) ? v : 0);
  const rowHeight = (g: BarGroup) => (spec.stacked ? BAR : Math.max(1, g.bars.length) * BAR);
  const top = spec.groups.flatMap((g) =>
    spec.stacked ? [g.bars.reduce((a, b) => a + finite(b.value), 0)] : g.bars.map((b) => Math.max(finite(b.value), finite(b.max))),
  );
  const max = niceMax(Math.max(...top, ...(spec.refLines ?? []).map((r) => r.value)));
  const plot = WIDTH - LEFT - RIGHT;
  const x = (v: number) => LEFT + (Math.max(0, v) / max) * plot;
  const colour = (series: string) => COLOURS[Math.max(0, spec.series.indexOf(series)) % COLOURS.length];
  const height = TOP + spec.groups.reduce((a, g) => a + rowHeight(g) + GAP, 0) + 60;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}"` +
      ' font-family="Helvetica, Arial, sans-serif" font-size="12">',
    `<rect width="100%" height="100%" fill="#fff"/>`,
    `<text x="${WIDTH / 2}" y="22" text-anchor="middle" font-size="15" font-weight="bold">${esc(spec.title)}</text>`,
  ];
  const bottom = height - 50;
  for (let i = 0; i <= 5; i++) {
    const v = (max * i) / 5;
    out.push(
      `<line x1="${x(v)}" y1="${TOP - 6}" x2="${x(v)}" y2="${bottom}" stroke="#ddd"/>`,
      `<text x="${x(v)}" y="${bottom + 14}" text-anchor="middle" fill="#555">${num(v)}</text>`,
    );
  }
  out.push(`<text x="${LEFT + plot / 2}" y="${bottom + 30}" text-anchor="middle" fill="#333">${esc(spec.unit)}</text>`);
  let y = TOP;
  for (const group of spec.groups) {
    const h = rowHeight(group);
    out.push(`<text x="${LEFT - 8}" y="${y + h / 2 + 4}" text-anchor="end">${esc(group.label)}</text>`);
    let stackAt = 0;
    group.bars.forEach((bar, i) => {
      const v = finite(bar.value);
      if (spec.stacked) {
        out.push(
          `<rect x="${x(stackAt)}" y="${y}" width="${x(stackAt + v) - x(stackAt)}" height="${BAR - 2}"` +
            ` fill="${colour(bar.series)}"><title>${esc(`${bar.series}: ${num(v)}`)}</title></rect>`,
        );
        stackAt += v;
        return;
      }
      const by = y + i * BAR;
      if (!Number.isFinite(bar.value)) {
        out.push(`<text x="${LEFT + 4}" y="${by + BAR - 3}" fill="#999">${esc(bar.missing ?? 'n/a')}</text>`);
        return;
      }
      out.push(
        `<rect x="${LEFT}" y="${by}" width="${x(v) - LEFT}" height="${BAR - 2}"` +
          ` fill="${colour(bar.series)}"><title>${esc(`${bar.series}: ${num(v)}`)}</title></rect>`,
      );
      let labelAt = x(v);
      if (bar.min !== undefined && bar.max !== undefined && Number.isFinite(bar.min) && Number.isFinite(bar.max) && bar.max > bar.min) {
        const my = by + (BAR - 2) / 2;
        out.push(
          `<line x1="${x(bar.min)}" y1="${my}" x2="${x(bar.max)}" y2="${my}" stroke="#222"/>`,
          `<line x1="${x(bar.min)}" y1="${my - 4}" x2="${x(bar.min)}" y2="${my + 4}" stroke="#222"/>`,
          `<line x1="${x(bar.max)}" y1="${my - 4}" x2="${x(bar.max)}" y2="${my + 4}" stroke="#222"/>`,
        );
        labelAt = Math.max(labelAt, x(bar.max));
      }
      out.push(`<text x="${labelAt + 4}" y="${by + BAR - 3}" fill="#333">${num(v)}</text>`);
    });
    if (spec.stacked) out.push(`<text x="${x(stackAt) + 4}" y="${y + BAR - 3}" fill="#333">${num(stackAt)}</text>`);
    y += h + GAP;
  }
  for (const ref of spec.refLines ?? []) {
    out.push(
      `<line x1="${x(ref.value)}" y1="${TOP - 6}" x2="${x(ref.value)}" y2="${bottom}" stroke="#c00" stroke-dasharray="5,3"/>`,
      `<text x="${x(ref.value) + 3}" y="${TOP - 10}" fill="#c00">${esc(ref.label)}</text>`,
    );
  }
  let lx = LEFT;
  for (const series of spec.series) {
    out.push(
      `<rect x="${lx}" y="${height - 16}" width="10" height="10" fill="${colour(series)}"/>`,
      `<text x="${lx + 14}" y="${height - 7}">${esc(series)}</text>`,
    );
    lx += 24 + series.length * 7;
  }
  out.push('</svg>');
  return out.join('\n');
}
