// The one place the engine reads a request's target (`req.url`): split into a path and its query,
// and path segments decoded, by functions that cannot throw. Everything here runs on input a peer
// chose before anything is authenticated, so malformed input is an answer, never an exception.
// RFC 9112 §3.2 (request-target forms), RFC 3986 §2.1 (percent-encoding), RFC 3629 (UTF-8).

/** Longer targets are refused (414) before any work is done on them. */
export const MAX_TARGET_LENGTH = 8 * 1024;

export interface RequestTarget {
  /** The path exactly as sent (still percent-encoded), e.g. `/api/calls/ringover-1%2F2/listen`. */
  pathname: string;
  /** The query string's parameters (`URLSearchParams` decoding never throws: bad escapes stay as typed). */
  query: URLSearchParams;
}

export type TargetFailure = { ok: false; status: 400 | 414; error: string };
export type ParsedTarget = ({ ok: true } & RequestTarget) | TargetFailure;

/**
 * Reads an origin-form request target (`/path?query`). Refuses, with the status and a message to
 * answer: a missing or empty target, the absolute form (`http://host/…`), the asterisk form (`*`),
 * the authority form (`host:port`), a path starting with `//` (read as a host by URL parsers),
 * control characters, spaces and non-ASCII bytes, and targets over `MAX_TARGET_LENGTH` characters.
 * A fragment (`#…`, never sent by browsers) is dropped.
 */
export function parseRequestTarget(raw: string | undefined): ParsedTarget {
  if (raw === undefined || raw === '') return fail(400, 'the request has no target: send a path such as /healthz');
  if (raw.length > MAX_TARGET_LENGTH) return fail(414, `the request target is longer than ${MAX_TARGET_LENGTH} characters`);
  if (raw[0] !== '/') return fail(400, 'the request target must be a path starting with / (absolute-form, authority-form and * are not served here)');
  if (raw.startsWith('//')) return fail(400, 'the request path must not start with //');
  // Only visible ASCII: llhttp lets some bytes through in lenient spots; anything else is not a URL.
  for (let i = 0; i < raw.length; i++) {
    const code = raw.charCodeAt(i);
    if (code <= 0x20 || code >= 0x7f) return fail(400, 'the request target holds a control character, a space or a non-ASCII byte: percent-encode it');
  }
  const withoutFragment = raw.split('#', 1)[0]!;
  const mark = withoutFragment.indexOf('?');
  const pathname = mark === -1 ? withoutFragment : withoutFragment.slice(0, mark);
  const search = mark === -1 ? '' : withoutFragment.slice(mark + 1);
  return { ok: true, pathname, query: new URLSearchParams(search) };
}

/**
 * Decodes one percent-encoded path segment to text, or undefined when the encoding is malformed:
 * a `%` not followed by two hex digits, bytes that are not UTF-8 (truncated, overlong such as
 * `%C0%AF`, surrogates such as `%ED%A0%80`, above U+10FFFF) — all refused by `decodeURIComponent`,
 * whose `URIError` stops here.
 */
export function decodeSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/** What to answer for a segment `decodeSegment` refused; `what` names it (e.g. "the call id"). */
export const malformedSegment = (what: string): TargetFailure =>
  fail(400, `${what} in the path is not valid percent-encoded UTF-8: encode it with encodeURIComponent`);

function fail(status: 400 | 414, error: string): TargetFailure {
  return { ok: false, status, error };
}
