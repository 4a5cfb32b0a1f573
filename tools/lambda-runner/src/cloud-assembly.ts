import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * What the local runner needs of one synthesized Lambda function.
 *
 * @example
 * ```ts
 * const fn = readFunction('cdk.out', { stack: 'DdbLockExample' });
 * console.log(fn.bundleDir, fn.handler, fn.timeoutMs);
 * ```
 */
export interface SynthesizedFunction {
  readonly logicalId: string;
  /** Folder of the esbuild asset in the cloud assembly. */
  readonly bundleDir: string;
  /** `file.export`, e.g. `index.handler`. */
  readonly handler: string;
  readonly timeoutMs: number;
  readonly runtime: string;
  readonly memoryMb: number;
  /** Environment from the template; `{ Ref: table }` values are returned as `${ref:LogicalId}`. */
  readonly environment: Record<string, string>;
}

/**
 * A DynamoDB table's key schema from the template (TableV2 synthesizes AWS::DynamoDB::GlobalTable).
 *
 * @example
 * ```ts
 * const { partitionKey } = readTable('cdk.out', { stack: 'DdbLockExample' });
 * ```
 */
export interface SynthesizedTable {
  readonly logicalId: string;
  readonly partitionKey: string;
  readonly sortKey?: string;
  readonly ttlAttribute?: string;
}

/** A synthesized template's JSON, read field by field where the runner needs one (CloudFormation's schema is not typed here). */
// biome-ignore lint/suspicious/noExplicitAny: untyped CloudFormation JSON; each field read is checked by the suites that use the runner
type TemplateJson = any;
type Template = {
  Resources: Record<string, { Type: string; Properties: Record<string, TemplateJson>; Metadata?: Record<string, TemplateJson> }>;
};

/** Reads a stack's template from a cloud assembly (cdk.out). */
export function readTemplate(assemblyDir: string, stack: string): Template {
  const file = readdirSync(assemblyDir).find((f) => f === `${stack}.template.json`);
  if (!file) throw new Error(`no template for stack ${stack} in ${assemblyDir}`);
  return JSON.parse(readFileSync(join(assemblyDir, file), 'utf8')) as Template;
}

/** The stack's one Lambda function built from a local asset (or the one whose logical ID starts with `prefix`). */
export function readFunction(assemblyDir: string, options: { stack: string; prefix?: string }): SynthesizedFunction {
  const template = readTemplate(assemblyDir, options.stack);
  const candidates = Object.entries(template.Resources).filter(
    ([id, r]) => r.Type === 'AWS::Lambda::Function' && r.Metadata?.['aws:asset:path'] && (!options.prefix || id.startsWith(options.prefix)),
  );
  if (candidates.length !== 1)
    throw new Error(`expected one bundled function in ${options.stack}, found ${candidates.map(([id]) => id).join(', ') || 'none'}`);
  const [logicalId, resource] = candidates[0]!;
  const p = resource.Properties;
  const environment: Record<string, string> = {};
  for (const [name, value] of Object.entries<TemplateJson>(p.Environment?.Variables ?? {})) {
    environment[name] = typeof value === 'string' ? value : value?.Ref ? `\${ref:${value.Ref}}` : JSON.stringify(value);
  }
  return {
    logicalId,
    bundleDir: join(assemblyDir, resource.Metadata!['aws:asset:path']),
    handler: p.Handler,
    timeoutMs: (p.Timeout ?? 3) * 1000,
    runtime: p.Runtime,
    memoryMb: p.MemorySize ?? 128,
    environment,
  };
}

/** The stack's one DynamoDB table. */
export function readTable(assemblyDir: string, options: { stack: string }): SynthesizedTable {
  const template = readTemplate(assemblyDir, options.stack);
  const tables = Object.entries(template.Resources).filter(
    ([, r]) => r.Type === 'AWS::DynamoDB::GlobalTable' || r.Type === 'AWS::DynamoDB::Table',
  );
  if (tables.length !== 1) throw new Error(`expected one table in ${options.stack}, found ${tables.length}`);
  const [logicalId, resource] = tables[0]!;
  const keys = resource.Properties.KeySchema as Array<{ AttributeName: string; KeyType: string }>;
  const sortKey = keys.find((k) => k.KeyType === 'RANGE')?.AttributeName;
  const ttlAttribute = resource.Properties.TimeToLiveSpecification?.AttributeName;
  return {
    logicalId,
    partitionKey: keys.find((k) => k.KeyType === 'HASH')!.AttributeName,
    ...(sortKey !== undefined && { sortKey }),
    ...(ttlAttribute !== undefined && { ttlAttribute }),
  };
}

/**
 * An SQS event source mapping of a function, with the queue it reads.
 *
 * @example
 * ```ts
 * const esm = readSqsEventSource('cdk.out', { stack: 'DdbLockExample', functionPrefix: 'BatchWorker' });
 * const queue = new LocalQueue({ visibilityTimeoutMs: esm.queue.visibilityTimeoutMs });
 * ```
 */
export interface SynthesizedSqsEventSource {
  readonly batchSize: number;
  readonly reportBatchItemFailures: boolean;
  readonly queue: {
    readonly logicalId: string;
    readonly fifo: boolean;
    readonly visibilityTimeoutMs: number;
    readonly maxReceiveCount?: number;
  };
}

/** The SQS event source mapping of the function whose logical ID starts with `functionPrefix`. */
export function readSqsEventSource(assemblyDir: string, options: { stack: string; functionPrefix: string }): SynthesizedSqsEventSource {
  const { Resources } = readTemplate(assemblyDir, options.stack);
  const mappings = Object.values(Resources).filter(
    (r) => r.Type === 'AWS::Lambda::EventSourceMapping' && String(r.Properties.FunctionName?.Ref ?? '').startsWith(options.functionPrefix),
  );
  if (mappings.length !== 1) throw new Error(`expected one event source mapping for ${options.functionPrefix}, found ${mappings.length}`);
  const p = mappings[0]!.Properties;
  const queueId = p.EventSourceArn?.['Fn::GetAtt']?.[0] as string;
  const queue = Resources[queueId];
  if (queue?.Type !== 'AWS::SQS::Queue') throw new Error(`the event source of ${options.functionPrefix} is not an SQS queue`);
  const maxReceiveCount = queue.Properties.RedrivePolicy?.maxReceiveCount as number | undefined;
  return {
    // Lambda's default batch size for SQS is 10.
    batchSize: p.BatchSize ?? 10,
    reportBatchItemFailures: (p.FunctionResponseTypes ?? []).includes('ReportBatchItemFailures'),
    queue: {
      logicalId: queueId,
      fifo: queue.Properties.FifoQueue === true,
      visibilityTimeoutMs: (queue.Properties.VisibilityTimeout ?? 30) * 1000,
      ...(maxReceiveCount !== undefined && { maxReceiveCount }),
    },
  };
}
