// Generated HTTP requests as an attacker (or a broken client) writes them: request lines with any
// method, target form and version; paths of known route words, odd segments and every kind of
// percent-encoding (malformed, truncated, overlong, surrogate, NUL, encoded slashes); header sets
// with and without the right Host, Origin, token and WebSocket handshake fields; bodies with
// honest, conflicting or broken framing. Every request is complete: a server owes each an answer.
import fc from 'fast-check';

export interface HostileRequest {
  bytes: Buffer;
  /** HEAD answers carry no body. */
  head: boolean;
  /** For the failure report. */
  text: string;
}

export interface Credentials {
  /** Host header value that names the listener properly, e.g. `127.0.0.1:8010`. */
  host: string;
  /** Tokens the listener accepts (so that some requests get past authentication). */
  tokens: string[];
}

const ROUTE_WORDS = ['api', 'calls', 'listen', 'recording', 'commands', 'stream', 'call_7', 'live', 'healthz', 'webhooks', 'ringover', 'ringotel', 'tickets', 'health', 'settings', 'demo', 'access', 'test', 'assets', 'index.html', 'ringover-123'];

const PERCENT = fc.oneof(
  fc.integer({ min: 0, max: 255 }).map((b) => `%${b.toString(16).padStart(2, '0').toUpperCase()}`),
  fc.constantFrom('%', '%Z', '%ZZ', '%2', '%G0', '%E0%A4%A', '%E0%A4', '%C0%AF', '%C0%80', '%E0%80%AF', '%ED%A0%80', '%ED%BF%BF', '%F4%90%80%80', '%F8%88%80%80%80', '%FF', '%00', '%2F', '%2f..%2f', '%5C', '%25', '%25ZZ', '%u0041', '%%'),
);

/** Characters a path segment may hold unencoded (RFC 3986 pchar). */
const PCHARS = fc.stringMatching(/^[A-Za-z0-9\-._~!$&'()*+,;=:@]{0,6}$/);

const SEGMENT = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...ROUTE_WORDS) },
  { weight: 6, arbitrary: fc.array(fc.oneof(PERCENT, fc.constantFrom(...ROUTE_WORDS), PCHARS), { minLength: 1, maxLength: 4 }).map((parts) => parts.join('')) },
  { weight: 1, arbitrary: fc.constantFrom('', '.', '..', '...', ';', '~', 'call_', 'x'.repeat(300)) },
  { weight: 1, arbitrary: fc.string({ maxLength: 6 }) }, // printable ASCII, spaces, ? and # included
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }) }, // any code point, control characters and lone surrogates included
);

const QUERY_KEYS = ['token', 'ticket', 'call_id', 'callId', 'sample_rate', 'rate', 'encoding', 'state', 'q', 'limit', 'before', 'after', 'x'];

function query(credentials: Credentials) {
  const value = fc.oneof(fc.constantFrom(...credentials.tokens, 'wrong', '', '8000', 'pcmu', 'live'), PERCENT, PCHARS);
  return fc.array(fc.tuple(fc.constantFrom(...QUERY_KEYS), value), { maxLength: 4 }).map((pairs) => pairs.map(([k, v]) => `${k}=${v}`).join('&'));
}

