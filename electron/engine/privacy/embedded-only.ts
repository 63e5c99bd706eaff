// On PostgreSQL (several engines sharing one store) a number's records and the retention job are not
// available yet: both work on the embedded SQLite tables directly (privacy-sql.ts). The console's
// operations answer 501 with why, rather than acting on a store they cannot reach.
import { ApiError } from '../../../shared/api.ts';
import type { NumberRecords } from './records.ts';

/** Why: the one sentence the console and the start-up log show. */
export const EMBEDDED_STORE_ONLY = 'erasure, export by number and retention need the embedded store (SQLite) in this version; this engine runs on PostgreSQL';

/** What the console asks of a number's records; on PostgreSQL each answers ApiError 501. */
export type NumberRecordsApi = Pick<NumberRecords, 'find' | 'export' | 'erase'>;

export function recordsUnavailable(): NumberRecordsApi {
  const refuse = (): never => {
    throw new ApiError(501, EMBEDDED_STORE_ONLY);
  };
  return { find: refuse, export: refuse, erase: refuse };
}
