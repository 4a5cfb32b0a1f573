// biome-ignore-all lint/correctness/noUnusedImports: a context's names are used by the snippets it is prepended to
// biome-ignore-all lint/correctness/noUnusedVariables: a context's names are used by the snippets it is prepended to
// Context "app": the application's own code that a recipe calls (billing, reports, handlers). Declarations
// only: snippets with this context are type-checked, not run.
type Order = { customerId: string; amount: number };
type Event = { customerId: string };
declare function chargeCustomer(customerId: string, options: { signal: AbortSignal }): Promise<void>;
declare function bill(order: Order, options: { signal: AbortSignal } | import('@ddb-lock/runtime').LockView): Promise<void>;
declare function byCustomer(record: import('aws-lambda').SQSRecord): string;
declare function ok(event: Event): Promise<{ statusCode: number; body: string }>;
declare function charge(event: import('aws-lambda').APIGatewayProxyEvent): Promise<{ statusCode: number; body: string }>;
declare function work(event: Event): Promise<void>;
declare const url: string;
