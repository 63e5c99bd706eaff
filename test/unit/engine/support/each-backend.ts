// One suite, run against both store backends. The PostgreSQL run is skipped, with the reason
// printed, only when PostgreSQL does not answer (CI starts it).
import { describe } from 'vitest';
import type { Backend } from './real-store.ts';
import { postgresUnavailable } from './postgres.ts';

// vitest collects suites synchronously: whether PostgreSQL answers is known before the file's suites are.
const postgresMissing = (await postgresUnavailable()) !== undefined;

export function describeEachBackend(name: string, suite: (backend: Backend) => void): void {
  describe(`${name} (sqlite)`, () => suite('sqlite'));
  describe.skipIf(postgresMissing)(`${name} (postgres)`, () => suite('postgres'));
}
