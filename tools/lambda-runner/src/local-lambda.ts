import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { SynthesizedFunction } from './cloud-assembly.ts';

/**
 * How one invocation ended.
 *
 * @example
 * ```ts
 * const r: InvocationResult = await fn.invoke({ customerId: 'c1' });
 * if (r.status === 'timeout') console.log('killed at', r.durationMs);
 * ```
 */
export interface InvocationResult {
  readonly status: 'ok' | 'error' | 'timeout' | 'crashed';
  readonly result?: unknown;
  readonly error?: { errorType: string; errorMessage: string };
  readonly sandbox: number;
  readonly coldStart: boolean;
  readonly startedAt: number;
  /** When the handler was called (after any cold start), on the environment's clock. */
  readonly invokedAt?: number;
  readonly durationMs: number;
}

type Outcome = Omit<InvocationResult, 'sandbox' | 'coldStart' | 'startedAt' | 'durationMs'>;

interface Sandbox {
  readonly id: number;
  readonly child: ChildProcess;
  readonly ready: Promise<number>;
  busy: boolean;
  frozen: boolean;
}

const HOST = fileURLToPath(new URL('./sandbox-host.cjs', import.meta.url));

/**
 * Runs a synthesized function's real bundle the way Lambda does: one invocation at a time per
 * execution environment (a child Node process), new environments for concurrent invocations
 * (cold starts), `getRemainingTimeInMillis()` from the template's Timeout, the environment killed
 * at the timeout, and frozen (SIGSTOP) between invocations so nothing runs while idle and stale
 * timers fire only in the next invocation. No AWS account, no Docker.
 *
 * With a `dynamoEndpoint` the bundle's SDK talks to that server with fake credentials; without
 * one it gets this process's standard AWS environment (credentials, profile, Region), as a
 * function in the account would, so the same invocations run against real DynamoDB.
 *
 * @example
 * ```ts
 * const fn = new LocalLambda(readFunction('cdk.out', { stack: 'DdbLockExample' }), { DDB_LOCK_TABLE_NAME: 'locks' }, endpoint);
 * const result = await fn.invoke({ customerId: 'c1' });
 * await fn.close();
 * ```
 */
export class LocalLambda {
  private readonly sandboxes: Sandbox[] = [];
  private nextId = 1;
  /**
   * Embedded-metric-format lines the function printed, parsed — what CloudWatch would turn into
   * metrics. Other output goes to this process's stdout, as Lambda sends it to the log group.
   */
  readonly metrics: Array<Record<string, unknown>> = [];

  constructor(
    readonly fn: SynthesizedFunction,
    private readonly environment: Record<string, string>,
    private readonly dynamoEndpoint: string | undefined,
  ) {}

  /** Number of execution environments started so far (cold starts). */
  get coldStarts(): number {
    return this.nextId - 1;
  }

