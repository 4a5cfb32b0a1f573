/** The local DynamoDB-compatible servers the toolkit can start. */
export type LocalServerName = 'dynalite' | 'moto';

/**
 * A DynamoDB-compatible server running on 127.0.0.1, started by this toolkit.
 *
 * @example
 * ```ts
 * const local: LocalDynamo = await startLocalServer('moto');
 * const ddb = new DynamoDBClient({ endpoint: local.endpoint, region: 'us-east-1', credentials: FAKE_CREDENTIALS });
 * await local.stop();
 * ```
 */
export interface LocalDynamo {
  /** Which implementation answers. */
  readonly server: LocalServerName;
  /** `http://127.0.0.1:PORT`. */
  readonly endpoint: string;
  /** Stops the server (and its process, for moto); resolves once it is gone. */
  stop(): Promise<void>;
}

/**
 * Static fake credentials for SDK clients pointed at a local server, so the SDK never walks the
 * credential chain (which ends at the EC2 metadata address).
 *
 * @example
 * ```ts
 * new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: FAKE_CREDENTIALS });
 * ```
 */
export const FAKE_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' } as const;