function target(credentials: Credentials) {
  const path = fc
    .tuple(fc.array(SEGMENT, { minLength: 1, maxLength: 6 }), fc.boolean(), fc.option(query(credentials), { nil: undefined }))
    .map(([segments, slash, q]) => `/${segments.join('/')}${slash ? '/' : ''}${q === undefined ? '' : `?${q}`}`);
  // The engine's own routes with a hostile id in them, so that requests reach id decoding.
  const routed = fc
    .tuple(
      fc.constantFrom('/stream/$', '/stream/call_$', '/stream', '/api/calls/$', '/api/calls/$/listen', '/api/calls/$/recording', '/api/calls/$/commands', '/api/live', '/api/calls', '/api/tickets', '/webhooks/ringover'),
      fc.array(fc.oneof(PERCENT, PCHARS, fc.constantFrom('ringover-1', '..', '%2F..%2F')), { minLength: 1, maxLength: 3 }).map((parts) => parts.join('')),
      fc.option(query(credentials), { nil: undefined }),
    )
    .map(([route, id, q]) => `${route.replace('$', id)}${q === undefined ? '' : `?${q}`}`);
  return fc.oneof(
    { weight: 10, arbitrary: routed },
    { weight: 10, arbitrary: path },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        '/stream/%ZZ', '/stream/%E0%A4%A', '/stream/%C0%AF', '/stream/call_%ZZ', '//', '///stream', '/api/calls/%ZZ/listen', '/api/calls/%C0%AF',
        '/api/calls/%ZZ/recording', '/api/calls/%ZZ/commands', '/api/live', '/api//live', '/healthz', '/webhooks/ringover',
      ),
    },
    { weight: 1, arbitrary: fc.constantFrom('*', 'http://127.0.0.1/healthz', 'http://evil.example//x', 'example.com:443', '', '?', '#', 'healthz', '/\x00', '/a b', '/\x7f') },
    { weight: 1, arbitrary: fc.constantFrom('/'.padEnd(9000, 'a'), '/stream/'.padEnd(12_000, '%ZZ'), '/'.padEnd(20_000, 'x')) },
  );
}

const BAD_VALUE = fc.constantFrom('\x00', '\x7f', '\x01x', 'é', ' ', '');

function headers(credentials: Credentials) {
  const host = fc.oneof(
    { weight: 8, arbitrary: fc.constant(credentials.host) },
    { weight: 2, arbitrary: fc.constantFrom(undefined, 'localhost', '127.0.0.1', 'evil.example', '[::1]:1', '', 'a b') },
    { weight: 1, arbitrary: BAD_VALUE }, // control characters, non-ASCII: the parser's to refuse
  );
  const origin = fc.constantFrom(undefined, undefined, undefined, `http://${credentials.host}`, 'http://localhost:1', 'http://127.0.0.1:1', 'null', 'app://ringside', 'app://other', 'https://evil.example');
  const authorization = fc.oneof(
    { weight: 2, arbitrary: fc.constantFrom(undefined, 'Bearer wrong', 'Bearer', 'Basic Zm9vOmJhcg==') },
    { weight: 3, arbitrary: fc.constantFrom(...credentials.tokens).map((t) => `Bearer ${t}`) },
  );
  const upgrade = fc.oneof(
    { weight: 3, arbitrary: fc.constant<[string, string][]>([]) },
    {
      weight: 5,
      arbitrary: fc
        .record({
          connection: fc.constantFrom('Upgrade', 'Upgrade', 'upgrade', 'keep-alive, Upgrade', 'close'),
          upgrade: fc.constantFrom('websocket', 'websocket', 'websocket', 'WebSocket', 'h2c', 'websocket, h2c', ''),
          version: fc.constantFrom('13', '13', '13', '13', '8', '14', '', 'x', undefined),
          key: fc.constantFrom('dGhlIHNhbXBsZSBub25jZQ==', 'dGhlIHNhbXBsZSBub25jZQ==', 'dGhlIHNhbXBsZSBub25jZQ==', 'short', '', '!!!!!!!!!!!!!!!!!!!!!!==', undefined),
          protocol: fc.constantFrom(undefined, undefined, undefined, undefined, 'chat', 'a, b', 'a,,b', 'a, a', ''),
          extensions: fc.constantFrom(undefined, undefined, undefined, 'permessage-deflate', 'permessage-deflate; client_max_window_bits=99', ';;'),
        })
        .map(({ connection, upgrade: up, version, key, protocol, extensions }) => {
          const set: [string, string][] = [['Connection', connection], ['Upgrade', up]];
          if (version !== undefined) set.push(['Sec-WebSocket-Version', version]);
          if (key !== undefined) set.push(['Sec-WebSocket-Key', key]);
          if (protocol !== undefined) set.push(['Sec-WebSocket-Protocol', protocol]);
          if (extensions !== undefined) set.push(['Sec-WebSocket-Extensions', extensions]);
          return set;
        }),
    },
  );
  const extra = fc.array(
    fc.oneof(
      { weight: 4, arbitrary: fc.tuple(fc.stringMatching(/^X-[A-Za-z0-9-]{1,16}$/), fc.stringMatching(/^[\x21-\x7e]{0,40}$/)) },
      { weight: 1, arbitrary: fc.tuple(fc.stringMatching(/^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,20}$/), fc.stringMatching(/^[\x20-\x7e]{0,40}$/)) },
      fc.constantFrom<[string, string]>(['Expect', '100-continue'], ['Expect', 'teapot'], ['Cookie', 'a=b'], ['Range', 'bytes=0-1'], ['Range', 'bytes=-'], ['X-Big', 'x'.repeat(17 * 1024)], ['Bad Name', 'x'], ['', 'x'], ['X-Ctl', '\x00']),
    ),
    { maxLength: 3 },
  );
  return fc.record({ host, origin, authorization, upgrade, extra });
}

