import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { expect, it, jest } from '@jest/globals';
import { FetchHttpHandler } from '@smithy/fetch-http-handler';
import { requestAbort } from '../../../src/protocol/request-abort.js';

// Pure unit tests of which abort switch a client gets, and of the plain one's behaviour. That
// the SDK's handlers really abort a request with it is shown on real sockets in
// integration/protocol/request-deadline.

const region = 'us-east-1';
const credentials = { accessKeyId: 'x', secretAccessKey: 'x' };

it("the SDK's Node handler gets a plain signal, which is no EventTarget (the cheap path)", () => {
  const request = requestAbort(new DynamoDBClient({ region, credentials }));
  expect(request.signal).not.toBeInstanceOf(AbortSignal);
  expect(request.signal.aborted).toBe(false);
});

it('the fetch handler, and a handler we do not know, get a real AbortSignal: fetch() accepts no other', () => {
  const fetching = requestAbort(new DynamoDBClient({ region, credentials, requestHandler: new FetchHttpHandler() }));
  expect(fetching.signal).toBeInstanceOf(AbortSignal);
  const custom = { handle: async () => ({ response: undefined }), metadata: { handlerProtocol: 'custom' } };
  const unknown = requestAbort(new DynamoDBClient({ region, credentials, requestHandler: custom as never }));
  expect(unknown.signal).toBeInstanceOf(AbortSignal);
  unknown.abort(new Error('deadline'));
  expect(unknown.aborted).toBe(true);
  expect((unknown.reason as Error).message).toBe('deadline');
});

it('aborting the plain signal calls each listener and onabort once, with the reason set before', () => {
  const request = requestAbort(new DynamoDBClient({ region, credentials }));
  const signal = request.signal as AbortSignal & { onabort: (() => void) | null };
  const seen: string[] = [];
  const first = jest.fn(() => seen.push(`first ${String(signal.reason)}`));
  const removed = jest.fn();
  signal.addEventListener('abort', first, { once: true });
  signal.addEventListener('abort', removed);
  signal.removeEventListener('abort', removed);
  signal.onabort = () => seen.push(`onabort ${String(signal.aborted)}`);
  request.abort('late');
  request.abort('again');
  expect(seen).toEqual(['first late', 'onabort true']);
  expect(removed).not.toHaveBeenCalled();
  expect(request.reason).toBe('late');
  expect(() => signal.throwIfAborted()).toThrow('late');
});
