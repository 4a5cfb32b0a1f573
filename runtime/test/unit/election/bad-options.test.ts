import { afterEach, expect, it, jest } from '@jest/globals';
import { Election } from '../../../src/election/index.js';
import { LockValidationError } from '../../../src/index.js';
import { electionTable } from './election-table.js';

afterEach(() => {
  jest.useRealTimers();
});

it('bad options are refused with LockValidationError before any request', async () => {
  const table = electionTable();
  const { client, mock } = table.candidate('me');
  const refused = [
    () => new Election(client, ''),
    () => new Election(client, 'x', { leaseMs: -1 }),
    () => new Election(client, 'x', { pollMs: 0 }),
    () => new Election(client, 'x', { leaseMs: 1_000 }), // heartbeatMs 2 s does not fit in it
    () => new Election(client, 'x', { sortKey: 'a' }), // table without a sort key
    () => new Election(client, 'x', { data: 42 as never }),
    () => new Election(client, 'x', { bogus: 1 } as never),
    () => new Election({} as never, 'x'),
  ];
  for (const make of refused) expect(make).toThrow(LockValidationError);
  const election = new Election(client, 'x');
  await expect(election.campaign({ waitMs: 5 } as never)).rejects.toBeInstanceOf(LockValidationError);
  await expect(election.campaign({ signal: 'no' as never })).rejects.toBeInstanceOf(LockValidationError);
  await expect(election.lead('not a function' as never)).rejects.toBeInstanceOf(LockValidationError);
  await expect(election.lead(async () => undefined, { pollMs: 5 } as never)).rejects.toBeInstanceOf(LockValidationError);
  expect(() => election.observe({ pollMs: -5 })).toThrow(LockValidationError);
  expect(() => election.observe({ data: 'x' } as never)).toThrow(LockValidationError);
  expect(mock.calls()).toHaveLength(0);
});
