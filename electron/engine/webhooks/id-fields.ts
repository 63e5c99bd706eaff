// Ids in a delivery go through the same check as a stream's call id (shared/call-id.ts), so a
// call is refused, or kept and found again, the same way whichever way it arrives.
import { callIdProblem, MAX_CALL_ID_CHARS } from '../../../shared/call-id.ts';
import { reject, type RejectedDelivery } from './types.ts';

/**
 * A 400 naming the first field whose id cannot be kept (e.g. `{"data.call_id": "…", "data.id": "…"}`),
 * or undefined when every present id is fine. The call id and the event id both make the dedupe key.
 */
export function refuseUnusableIds(ids: Record<string, string | undefined>): RejectedDelivery | undefined {
  for (const [field, id] of Object.entries(ids)) {
    const problem = id === undefined ? undefined : callIdProblem(id);
    if (problem) {
      return reject(400, `${field} is not a usable id: ${problem}. Ids are at most ${MAX_CALL_ID_CHARS} characters of well-formed text without control characters`);
    }
  }
  return undefined;
}
