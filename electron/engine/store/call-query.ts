// What a call query means (its search, order and cursor), for the store's SQL and for calls held in
// memory alike: the live calls (memory) and history (SQLite) answer one query the same way.
import { ApiError, type CallList, type CallQuery } from '../../../shared/api.ts';
import type { Call } from '../../../shared/call.ts';

export const DEFAULT_LIMIT = 50;

/** The first `limit` of `calls` (one more may be passed to know there is a next page). */
export function page(calls: Call[], limit: number): CallList {
  const shown = calls.slice(0, limit);
  const last = shown.at(-1);
  return calls.length > limit && last ? { calls: shown, nextBefore: `${last.startedAt}|${last.id}` } : { calls: shown };
}

/** An ISO date or epoch milliseconds, as the ISO string the store sorts by. Throws ApiError 400. */
export function parseDate(value: string, name: string): string {
  const ms = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  if (!Number.isFinite(ms)) throw new ApiError(400, `"${name}" must be an ISO date or epoch milliseconds`);
  return new Date(ms).toISOString();
}

/** `before` is our own cursor (`<startedAt>|<id>`), an ISO date, or epoch milliseconds. Throws ApiError 400. */
export function parseCursor(before: string): [string, string | undefined] {
  const [at, id] = before.split('|');
  const ms = /^\d+$/.test(at!) ? Number(at) : Date.parse(at!);
  if (!Number.isFinite(ms)) throw new ApiError(400, '"before" must be an ISO date, epoch milliseconds or a nextBefore cursor');
  return [new Date(ms).toISOString(), id || undefined];
}

/** Text a search can match: numbers as typed and as bare digits, names, ids, tags, comments, summary. */
export function searchTextOf(call: Call): string {
  const numbers = [call.from.number, call.to.number].filter((n): n is string => !!n);
  return [
    call.providerCallId,
    ...numbers,
    ...numbers.map((n) => n.replace(/\D/g, '')),
    call.from.name,
    call.to.name,
    call.agent?.name,
    call.agent?.email,
    ...(call.tags ?? []),
    call.comments,
    call.summary,
    call.transcript,
  ]
    .filter(Boolean)
    .join('\n')
    .toLowerCase();
}

/**
 * What a query looks for inside `searchTextOf`: the text itself, and for a phone-like query its
 * digits and a national `0…` number's digits as found inside its E.164 form. A call matches when
 * its search text contains any of them (in SQL and in memory alike).
 */
export function searchNeedles(q: string): string[] {
  const needles = [q.toLowerCase()];
  if (/^[\d\s+().-]+$/.test(q)) {
    const digits = q.replace(/\D/g, '');
    if (digits) needles.push(digits);
    if (/^0\d{8,}$/.test(digits)) needles.push(digits.slice(1));
  }
  return needles;
}

/**
 * The store's query over calls in memory (`state` aside: the caller picked the calls): the same
 * matches, the same order (newest first, then id) and the same cursor as `CallStore.listCalls`.
 */
export function queryInMemory(calls: Iterable<Call>, query: Omit<CallQuery, 'state'>): CallList {
  const needles = query.q ? searchNeedles(query.q) : undefined;
  const [beforeAt, beforeId] = query.before ? parseCursor(query.before) : [];
  const after = query.after ? parseDate(query.after, 'after') : undefined;
  const matching = [...calls]
    .filter((call) => {
      if (after !== undefined && call.startedAt < after) return false;
      if (needles) {
        const text = searchTextOf(call);
        if (!needles.some((needle) => text.includes(needle))) return false;
      }
      if (beforeAt === undefined) return true;
      return call.startedAt < beforeAt || (beforeId !== undefined && call.startedAt === beforeAt && call.id < beforeId);
    })
    .sort((a, b) => (a.startedAt === b.startedAt ? (a.id < b.id ? 1 : -1) : a.startedAt < b.startedAt ? 1 : -1));
  return page(matching, query.limit ?? DEFAULT_LIMIT);
}
