// "Send a test event": a signed sample posted to the *public* URL, the way the provider would, then
// checked in the store: proof that the whole path works, or a precise account of where it broke.
import { request as httpRequest, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { providerUrls, unreachableHost, type AccessStatus, type TestEventResult, type TestEventWarning } from '../../../shared/access.ts';
import { callIdFor, type Provider } from '../../../shared/call.ts';
import { nameSetting } from '../../../shared/setting-names.ts';
import type { EngineConfig } from '../config/schema.ts';
import { sampleDelivery } from './sample-events.ts';
import { parsePeerJson } from '../json/peer-json.ts';

export interface TestEventDeps {
  config: EngineConfig;
  access: AccessStatus;
  /** Whether the sample's call reached the store. */
  stored: (callId: string) => boolean | Promise<boolean>;
  timeoutMs?: number;
  /** Name resolution (tests resolve names without a DNS server). */
  lookup?: LookupFunction;
}

interface Answer {
  status: number;
  body: string;
}

/**
 * Posts the provider's signed sample to the public URL and checks it was stored. A URL whose host
 * no provider can reach (loopback, private) gets a `warning` with whatever result: the path works
 * from this machine only.
 */
export async function sendTestEvent(provider: Provider, deps: TestEventDeps): Promise<TestEventResult> {
  const result = await send(provider, deps);
  const warning = result.url ? unreachableWarning(result.url) : undefined;
  return warning ? { ...result, warning } : result;
}

/** The warning for a URL no provider can reach, or undefined for a public one. */
export function unreachableWarning(url: string): TestEventWarning | undefined {
  const host = unreachableHost(url);
  if (!host) return undefined;
  const message = `no provider can reach ${host}: it is a loopback or private address, reachable from this machine or its network only; give the public https address of your tunnel or reverse proxy`;
  return { code: 'unreachable-address', host, message };
}

async function send(provider: Provider, { config, access, stored, timeoutMs = 10_000, lookup }: TestEventDeps): Promise<TestEventResult> {
  if (!access.url || access.needsAddress) {
    const message =
      access.mode === 'ngrok'
        ? `the tunnel is not up yet${access.tunnel?.error ? ` (${access.tunnel.error})` : ''}`
        : 'Ringside has no public address yet: choose how providers reach it (your own URL or the built-in tunnel) under Public access';
    return { ok: false, provider, failure: 'not-public', message };
  }
  const url = providerUrls(access.url, provider).webhook;
  const sample = sampleDelivery(provider, config, url);
  if ('missing' in sample) return { ok: false, provider, url, failure: 'not-configured', message: `set ${nameSetting(sample.missing, 'console')} first: the test event is signed with it` };

  const started = performance.now();
  let answer: Answer;
  try {
    answer = await post(url, sample.headers, sample.body, timeoutMs, lookup);
  } catch (error) {
    return { ok: false, provider, url, ...describeNetworkError(error, new URL(url), timeoutMs) };
  }
  const ms = Math.round(performance.now() - started);
  const host = new URL(url).host;
  if (answer.status < 200 || answer.status > 299) return { ok: false, provider, url, status: answer.status, failure: 'rejected', message: describeStatus(answer, host) };
  const callId = callIdFor(provider, sample.providerCallId);
  if (!(await stored(callId))) {
    return { ok: false, provider, url, status: answer.status, failure: 'not-stored', message: `${host} accepted the event (HTTP ${answer.status}) but it never reached this Ringside: the URL leads to another server` };
  }
  return { ok: true, provider, url, status: answer.status, ms, callId };
}

function post(url: string, headers: Record<string, string>, body: string, timeoutMs: number, lookup?: LookupFunction): Promise<Answer> {
  const target = new URL(url);
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  const options: RequestOptions = { method: 'POST', headers: { ...headers, 'content-length': Buffer.byteLength(body) }, timeout: timeoutMs, ...(lookup && { lookup }) };
  return new Promise((resolve, reject) => {
    const req = send(target, options, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8').slice(0, 2000) }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' })));
    req.on('error', reject);
    req.end(body);
  });
}

const DNS = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_FAIL', 'ENODATA']);
const CONNECT = new Set(['ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'EADDRNOTAVAIL']);

export function describeNetworkError(error: unknown, url: URL, timeoutMs: number): { failure: 'dns' | 'connect' | 'tls' | 'timeout'; message: string } {
  const code = (error as NodeJS.ErrnoException).code ?? '';
  const host = url.hostname;
  if (DNS.has(code)) return { failure: 'dns', message: `${host} does not resolve (${code}): check the address, and that its DNS record or tunnel exists` };
  if (code === 'ETIMEDOUT') return { failure: 'timeout', message: `${url.host} did not answer within ${timeoutMs / 1000} s: the tunnel or proxy may be down or stalled` };
  if (CONNECT.has(code)) return { failure: 'connect', message: `nothing answered at ${url.host} (${code}): is the tunnel or reverse proxy running, and forwarding to this machine's public listener?` };
  if (/^(ERR_TLS|ERR_SSL|CERT_|UNABLE_TO|DEPTH_ZERO|SELF_SIGNED|EPROTO|ERR_CERT|HOSTNAME_MISMATCH)/.test(code) || /certificate|ssl|tls/i.test((error as Error).message ?? '')) {
    return { failure: 'tls', message: `TLS failed at ${url.host} (${code || (error as Error).message}): providers need a valid certificate for ${host}` };
  }
  return { failure: 'connect', message: `could not reach ${url.host}: ${(error as Error).message}` };
}

function describeStatus(answer: Answer, host: string): string {
  let reason = '';
  try {
    const error = (parsePeerJson(answer.body) as { error?: unknown } | null)?.error;
    if (typeof error === 'string') reason = error;
  } catch {
    // not Ringside's JSON: a proxy or another server answered
  }
  if (answer.status === 401 || answer.status === 403) {
    return `${host} refused the event (HTTP ${answer.status}${reason ? `: ${reason}` : ''}): the URL reaches a Ringside with other secrets, or a proxy that wants its own login`;
  }
  if (answer.status === 404) return `${host} answered 404: the URL does not lead to Ringside's public listener (check the path your proxy forwards)`;
  if (answer.status >= 502 && answer.status <= 504) return `${host} answered ${answer.status}: the tunnel or proxy is up but cannot reach this machine's public listener`;
  return `${host} answered HTTP ${answer.status}${reason ? `: ${reason}` : ''}`;
}
