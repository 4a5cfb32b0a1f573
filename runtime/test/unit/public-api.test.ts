import { describe, expect, it, jest } from '@jest/globals';
import * as admin from '../../src/admin/index.js';
import * as runtime from '../../src/index.js';
import { grantEveryWrite, mockedClient } from './support.js';

// The public API is deliberate: what the client and a held lock keep for themselves (options,
// the grant, markLost, the protocol, the watch rule) is reachable neither from the package's
// entry point nor from a public member. The mock: no server is needed to look at objects.

describe('internals are module-private', () => {
  it('@ddb-lock/runtime exports no internal', () => {
    for (const name of [
      'LockProtocol',
      'releaseGrant',
      'nextWatch',
      'watchRemainingMs',
      'WatchMemory',
      'resolveClientOptions',
      'DEFAULTS',
    ]) {
      expect(Object.keys(runtime)).not.toContain(name);
    }
  });

  it('a LockClient and a Lock expose no options, protocol, grant or markLost', async () => {
    const { mock, client } = mockedClient();
    grantEveryWrite(mock);
    const lock = await client.acquire('job');
    for (const name of ['options', 'protocol', 'watches', 'ddb', 'ensureTable', 'getLock', 'listLocks']) {
      expect(name in client).toBe(false);
    }
    for (const name of ['markLost', 'grant', 'protocol', 'assertUsable']) {
      expect(name in lock).toBe(false);
    }
    await lock.release();
    jest.useRealTimers();
  });

  it('operator functions live on @ddb-lock/runtime/admin', () => {
    expect(Object.keys(admin).sort()).toEqual([
      'clientSettings',
      'ensureTable',
      'getLock',
      'listLocks',
      'nextWatch',
      'releaseGrant',
      'watchRemainingMs',
    ]);
  });
});
