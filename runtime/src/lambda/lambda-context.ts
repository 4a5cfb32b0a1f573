/**
 * The Lambda Node.js runtime's invocation context, declared here so that the package's types
 * need no `@types/aws-lambda` (which is nobody's dependency: a user's project may not have it, and
 * with `skipLibCheck: false` a type import of it would fail there). Structurally the same as
 * `Context` of `@types/aws-lambda`, so either is accepted wherever the other is expected.
 *
 * @example
 * ```ts
 * import type { LambdaContext } from '@ddb-lock/runtime/middy';
 *
 * const log = (context: LambdaContext) => console.log(context.awsRequestId, context.getRemainingTimeInMillis());
 * ```
 */
export interface LambdaContext {
  callbackWaitsForEmptyEventLoop: boolean;
  functionName: string;
  functionVersion: string;
  invokedFunctionArn: string;
  memoryLimitInMB: string;
  awsRequestId: string;
  logGroupName: string;
  logStreamName: string;
  identity?: { cognitoIdentityId: string; cognitoIdentityPoolId: string } | undefined;
  clientContext?:
    | {
        client: { installationId: string; appTitle: string; appVersionName: string; appVersionCode: string; appPackageName: string };
        // biome-ignore lint/suspicious/noExplicitAny: the runtime's own type for the caller's custom data
        custom?: any;
        env: { platformVersion: string; platform: string; make: string; model: string; locale: string };
      }
    | undefined;
  tenantId?: string | undefined;
  /** Milliseconds left before Lambda stops the invocation (0: none left). */
  getRemainingTimeInMillis(): number;
  /** @deprecated The runtime's callback of old (Node.js 0.10); return or throw instead. */
  done(error?: Error, result?: unknown): void;
  /** @deprecated The runtime's callback of old (Node.js 0.10); throw instead. */
  fail(error: Error | string): void;
  /** @deprecated The runtime's callback of old (Node.js 0.10); return instead. */
  succeed(messageOrObject: unknown): void;
  /** @deprecated The runtime's callback of old (Node.js 0.10); return instead. */
  succeed(message: string, object: unknown): void;
}

/**
 * What the lock's Lambda integrations read of the context: the time left. Tests and local calls
 * can pass just this.
 *
 * @example
 * ```ts
 * const context: RemainingTime = { getRemainingTimeInMillis: () => 30_000 };
 * ```
 */
export type RemainingTime = Pick<LambdaContext, 'getRemainingTimeInMillis'>;
