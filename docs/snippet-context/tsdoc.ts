// biome-ignore-all lint/correctness/noUnusedImports: a context's names are used by the snippets it is prepended to
// biome-ignore-all lint/correctness/noUnusedVariables: a context's names are used by the snippets it is prepended to
// Context of every TSDoc @example (implicit: an example is read on its symbol's API page). One declaration a
// line; the check adds a line only when the example uses that name and neither imports nor declares it.
// Public exports of @ddb-lock/runtime are imported the same way, from their entry point.

import { BatchProcessor, EventType } from '@aws-lambda-powertools/batch';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import middy from '@middy/core';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';

declare const client: import('@ddb-lock/runtime').LockClient;
declare const lock: import('@ddb-lock/runtime').Lock;
declare const ddb: import('@aws-sdk/client-dynamodb').DynamoDBClient;
declare const logger: import('@aws-lambda-powertools/logger').Logger;
declare const tracer: import('@aws-lambda-powertools/tracer').Tracer;
declare const metrics: import('@aws-lambda-powertools/metrics').Metrics;
declare const event: { customerId: string };
declare const context: import('aws-lambda').Context;
declare const record: import('aws-lambda').SQSRecord;
declare const error: import('@ddb-lock/runtime').LockBusyError;
declare const info: import('@ddb-lock/runtime').LockInfo;
declare const item: Record<string, import('@aws-sdk/client-dynamodb').AttributeValue>;
declare const watch: import('@ddb-lock/runtime/admin').Watch;
declare const span: { attributes: Record<string, unknown> };
declare const processor: import('@aws-lambda-powertools/batch').BatchProcessor;
declare const recordHandler: (record: import('aws-lambda').SQSRecord) => Promise<void>;
declare function ledgerUpdate(...input: unknown[]): import('@aws-sdk/client-dynamodb').UpdateItemCommandInput;
declare function byCustomer(input: { customerId: string } | import('aws-lambda').SQSRecord): string;
declare function bill(input: unknown, options?: { signal?: AbortSignal } | import('@ddb-lock/runtime').LockView): Promise<void>;
declare function save(input: unknown, options: { fence: number; signal?: AbortSignal }): Promise<void>;
declare function handle(event: unknown): Promise<unknown>;
declare function charge(event: unknown, context?: unknown): Promise<unknown>;
declare function chargeCustomer(options: { fence: number; signal: AbortSignal }): Promise<void>;
declare function doWork(options?: { signal: AbortSignal }): Promise<void>;
declare function abandonWork(reason?: unknown): void;
declare function retryLater(reason: unknown): void;
declare function log(...args: unknown[]): void;
declare const locks: import('@ddb-lock/runtime').LockClient;
declare const election: import('@ddb-lock/runtime/election').Election;
declare const host: string;
declare const signal: AbortSignal;
declare const key: string;
declare const shutdown: AbortController;
declare function runOnce(term: { fence: number; signal: AbortSignal }): Promise<void>;
declare function runScheduler(term: import('@ddb-lock/runtime').Lock): Promise<void>;
declare function tick(fence: number, signal: AbortSignal): Promise<void>;
declare const semaphore: import('@ddb-lock/runtime/semaphore').Semaphore;
declare function callPartner(options: { fence: number; signal: AbortSignal }): Promise<void>;
declare function callPartnerApi(...args: unknown[]): Promise<unknown>;
