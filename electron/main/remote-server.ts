// "Connect to a Ringside server": instead of hosting its own engine, the desktop app signs in to a
// team listener and keeps a revocable bearer token (the caller stores it with safeStorage). Before
// signing in it checks that the address is a Ringside server speaking this app's team API version,
// and says what to do when it is not. Plain Node (no 'electron' import): tested without Electron.
import type { TFunction } from 'i18next';
import { TEAM_API_VERSION, TEAM_ROUTES, type Me, type TeamHello } from '../../shared/team.ts';

export interface RemoteSession {
  /** `https://host:port` of the team listener. */
  origin: string;
  token: string;
  account: Me['account'];
  serverVersion: string;
}

export class RemoteServerError extends Error {
  readonly kind: 'address' | 'unreachable' | 'not-ringside' | 'version' | 'refused';
  constructor(kind: RemoteServerError['kind'], message: string) {
    super(message);
    this.name = 'RemoteServerError';
    this.kind = kind;
  }
}

/** The team listener's origin from what a person typed; https only, except for this machine. */
export function serverOrigin(address: string, t: TFunction): string {
  let url: URL;
  try {
    url = new URL(/^[a-z]+:\/\//i.test(address.trim()) ? address.trim() : `https://${address.trim()}`);
  } catch {
    throw new RemoteServerError('address', t('shell.remote.badAddress', { address: address.slice(0, 200) }));
  }
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) throw new RemoteServerError('address', t('shell.remote.httpsOnly'));
  return url.origin;
}

/** Checks the server, then signs in as the desktop app; `fetchImpl` is the global fetch (tests pass their own). */
export async function connectToServer(address: string, name: string, password: string, t: TFunction, fetchImpl: typeof fetch = fetch): Promise<RemoteSession> {
  const origin = serverOrigin(address, t);
  const hello = await checkServer(origin, t, fetchImpl);
  const response = await fetchImpl(origin + TEAM_ROUTES.signIn, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, password, client: 'desktop' }),
  });
  const body = (await response.json().catch(() => ({}))) as { token?: string; account?: Me['account']; version?: string; error?: string };
  if (!response.ok || !body.token || !body.account) throw new RemoteServerError('refused', body.error ?? t('shell.remote.refused', { status: response.status }));
  return { origin, token: body.token, account: body.account, serverVersion: body.version ?? hello.version };
}

/**
 * Checks that `origin` is a Ringside team listener speaking this app's team API version (at sign-in,
 * and at every start of an app connected to a server: the server may have been updated since).
 * Throws a RemoteServerError that says what to do (update this app, or ask for the server's update).
 */
export async function checkServer(origin: string, t: TFunction, fetchImpl: typeof fetch = fetch): Promise<TeamHello> {
  let hello: TeamHello;
  try {
    const response = await fetchImpl(origin + TEAM_ROUTES.hello);
    hello = (await response.json()) as TeamHello;
  } catch {
    throw new RemoteServerError('unreachable', t('shell.remote.unreachable', { origin }));
  }
  if (hello?.ringside !== true) throw new RemoteServerError('not-ringside', t('shell.remote.notRingside', { origin }));
  if (hello.apiVersion !== TEAM_API_VERSION) {
    const key = hello.apiVersion > TEAM_API_VERSION ? 'shell.remote.appOlder' : 'shell.remote.serverOlder';
    throw new RemoteServerError('version', t(key, { server: hello.version }));
  }
  return hello;
}
