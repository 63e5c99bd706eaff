// The PostgreSQL the tests run against (CI starts it; see .ci/run): each store a test opens gets a
// fresh schema of its own, dropped when the test file ends. Where PostgreSQL does not answer, the
// tests that need it are skipped and say why.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll } from 'vitest';

/** `RINGSIDE_TEST_DATABASE_URL`, or the project machines' PostgreSQL (trust authentication, database `test`). */
export const TEST_DATABASE_URL = process.env.RINGSIDE_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

let answer: Promise<string | undefined> | undefined;

/** Undefined when PostgreSQL answers at TEST_DATABASE_URL; else why not (printed once). */
export function postgresUnavailable(): Promise<string | undefined> {
  answer ??= (async () => {
    const client = new pg.Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 3000 });
    try {
      await client.connect();
      await client.query('SELECT 1');
      return undefined;
    } catch (error) {
      const reason = `skipped: PostgreSQL does not answer at ${TEST_DATABASE_URL.replace(/\/\/[^@/]*@/, '//')} (${(error as Error).message})`;
      console.warn(reason);
      return reason;
    } finally {
      await client.end().catch(() => undefined);
    }
  })();
  return answer;
}

const schemas: string[] = [];
afterAll(async () => {
  if (schemas.length === 0) return;
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  for (const schema of schemas.splice(0)) await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await client.end();
});

/** A new schema name, dropped (with its tables) after the test file. */
export function freshSchema(): string {
  const schema = `ringside_test_${randomBytes(6).toString('hex')}`;
  schemas.push(schema);
  return schema;
}
