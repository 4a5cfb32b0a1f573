import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';

/**
 * The owner written by a client without `ownerName`: where the process runs, so an operator who
 * finds a stuck lock at 3 a.m. knows which process to look at, plus a random suffix that keeps
 * two clients of one process apart (a client recognises its own writes by owner).
 * - Lambda: `lambda:<function name>:<log stream>`; the log stream names the execution
 *   environment, and it is where that environment's logs are.
 * - ECS (task metadata v4, Fargate): `ecs:<task id>`, the id `aws ecs describe-tasks` takes.
 * - Anywhere else: `<host name>:<pid>`.
 * For one request's trail, put a request id in the lock's `data` (`ls` and `inspect` show it).
 *
 * @example
 * ```ts
 * defaultOwnerName({ AWS_LAMBDA_FUNCTION_NAME: 'report', AWS_LAMBDA_LOG_STREAM_NAME: '2026/12/07/[$LATEST]0a1b' });
 * // "lambda:report:2026/12/07/[$LATEST]0a1b#3f2c9e1d"
 * ```
 */
export function defaultOwnerName(env: Readonly<Record<string, string | undefined>> = process.env, pid = process.pid): string {
  return `${processIdentity(env, pid)}#${randomUUID().slice(0, 8)}`;
}

function processIdentity(env: Readonly<Record<string, string | undefined>>, pid: number): string {
  const fn = env.AWS_LAMBDA_FUNCTION_NAME;
  if (fn) return env.AWS_LAMBDA_LOG_STREAM_NAME ? `lambda:${fn}:${env.AWS_LAMBDA_LOG_STREAM_NAME}` : `lambda:${fn}`;
  const taskId = ecsTaskId(env.ECS_CONTAINER_METADATA_URI_V4);
  if (taskId) return `ecs:${taskId}`;
  return `${hostname()}:${pid}`;
}

/**
 * The task id in a v4 metadata URI, read without a request (a client is built synchronously):
 * on Fargate the path is `/v4/<32-hex task id>-<container number>`. On the EC2 launch type the
 * path holds a container id instead: then undefined, and the host name and pid are used.
 */
function ecsTaskId(uri: string | undefined): string | undefined {
  return uri?.match(/\/v4\/([0-9a-f]{32})-\d+\/?$/)?.[1];
}
