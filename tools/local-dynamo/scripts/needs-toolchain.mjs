#!/usr/bin/env node
// `needs-toolchain --suite <name> --enable <how> <command>... -- <program> [args]`: runs the
// program when every command (python3, java, mvn, go, …) is on PATH. Otherwise prints one line,
// "<name> skipped: <how>", and passes — except under CI=true, where the suite is required and a
// missing command fails it. The same rule as the moto suites (skipOrRequire).
import { spawnSync } from 'node:child_process';
import { missingCommands, skipOrRequire } from '@ddb-lock/local-dynamo';

const args = process.argv.slice(2);
const split = args.indexOf('--');
const option = (name) => {
  const at = args.indexOf(name);
  return at >= 0 && at < split ? args[at + 1] : undefined;
};
const suite = option('--suite');
const enable = option('--enable');
const commands = args.slice(0, split).filter((arg, i, all) => !arg.startsWith('--') && !all[i - 1]?.startsWith('--'));
const program = args.slice(split + 1);
if (split < 0 || !suite || !enable || commands.length === 0 || program.length === 0) {
  console.error('usage: needs-toolchain --suite <name> --enable <how> <command>... -- <program> [args]');
  process.exit(64);
}
let skip;
try {
  skip = skipOrRequire({ suite, requirement: `${commands.join(', ')} for the ${suite}`, missing: missingCommands(commands), enable });
} catch (error) {
  console.error(`${suite} FAILED: ${error.message}`);
  process.exit(1);
}
if (skip) {
  console.log(skip);
  process.exit(0);
}
const result = spawnSync(program[0], program.slice(1), { stdio: 'inherit' });
if (result.error) {
  console.error(`${suite} FAILED: ${result.error.message}`);
  process.exit(1);
}
process.exit(result.status ?? 1);
