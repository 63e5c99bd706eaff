// The one client of Ringover's REST API (v2). Every request goes through here: the key from the
// settings (the vault) as the raw `Authorization` header, the region's base URL, a request budget
// per second, a timeout, retries with backoff on 429 and 5xx (honouring `Retry-After`), and what
// each area of rights answered, so a key without the Contacts right still lists calls. Answers are
// parsed keeping ids exact (Ringover's call ids exceed 2^53).
import { RINGOVER_AREAS, type RingoverArea, type RingoverAreaState } from '../../../shared/ringover.ts';
import type { Logger } from '../log.ts';
import { parseJsonExact } from '../webhooks/json-exact.ts';
import { ringoverBaseUrl } from './base-url.ts';
import { delay, RequestBudget } from './request-budget.ts';

/** The right each area needs, as Ringover's dashboard names it when an API key is made. */
export const AREA_RIGHTS: Record<RingoverArea, string> = {
  calls: 'Calls',
  contacts: 'Contacts',
  users: 'Users',
  numbers: 'Numbers',
  presences: 'Presences',
  callback: 'Callback',
  sms: 'Conversations',
};

export type RingoverErrorKind = 'no-key' | 'bad-key' | 'no-right' | 'not-found' | 'rejected' | 'unavailable';

/** A request that did not succeed, with a message a user can act on. */
export class RingoverApiError extends Error {
  readonly kind: RingoverErrorKind;
  readonly area: RingoverArea;
  /** Ringover's HTTP status; undefined when no answer came. */
  readonly status: number | undefined;
  constructor(kind: RingoverErrorKind, area: RingoverArea, message: string, status?: number) {
    super(message);
    this.name = 'RingoverApiError';
    this.kind = kind;
    this.area = area;
    this.status = status;
  }
}

export interface RingoverApiSettings {
  ringoverApiKey?: string;
  ringoverApiBaseUrl: string;
}

export interface RingoverApiOptions {
  /** The settings in force (the key may change while the engine runs). */
  settings: () => RingoverApiSettings;
  logger: Logger;
  /** Each attempt's limit, in ms (default 10 s). */
  timeoutMs?: number;
  /** Attempts after the first, on 429, 5xx or no answer (default 3). */
  retries?: number;
  /** First backoff, doubled at each retry, in ms (default 500); a `Retry-After` overrides it. */
  backoffMs?: number;
  /** The longest wait a `Retry-After` may impose before the request fails instead, in ms (default 30 s). */
  maxRetryAfterMs?: number;
  /** Requests per second (default 2, a conservative share of what Ringover allows a key). */
  requestsPerSecond?: number;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  signal?: AbortSignal;
}

/** A successful answer: its status and its body (undefined for 204 No Content, Ringover's "nothing"). */
export interface RingoverAnswer {
  status: number;
  body: unknown;
}

export class RingoverApi {
  private readonly options: RingoverApiOptions;
  private readonly budget: RequestBudget;
  private readonly areas = new Map<RingoverArea, RingoverAreaState>();
  /** The key Ringover refused as a whole (401), until the key changes. */
  private refusedKey: string | undefined;

  constructor(options: RingoverApiOptions) {
    this.options = options;
    this.budget = new RequestBudget(options.requestsPerSecond ?? 2);
  }

  get configured(): boolean {
    return Boolean(this.options.settings().ringoverApiKey);
  }

  get baseUrl(): string {
    const settings = this.options.settings();
    return ringoverBaseUrl(settings.ringoverApiKey, settings.ringoverApiBaseUrl);
  }

  /** The key's state: missing, refused by Ringover, or set. */
  get keyState(): 'missing' | 'invalid' | 'set' {
    const key = this.options.settings().ringoverApiKey;
    if (!key) return 'missing';
    return key === this.refusedKey ? 'invalid' : 'set';
  }

  /** What each area answered last (unknown until tried). */
  areaStates(): Record<RingoverArea, RingoverAreaState> {
    return Object.fromEntries(RINGOVER_AREAS.map((area) => [area, this.areas.get(area) ?? { state: 'unknown' }])) as Record<RingoverArea, RingoverAreaState>;
  }

  /** Forgets what areas answered (the key changed). */
  reset(): void {
    this.areas.clear();
    this.refusedKey = undefined;
  }

