// A stand-in of Ringover's REST API (v2), written from its reference: the key is the raw
// `Authorization` header (401 for an unknown key), each key has rights per area (403 in an area it
// lacks), lists page with limit_count / limit_offset and answer 204 when there is nothing, and a
// key past its rate gets 429 with `Retry-After`. Serves /calls, /contacts, /users, /numbers,
// /presences, /callback, /push/sms and /transcriptions/{call_id}; records every request.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type FakeArea = 'calls' | 'contacts' | 'users' | 'numbers' | 'presences' | 'callback' | 'sms';

export interface FakeRingoverRecorded {
  method: string;
  path: string;
  query: Record<string, string>;
  body?: unknown;
  authorization?: string;
  status: number;
}

const AREA_OF: [RegExp, FakeArea][] = [
  [/^\/calls/, 'calls'],
  [/^\/transcriptions/, 'calls'],
  [/^\/contacts/, 'contacts'],
  [/^\/users/, 'users'],
  [/^\/numbers/, 'numbers'],
  [/^\/presences/, 'presences'],
  [/^\/callback/, 'callback'],
  [/^\/push\/sms/, 'sms'],
];

export class FakeRingoverApi {
  /** Keys and the areas each may use. */
  readonly keys = new Map<string, Set<FakeArea>>();
  calls: Record<string, unknown>[] = [];
  contacts: Record<string, unknown>[] = [];
  users: Record<string, unknown>[] = [];
  numbers: Record<string, unknown>[] = [];
  presences: Record<string, unknown>[] = [];
  transcriptions = new Map<string, Record<string, unknown>>();
  readonly requests: FakeRingoverRecorded[] = [];
  /** The next answers to any request are 429 with this Retry-After (seconds), one per entry. */
  readonly throttle: number[] = [];
  /** The next answers are 503, one per entry. */
  failures = 0;
  private server!: Server;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v2`;
    return this;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => {
      this.server.closeAllConnections();
      this.server.close(() => resolve());
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const path = url.pathname.replace(/^\/v2/, '');
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString();
    const record: FakeRingoverRecorded = { method: req.method ?? 'GET', path, query: Object.fromEntries(url.searchParams), authorization: req.headers.authorization, status: 0 };
    if (raw) record.body = JSON.parse(raw);
    this.requests.push(record);
    const answer = (status: number, body?: unknown, headers: Record<string, string> = {}) => {
      record.status = status;
      res.writeHead(status, { ...(body !== undefined && { 'content-type': 'application/json' }), ...headers });
      res.end(body === undefined ? undefined : JSON.stringify(body));
    };
    const rights = this.keys.get(req.headers.authorization ?? '');
    if (!rights) return answer(401, { message: 'Unauthorized' });
    const wait = this.throttle.shift();
    if (wait !== undefined) return answer(429, { message: 'Too many requests' }, { 'retry-after': String(wait) });
    if (this.failures > 0) {
      this.failures--;
      return answer(503, { message: 'Service unavailable' });
    }
    const area = AREA_OF.find(([pattern]) => pattern.test(path))?.[1];
    if (!area) return answer(404, { message: 'Not found' });
    if (!rights.has(area)) return answer(403, { message: 'Forbidden' });
    const count = Math.min(Number(url.searchParams.get('limit_count') ?? 100), 1000);
    const offset = Number(url.searchParams.get('limit_offset') ?? 0);
    const page = <T>(items: T[]) => items.slice(offset, offset + count);

    if (path === '/calls' && req.method === 'GET') {
      const from = url.searchParams.get('start_date');
      const to = url.searchParams.get('end_date');
      const inRange = this.calls.filter((c) => (!from || String(c.start_time) >= from) && (!to || String(c.start_time) < to));
      const list = page(inRange);
      if (!list.length) return answer(204);
      return answer(200, { total_call_count: inRange.length, call_list_count: list.length, call_list: list });
    }
    if (path === '/contacts' && req.method === 'GET') {
      const search = (url.searchParams.get('search') ?? '').replace(/\D/g, '');
      const found = this.contacts.filter((c) => !search || JSON.stringify(c.numbers ?? []).replace(/\D/g, '').includes(search.slice(-9)));
      const list = page(found);
      if (!list.length) return answer(204);
      return answer(200, { total_contact_count: found.length, contact_list_count: list.length, contact_list: list });
    }
    if (path === '/users') return this.listAnswer(answer, page(this.users));
    if (path === '/numbers') return this.listAnswer(answer, page(this.numbers));
    if (path === '/presences') return this.listAnswer(answer, page(this.presences));
    if (path.startsWith('/transcriptions/')) {
      const found = this.transcriptions.get(decodeURIComponent(path.slice('/transcriptions/'.length)));
      return found ? answer(200, found) : answer(404, { message: 'No transcription' });
    }
    if (path === '/callback' && req.method === 'POST') return answer(200, { call_id: '1' + String(this.requests.length).padStart(18, '0'), channel_id: '1' });
    if (path === '/push/sms' && req.method === 'POST') return answer(200, { message_id: this.requests.length, conv_id: 1 });
    return answer(405, { message: 'Method not allowed' });
  }

  private listAnswer(answer: (status: number, body?: unknown) => void, list: unknown[]): void {
    if (!list.length) return answer(204);
    answer(200, { list_count: list.length, list });
  }
}
