// A client of the team listener over real HTTPS (trusting the test certificate): JSON requests with
// a cookie jar like a browser's, or a bearer token like the desktop app's.
import { request } from 'node:https';
import WebSocket from 'ws';
import { CSRF_HEADER } from '../../../shared/team.ts';

export interface TeamReply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: any;
  text: string;
}

export interface TeamClientOptions {
  ca: Buffer;
  /** Sent as Origin (a browser's page); default this server's own origin. */
  origin?: string | null;
}

export class TeamClient {
  cookie: string | undefined;
  csrf: string | undefined;
  bearer: string | undefined;
  readonly baseUrl: string;
  private readonly options: TeamClientOptions;
  constructor(baseUrl: string, options: TeamClientOptions) {
    this.baseUrl = baseUrl;
    this.options = options;
  }

  request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<TeamReply> {
    const url = new URL(path, this.baseUrl);
    const json = body === undefined ? undefined : JSON.stringify(body);
    const origin = this.options.origin === undefined ? new URL(this.baseUrl).origin : this.options.origin;
    return new Promise((resolve, reject) => {
      const req = request(
        url,
        {
          method,
          ca: this.options.ca,
          headers: {
            ...(origin !== null && { origin }),
            ...(this.cookie && { cookie: this.cookie }),
            ...(this.csrf && { [CSRF_HEADER]: this.csrf }),
            ...(this.bearer && { authorization: `Bearer ${this.bearer}` }),
            ...(json !== undefined && { 'content-type': 'application/json' }),
            ...headers,
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let parsed: unknown;
            try {
              parsed = text ? JSON.parse(text) : undefined;
            } catch {
              parsed = undefined;
            }
            resolve({ status: res.statusCode ?? 0, headers: res.headers, body: parsed, text });
          });
        },
      );
      req.on('error', reject);
      req.end(json);
    });
  }

  /** Signs in as a browser (keeps the cookie and the CSRF token) or as the desktop app (keeps the bearer token). */
  async signIn(name: string, password: string, client: 'browser' | 'desktop' = 'browser'): Promise<TeamReply> {
    const reply = await this.request('POST', '/api/team/sign-in', { name, password, client });
    if (reply.status === 200 && client === 'browser') {
      const setCookie = ([] as string[]).concat(reply.headers['set-cookie'] ?? [])[0]!;
      this.cookie = setCookie.split(';')[0];
      this.csrf = reply.body.csrfToken;
    }
    if (reply.status === 200 && client === 'desktop') this.bearer = reply.body.token;
    return reply;
  }

  /** Opens /api/live with this client's credentials; resolves with the socket and the messages it gets, or rejects with the refusal's status. */
  openLive(path = '/api/live'): Promise<{ ws: WebSocket; messages: any[]; closed: Promise<{ code: number; reason: string }> }> {
    const origin = this.options.origin === undefined ? new URL(this.baseUrl).origin : this.options.origin;
    const ws = new WebSocket(new URL(path, this.baseUrl.replace(/^http/, 'ws')), {
      ca: this.options.ca,
      headers: { ...(origin !== null && { origin }), ...(this.cookie && { cookie: this.cookie }), ...(this.bearer && { authorization: `Bearer ${this.bearer}` }) },
    });
    const messages: any[] = [];
    const closed = new Promise<{ code: number; reason: string }>((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
    ws.on('message', (data) => messages.push(JSON.parse(String(data))));
    return new Promise((resolve, reject) => {
      ws.on('open', () => resolve({ ws, messages, closed }));
      ws.on('unexpected-response', (_req, res) => reject(Object.assign(new Error(`refused ${res.statusCode}`), { status: res.statusCode })));
      ws.on('error', reject);
    });
  }
}