/** A body and the headers that frame it: honest, conflicting, or with broken chunking (always complete). */
const BODY = fc.oneof(
  { weight: 12, arbitrary: fc.constant({ headers: [] as [string, string][], body: '' }) },
  { weight: 3, arbitrary: fc.oneof(fc.string({ maxLength: 60 }), fc.constantFrom('{"running":false}', '{"use":"live"}', '{"use":"listen","callId":"%ZZ"}', '{"type":"break"}', '[[[[[[', 'null')).map((body) => ({ headers: [['Content-Type', 'application/json'], ['Content-Length', String(Buffer.byteLength(body))]] as [string, string][], body })) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      { headers: [['Transfer-Encoding', 'chunked']] as [string, string][], body: '2\r\n{}\r\n0\r\n\r\n' },
      { headers: [['Transfer-Encoding', 'chunked']] as [string, string][], body: 'zz\r\n{}\r\n0\r\n\r\n' },
      { headers: [['Transfer-Encoding', 'chunked']] as [string, string][], body: '2;\x00\r\n{}\r\n0\r\n\r\n' },
      { headers: [['Transfer-Encoding', 'chunked'], ['Content-Length', '2']] as [string, string][], body: '2\r\n{}\r\n0\r\n\r\n' },
      { headers: [['Transfer-Encoding', 'gzip, chunked']] as [string, string][], body: '0\r\n\r\n' },
      { headers: [['Content-Length', '2'], ['Content-Length', '3']] as [string, string][], body: '{}' },
      { headers: [['Content-Length', '-1']] as [string, string][], body: '' },
      { headers: [['Content-Length', 'abc']] as [string, string][], body: '' },
    ),
  },
);

const METHOD = fc.oneof(
  { weight: 16, arbitrary: fc.constantFrom('GET', 'GET', 'GET', 'GET', 'GET', 'HEAD', 'POST', 'POST', 'PATCH', 'PUT', 'DELETE', 'OPTIONS') },
  { weight: 1, arbitrary: fc.constantFrom('CONNECT', 'TRACE', 'get', 'G\x00T', 'FOO', '', 'PRI') },
);

const VERSION = fc.oneof({ weight: 20, arbitrary: fc.constant('HTTP/1.1') }, { weight: 1, arbitrary: fc.constantFrom('HTTP/1.0', 'HTTP/2.0', 'HTTP/1.1x', 'HTTP/0.9', '') });

/** Complete hostile requests for a listener; `upgrades` makes most of them WebSocket handshakes. */
export function hostileRequests(credentials: Credentials): fc.Arbitrary<HostileRequest> {
  return fc.tuple(METHOD, target(credentials), VERSION, headers(credentials), BODY).map(([method, path, version, h, body]) => {
    const lines: string[] = [];
    const add = (name: string, value: string | undefined) => value !== undefined && lines.push(`${name}: ${value}`);
    add('Host', h.host);
    add('Origin', h.origin);
    add('Authorization', h.authorization);
    for (const [name, value] of h.upgrade) add(name, value);
    for (const [name, value] of h.extra) add(name, value);
    for (const [name, value] of body.headers) add(name, value);
    const text = `${method} ${path} ${version}\r\n${lines.map((l) => `${l}\r\n`).join('')}\r\n${body.body}`;
    return { bytes: Buffer.from(text, 'utf8'), head: method === 'HEAD', text };
  });
}
