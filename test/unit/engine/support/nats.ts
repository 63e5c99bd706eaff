// The NATS the cluster tests run against (CI starts it; see .ci/run). Each test file's engines
// use subjects of their own, so files running at once never hear each other.
import { randomBytes } from 'node:crypto';
import { connect } from '@nats-io/transport-node';

/** `RINGSIDE_TEST_NATS_URL`, or the project machines' NATS with JetStream. */
export const TEST_NATS_URL = process.env.RINGSIDE_TEST_NATS_URL ?? 'nats://127.0.0.1:4222';

let answer: Promise<string | undefined> | undefined;

/** Undefined when NATS answers at TEST_NATS_URL; else why not (printed once). */
export function natsUnavailable(): Promise<string | undefined> {
  answer ??= (async () => {
    try {
      const nc = await connect({ servers: TEST_NATS_URL, timeout: 3000, maxReconnectAttempts: 0 });
      await nc.close();
      return undefined;
    } catch (error) {
      const reason = `skipped: NATS does not answer at ${TEST_NATS_URL} (${(error as Error).message})`;
      console.warn(reason);
      return reason;
    }
  })();
  return answer;
}

/** Subjects of a cluster of its own. */
export const freshPrefix = () => `ringside-test-${randomBytes(6).toString('hex')}`;
