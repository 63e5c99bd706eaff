// A second start on a port a Ringside already holds: find out whether it is this user's Ringside
// (then say so and give its console link) or another one, instead of only "port in use".
import { tokenProof, TOKEN_PROOF_HEADER } from './net/token-proof.ts';

/** The console port Ringside uses unless told otherwise (the desktop app's own console has none fixed). */
const DEFAULT_CONSOLE_PORT = 8010;
const PROBE_MS = 2000;

export interface PortProbe {
  /** The port this start could not listen on. */
  busyPort: number;
  /** The address it wanted it on (public and stream listeners; the console is always 127.0.0.1). */
  host: string;
  /** The console port this start wanted (0: none fixed; the default port is tried too). */
  consolePort: number;
  /** This user's console token (from the data folder, the environment or a flag). */
  consoleToken: string;
}

/**
 * What holds the port: this user's Ringside (with its console's address); a Ringside whose console
 * refuses this user's token (another data folder or token); a listener answering like Ringside's
 * public one (its console not found); or something else.
 */
export type PortHolder =
  | { kind: 'this-users-ringside'; consoleUrl: string }
  | { kind: 'ringside-with-another-token' }
  | { kind: 'ringside-public-listener' }
  | { kind: 'unknown' };

/**
 * Asks what holds `busyPort`. A console where `GET /api/health` wants a Bearer token (a JSON 401)
 * is a Ringside console; only then is a proof of this user's token sent (never the token), and if it answers with Ringside's
 * health naming `busyPort` (as its console, public or stream port) it is this user's Ringside.
 * Otherwise it tells a Ringside console on `busyPort` or `consolePort` that refuses the token from a
 * listener on `busyPort` answering `GET /healthz` with `{"ok":true}`. Never throws; each request gives up
 * after 2 s.
 */
export async function identifyPortHolder({ busyPort, host, consolePort, consoleToken }: PortProbe): Promise<PortHolder> {
  const candidates = [...new Set([consolePort, busyPort, DEFAULT_CONSOLE_PORT])].filter((port) => port > 0);
  // A Ringside console refusing the token on a port this start wanted: another Ringside holds them.
  let ringsideConsoleOnOurPorts = false;
  for (const port of candidates) {
    const url = `http://127.0.0.1:${port}/api/health`;
    // The token goes only to what already answers like a Ringside console, never to any program on a port.
    const anonymous = await getJson(url);
    if (anonymous?.status !== 401 || !anonymous.bearer || typeof (anonymous.body as { error?: unknown } | undefined)?.error !== 'string') continue;
    if (port === busyPort || port === consolePort) ringsideConsoleOnOurPorts = true;
    // Never the token itself: a proof that only a holder of the same token can check.
    const health = await getJson(url, { [TOKEN_PROOF_HEADER]: tokenProof(consoleToken) });
    if (health?.status !== 200 || !isListenerAddresses(health.body)) continue;
    const ports = [port, portOf(health.body.publicUrl), portOf(health.body.streams.url)];
    if (ports.includes(busyPort)) return { kind: 'this-users-ringside', consoleUrl: `http://127.0.0.1:${port}` };
  }
  if (ringsideConsoleOnOurPorts) return { kind: 'ringside-with-another-token' };
  const target = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  const healthz = await getJson(`http://${target.includes(':') ? `[${target}]` : target}:${busyPort}/healthz`);
  return healthz?.status === 200 && (healthz.body as { ok?: unknown } | undefined)?.ok === true ? { kind: 'ringside-public-listener' } : { kind: 'unknown' };
}

function portOf(url: string): number | undefined {
  try {
    return Number(new URL(url).port) || undefined;
  } catch {
    return undefined;
  }
}

/** What a console answers a proof of the same token: its public and stream listeners' URLs. */
interface ListenerAddresses {
  publicUrl: string;
  streams: { url: string };
}

function isListenerAddresses(body: unknown): body is ListenerAddresses {
  const addresses = body as Partial<ListenerAddresses> | undefined;
  return typeof addresses === 'object' && addresses !== null && typeof addresses.publicUrl === 'string' && typeof addresses.streams?.url === 'string';
}

async function getJson(url: string, headers: Record<string, string> = {}): Promise<{ status: number; body: unknown; bearer: boolean } | undefined> {
  try {
    const res = await fetch(url, { headers, redirect: 'manual', signal: AbortSignal.timeout(PROBE_MS) });
    const body = (res.headers.get('content-type') ?? '').includes('json') ? await res.json() : undefined;
    return { status: res.status, body, bearer: /^bearer/i.test(res.headers.get('www-authenticate') ?? '') };
  } catch {
    return undefined;
  }
}
