// The one reader of request targets: any string in, an answer out (a path and query, or a status
// and a message), never an exception; segments decode to exactly what encodeURIComponent encoded,
// and every malformed percent-encoding is refused rather than thrown.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeSegment, MAX_TARGET_LENGTH, parseRequestTarget } from '../../../../electron/engine/net/request-target.ts';

const PERCENTISH = fc.array(
  fc.oneof(
    fc.integer({ min: 0, max: 255 }).map((b) => `%${b.toString(16).padStart(2, '0')}`),
    fc.constantFrom('%', '%Z', '%ZZ', '/', '//', '?', '#', '*', ':', 'http:', '\x00'),
    fc.string({ unit: 'binary', maxLength: 4 }),
  ),
  { maxLength: 12 },
).map((parts) => parts.join(''));

describe('parseRequestTarget', () => {
  it('never throws, and answers a path and query or a 400/414 with a message', () => {
    fc.assert(
      fc.property(fc.oneof(PERCENTISH, fc.string({ unit: 'binary' }), PERCENTISH.map((s) => `/${s}`)), (raw) => {
        const target = parseRequestTarget(raw);
        if (target.ok) {
          expect(target.pathname.startsWith('/') && !target.pathname.startsWith('//')).toBe(true);
          expect(target.query).toBeInstanceOf(URLSearchParams);
        } else {
          expect([400, 414]).toContain(target.status);
          expect(target.error.length).toBeGreaterThan(10);
        }
      }),
      { numRuns: 5000 },
    );
  });

  it('refuses what is not an origin-form path', () => {
    for (const raw of [undefined, '', '*', '//', '//evil.example/x', 'http://127.0.0.1/healthz', 'example.com:443', 'healthz', '/a\x00b', '/a b', '/\x7f', '/é']) {
      expect(parseRequestTarget(raw)).toMatchObject({ ok: false, status: 400 });
    }
    expect(parseRequestTarget(`/${'a'.repeat(MAX_TARGET_LENGTH)}`)).toMatchObject({ ok: false, status: 414 });
  });

  it('splits a path from its query, keeping the path as sent and dropping a fragment', () => {
    const target = parseRequestTarget('/api/calls/ringover-1%2F2/listen?ticket=a%2Bb&x=%ZZ#frag');
    expect(target).toMatchObject({ ok: true, pathname: '/api/calls/ringover-1%2F2/listen' });
    const { query } = target as { query: URLSearchParams };
    expect(query.get('ticket')).toBe('a+b');
    expect(query.get('x')).toBe('%ZZ');
  });
});

describe('decodeSegment', () => {
  it('decodes exactly what encodeURIComponent encoded', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        expect(decodeSegment(encodeURIComponent(text))).toBe(text);
      }),
      { numRuns: 2000 },
    );
  });

  it('never throws, whatever the input', () => {
    fc.assert(
      fc.property(PERCENTISH, (text) => {
        const decoded = decodeSegment(text);
        expect(decoded === undefined || typeof decoded === 'string').toBe(true);
      }),
      { numRuns: 5000 },
    );
  });

  it('refuses malformed, truncated, overlong and surrogate encodings', () => {
    for (const bad of ['%', '%Z', '%ZZ', '%E0%A4%A', '%E0%A4', '%C0%AF', '%C0%80', '%E0%80%AF', '%ED%A0%80', '%F4%90%80%80', '%FF', 'a%2']) {
      expect(decodeSegment(bad), bad).toBeUndefined();
    }
    expect(decodeSegment('ringover-%E2%82%AC%2F..')).toBe('ringover-€/..');
  });
});
