/**
 * Fails when Biome's JSON report holds any finding at all.
 *
 * `biome ci --error-on-warnings` fails on errors and warnings but passes info-level findings
 * (e.g. useLiteralKeys, useTemplate, useNodejsImportProtocol), and the repo's rule is zero
 * findings. Biome prints them itself (its default reporter); this only turns them into a failure.
 *
 * @example
 * // npm run lint runs it as (see projenrc/lint.ts):
 * // biome ci --reporter=default --reporter=json --reporter-file=.cache/biome-report.json
 * // tsx tools/check-biome-report.ts .cache/biome-report.json
 */
import { readFileSync } from 'node:fs';

interface BiomeReport {
  readonly summary: { readonly errors: number; readonly warnings: number; readonly infos: number };
}

const reportFile = process.argv[2];
if (reportFile === undefined) throw new Error('usage: check-biome-report <biome JSON report>');
const { errors, warnings, infos } = (JSON.parse(readFileSync(reportFile, 'utf8')) as BiomeReport).summary;
const findings = errors + warnings + infos;
if (findings > 0) {
  console.error(`biome: ${findings} findings (${errors} errors, ${warnings} warnings, ${infos} infos); the rule is zero.`);
  console.error('Fix them (npm run lint:fix writes the safe fixes and the formatting) or explain a biome-ignore.');
  process.exitCode = 1;
}