  /**
   * Invokes the function once; never rejects — the result says how it ended. `newEnvironment`
   * starts a fresh execution environment even when an idle one exists (Lambda routes an
   * invocation to any environment; a dead one's successor is usually another).
   */
  async invoke(event: unknown, options: { onStart?: (sandbox: number) => void; newEnvironment?: boolean } = {}): Promise<InvocationResult> {
    let sandbox = options.newEnvironment ? undefined : this.sandboxes.find((s) => !s.busy);
    const coldStart = sandbox === undefined;
    sandbox ??= this.start();
    sandbox.busy = true;
    await sandbox.ready.catch(() => undefined);
    if (sandbox.frozen) {
      sandbox.child.kill('SIGCONT');
      sandbox.frozen = false;
    }
    const startedAt = Date.now();
    const deadline = startedAt + this.fn.timeoutMs;
    const id = randomUUID();
    options.onStart?.(sandbox.id);
    const outcome = await new Promise<Outcome>((resolve) => {
      const child = sandbox!.child;
      const onMessage = (m: { type: string; id?: string; invokedAt?: number; result?: unknown; error?: InvocationResult['error'] }) => {
        if (m.type !== 'result' || m.id !== id) return;
        const invokedAt = m.invokedAt!;
        done(m.error ? { status: 'error', error: m.error, invokedAt } : { status: 'ok', result: m.result, invokedAt });
      };
      const onExit = () => done({ status: 'crashed' });
      // Lambda's hard timeout: the environment is killed, pending work and finally blocks never run.
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        done({ status: 'timeout' });
      }, this.fn.timeoutMs);
      const done = (r: Outcome) => {
        clearTimeout(timer);
        child.off('message', onMessage);
        child.off('exit', onExit);
        resolve(r);
      };
      child.on('message', onMessage);
      child.once('exit', onExit);
      child.send({ type: 'invoke', id, requestId: id, event, deadline });
    });
    const durationMs = Date.now() - startedAt;
    if (outcome.status === 'ok' || outcome.status === 'error') {
      // Between invocations Lambda freezes the environment: no timer of ours may run.
      sandbox.child.kill('SIGSTOP');
      sandbox.frozen = true;
      sandbox.busy = false;
    } else {
      this.remove(sandbox);
    }
    return { ...outcome, sandbox: sandbox.id, coldStart, startedAt, durationMs };
  }

  /** Kills the environment running an invocation now, as an out-of-memory kill would. */
  crash(sandboxId: number): void {
    const sandbox = this.sandboxes.find((s) => s.id === sandboxId);
    sandbox?.child.kill('SIGKILL');
  }

  /** Kills every environment. */
  async close(): Promise<void> {
    await Promise.all(
      this.sandboxes.map(
        (s) =>
          new Promise<void>((resolve) => {
            if (s.child.exitCode !== null || s.child.signalCode !== null) return resolve();
            s.child.once('exit', () => resolve());
            s.child.kill('SIGKILL');
          }),
      ),
    );
    this.sandboxes.length = 0;
  }

  private start(): Sandbox {
    const id = this.nextId++;
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      ...this.environment,
      AWS_LAMBDA_FUNCTION_NAME: this.fn.logicalId,
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(this.fn.memoryMb),
      ...(this.dynamoEndpoint === undefined
        ? awsEnvironment()
        : {
            AWS_REGION: 'us-east-1',
            AWS_ACCESS_KEY_ID: 'local',
            AWS_SECRET_ACCESS_KEY: 'local',
            AWS_ENDPOINT_URL_DYNAMODB: this.dynamoEndpoint,
            AWS_EC2_METADATA_DISABLED: 'true',
          }),
      NODE_OPTIONS: '--enable-source-maps',
    };
    const child = spawn(process.execPath, [`--max-old-space-size=${this.fn.memoryMb}`, HOST, this.fn.bundleDir, this.fn.handler], {
      stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
      env,
    });
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const emf = parseEmf(line);
      if (emf) this.metrics.push(emf);
      else process.stdout.write(`${line}\n`);
    });
    const ready = new Promise<number>((resolve, reject) => {
      child.once('message', (m: { type: string; initMs?: number; error?: { errorMessage: string } }) => {
        if (m.type === 'ready') resolve(m.initMs!);
        else reject(new Error(`init failed: ${m.error?.errorMessage}`));
      });
      child.once('exit', () => reject(new Error('environment exited during init')));
    });
    ready.catch(() => undefined);
    const sandbox: Sandbox = { id, child, ready, busy: false, frozen: false };
    child.once('exit', () => this.remove(sandbox));
    this.sandboxes.push(sandbox);
    return sandbox;
  }

  private remove(sandbox: Sandbox): void {
    const at = this.sandboxes.indexOf(sandbox);
    if (at >= 0) this.sandboxes.splice(at, 1);
  }
}

/** An EMF line (a JSON object with `_aws.CloudWatchMetrics`), or undefined for any other line. */
function parseEmf(line: string): Record<string, unknown> | undefined {
  if (!line.startsWith('{') || !line.includes('"CloudWatchMetrics"')) return undefined;
  try {
    const parsed = JSON.parse(line) as Record<string, unknown> & { _aws?: unknown };
    return parsed._aws ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** Where real credentials and the Region come from in this process: passed on to the bundle. */
const AWS_VARIABLES = [
  'AWS_REGION',
  'AWS_DEFAULT_REGION',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_PROFILE',
  'AWS_CONFIG_FILE',
  'AWS_SHARED_CREDENTIALS_FILE',
  'AWS_ENDPOINT_URL',
  'AWS_ENDPOINT_URL_DYNAMODB',
  'AWS_EC2_METADATA_DISABLED',
  'HOME',
];

function awsEnvironment(): Record<string, string> {
  return Object.fromEntries(AWS_VARIABLES.flatMap((name) => (process.env[name] === undefined ? [] : [[name, process.env[name]!]])));
}
