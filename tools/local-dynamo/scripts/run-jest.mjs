// Runs jest on some test folders with an environment and resolves to its exit code (shared by
// the extra passes of `npm test`: the real-DynamoDB path and the moto server).
import { spawn } from 'node:child_process';

/** @param {string[]} args @param {NodeJS.ProcessEnv} env @returns {Promise<number>} */
export function runJest(args, env) {
  // `npm run` puts node_modules/.bin on PATH.
  const jest = spawn('jest', args, { stdio: 'inherit', env: { ...env, NODE_OPTIONS: '--experimental-vm-modules' } });
  return new Promise((resolve) => {
    jest.once('error', (error) => {
      console.error('could not start jest:', error.message);
      resolve(1);
    });
    jest.once('exit', (c, signal) => resolve(c ?? (signal ? 1 : 0)));
  });
}

/**
 * The test folders named on the command line; none is a usage error (a pass over nothing would pass).
 * @param {string} command @returns {string[]}
 */
export function testFolders(command) {
  const folders = process.argv.slice(2);
  if (folders.length === 0) {
    console.error(`usage: ${command} <test folder>...`);
    process.exit(2);
  }
  return folders;
}
