import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';

/**
 * Invokes the locker function CONTENDERS times at once on one fresh key and reports how many
 * got the lock. Mutual exclusion means exactly one winner: every contender starts while the
 * winner still holds the lock (holdMs is far longer than the invocations take to start).
 */
const CONTENDERS = 8;
const client = new LambdaClient({});

export async function handler(_event: unknown, context: { awsRequestId: string }): Promise<{ contenders: number; winners: number }> {
  const payload = JSON.stringify({ key: `race/${context.awsRequestId}`, holdMs: 5000 });
  const results = await Promise.all(
    Array.from({ length: CONTENDERS }, async () => {
      const out = await client.send(
        new InvokeCommand({
          FunctionName: process.env.LOCKER_FUNCTION_NAME!,
          Payload: new TextEncoder().encode(payload),
        }),
      );
      if (out.FunctionError) throw new Error(`locker failed: ${new TextDecoder().decode(out.Payload)}`);
      return JSON.parse(new TextDecoder().decode(out.Payload)) as { acquired: boolean };
    }),
  );
  return { contenders: CONTENDERS, winners: results.filter((r) => r.acquired).length };
}
