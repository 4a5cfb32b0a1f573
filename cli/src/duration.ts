import { InvalidArgumentError } from 'commander';

const UNITS_MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 } as const;
const DURATION = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/;

/**
 * Parses a duration flag such as `30s`, `500ms`, `2m` or `1.5h` into milliseconds. A unit is
 * required (a bare `30` is ambiguous), except for a bare `0`, which is zero in every unit (as Go's
 * durations and `consul lock` accept it); the result must be a whole number of milliseconds.
 * Throws commander's InvalidArgumentError, which the CLI reports as a usage error (exit 64).
 *
 * @example
 * ```ts
 * parseDuration('2m'); // 120000
 * parseDuration('0'); // 0: `--wait 0` does not wait
 * ```
 */
export function parseDuration(text: string): number {
  if (text.trim() === '0') return 0;
  const match = DURATION.exec(text.trim());
  if (!match) throw new InvalidArgumentError(`"${text}" is not a duration: use a number and a unit, e.g. 500ms, 30s, 2m, 1h`);
  const ms = Number(match[1]) * UNITS_MS[match[2] as keyof typeof UNITS_MS];
  if (!Number.isSafeInteger(ms)) throw new InvalidArgumentError(`"${text}" is not a whole number of milliseconds`);
  return ms;
}

/**
 * Formats milliseconds for people: `850ms`, `12.5s`, `3m20s`.
 *
 * @example
 * ```ts
 * formatDuration(12_500); // "12.5s"
 * ```
 */
export function formatDuration(ms: number): string {
  const sign = ms < 0 ? '-' : '';
  const abs = Math.abs(ms);
  if (abs < 1_000) return `${sign}${Math.round(abs)}ms`;
  if (abs < 60_000) return `${sign}${(abs / 1_000).toFixed(1).replace(/\.0$/, '')}s`;
  const minutes = Math.floor(abs / 60_000);
  const seconds = Math.round((abs % 60_000) / 1_000);
  return `${sign}${minutes}m${seconds > 0 ? `${seconds}s` : ''}`;
}