  /**
   * One request in `area`: waits for the budget, retries 429/5xx/no answer with backoff, and
   * throws `RingoverApiError` for anything else than 2xx. `path` starts with `/` (e.g. `/calls`).
   */
  async request(area: RingoverArea, path: string, options: RequestOptions = {}): Promise<RingoverAnswer> {
    const key = this.options.settings().ringoverApiKey;
    if (!key) throw new RingoverApiError('no-key', area, 'no Ringover API key: set “API key” (Ringover) in Settings, made in the Ringover dashboard under Developer → API keys');
    const url = new URL(this.baseUrl + path);
    for (const [name, value] of Object.entries(options.query ?? {})) if (value !== undefined) url.searchParams.set(name, String(value));
    const retries = this.options.retries ?? 3;
    let backoff = this.options.backoffMs ?? 500;
    for (let attempt = 0; ; attempt++) {
      await this.budget.take(options.signal);
      let response: Response;
      try {
        response = await fetch(url, {
          method: options.method ?? 'GET',
          headers: { authorization: key, accept: 'application/json', ...(options.body !== undefined && { 'content-type': 'application/json' }) },
          body: options.body === undefined ? undefined : JSON.stringify(options.body),
          signal: options.signal ? AbortSignal.any([options.signal, AbortSignal.timeout(this.timeoutMs)]) : AbortSignal.timeout(this.timeoutMs),
          redirect: 'error',
        });
      } catch (error) {
        options.signal?.throwIfAborted();
        if (attempt < retries) {
          await delay(backoff, options.signal);
          backoff *= 2;
          continue;
        }
        const timedOut = (error as Error).name === 'TimeoutError';
        throw this.failed(area, new RingoverApiError('unavailable', area, `Ringover's API ${timedOut ? `did not answer within ${this.timeoutMs / 1000} s` : `could not be reached (${(error as Error).message})`}; Ringside tries again later`));
      }
      if (response.ok) {
        const body = await readBody(response);
        this.areas.set(area, { state: 'ok', checkedAt: new Date().toISOString() });
        return { status: response.status, body };
      }
      const retryable = response.status === 429 || response.status >= 500;
      if (retryable && attempt < retries) {
        await response.body?.cancel();
        const wait = retryAfterMs(response.headers.get('retry-after')) ?? backoff;
        if (wait > (this.options.maxRetryAfterMs ?? 30_000)) throw this.failed(area, this.refusal(area, response.status, await safeText(response), key));
        this.options.logger.repeated('info', 'Ringover API asked to wait', { area, status: response.status, waitMs: wait }, `ringover wait ${area}`);
        await delay(wait, options.signal);
        backoff *= 2;
        continue;
      }
      throw this.failed(area, this.refusal(area, response.status, await safeText(response), key));
    }
  }

  /** A GET of a JSON object (an empty object for 204). */
  async getObject(area: RingoverArea, path: string, query?: RequestOptions['query'], signal?: AbortSignal): Promise<Record<string, unknown>> {
    const { body } = await this.request(area, path, { query, signal });
    return typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
  }

  private get timeoutMs(): number {
    return this.options.timeoutMs ?? 10_000;
  }

  private failed(area: RingoverArea, error: RingoverApiError): RingoverApiError {
    if (error.kind === 'no-right') this.areas.set(area, { state: 'denied', checkedAt: new Date().toISOString(), error: error.message });
    else if (error.kind !== 'not-found' && error.kind !== 'rejected') this.areas.set(area, { state: 'unknown', checkedAt: new Date().toISOString(), error: error.message });
    return error;
  }

  private refusal(area: RingoverArea, status: number, detail: string, key?: string): RingoverApiError {
    // An upstream (or a proxy) may echo the request's Authorization back: the key never reaches an answer.
    const echoed = key && key.length >= 4 ? detail.split(key).join('[API key]') : detail;
    const said = echoed ? ` (Ringover said: ${echoed.slice(0, 200)})` : '';
    if (status === 401) {
      this.refusedKey = key;
      return new RingoverApiError('bad-key', area, `Ringover refused the API key${said}: check “API key” (Ringover) in Settings; a key that starts with US_ belongs to Ringover's US platform`, status);
    }
    if (status === 403) return new RingoverApiError('no-right', area, `the API key lacks the ${AREA_RIGHTS[area]} right: add it to the key in the Ringover dashboard (Developer → API keys)`, status);
    if (status === 404) return new RingoverApiError('not-found', area, `Ringover has no such ${area} record${said}`, status);
    if (status === 429) return new RingoverApiError('unavailable', area, `Ringover limits this key's requests and asked to wait too long${said}; Ringside tries again later`, status);
    if (status >= 500) return new RingoverApiError('unavailable', area, `Ringover's API failed (${status})${said}; Ringside tries again later`, status);
    return new RingoverApiError('rejected', area, `Ringover refused the request (${status})${said}`, status);
  }
}

/** The wait a `Retry-After` asks for, in ms: seconds, or an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.ceil(Number(value) * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

async function readBody(response: Response): Promise<unknown> {
  if (response.status === 204) return undefined;
  const text = await response.text();
  if (!text.trim()) return undefined;
  try {
    return parseJsonExact(text);
  } catch {
    return text; // some answers are a bare word ("ok")
  }
}

async function safeText(response: Response): Promise<string> {
  try {
    const text = (await response.text()).trim();
    try {
      const body = JSON.parse(text) as { message?: unknown; error?: unknown };
      return String(body.message ?? body.error ?? text);
    } catch {
      return text;
    }
  } catch {
    return '';
  }
}
