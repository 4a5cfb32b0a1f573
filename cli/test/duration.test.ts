import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InvalidArgumentError } from 'commander';
import { formatDuration, parseDuration } from '../src/duration.js';

test('parseDuration reads a number and a unit', () => {
  assert.equal(parseDuration('500ms'), 500);
  assert.equal(parseDuration('30s'), 30_000);
  assert.equal(parseDuration('2m'), 120_000);
  assert.equal(parseDuration('1.5h'), 5_400_000);
  assert.equal(parseDuration('0s'), 0);
  assert.equal(parseDuration('0.5s'), 500);
  // A bare 0 is unambiguous (zero in every unit): `--wait 0` means do not wait.
  assert.equal(parseDuration('0'), 0);
  assert.equal(parseDuration(' 0 '), 0);
});

test('parseDuration refuses anything else, naming the input', () => {
  for (const bad of ['30', '00', '0.0', '', 's', '-1s', '1 s', '1d', '1e3ms', '1.5ms', 'Infinitys', '30sec', '99999999999999999h']) {
    assert.throws(
      () => parseDuration(bad),
      (e: Error) => e instanceof InvalidArgumentError && e.message.includes(`"${bad}"`),
      bad,
    );
  }
});

test('formatDuration is short and readable', () => {
  assert.equal(formatDuration(850), '850ms');
  assert.equal(formatDuration(12_500), '12.5s');
  assert.equal(formatDuration(20_000), '20s');
  assert.equal(formatDuration(200_000), '3m20s');
  assert.equal(formatDuration(120_000), '2m');
});
