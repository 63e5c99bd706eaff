// Where the desktop app's console API comes from at start: its own engine, or the Ringside server
// it is connected to (checked first: reachable, a Ringside team listener, the same team API
// version). When the server cannot be used, the app says why and what to do, and offers to run
// Ringside on this computer instead. Plain Node (no 'electron' import).
import type { TFunction } from 'i18next';
import type { ConsoleApi } from '../../shared/api.ts';
import type { Engine } from '../engine/engine.ts';
import type { OpenChoice } from './connection-choice.ts';
import { createRemoteApi, type RemoteApi } from './remote-api.ts';
import { checkServer, RemoteServerError } from './remote-server.ts';

export type ConsoleSource =
  | { kind: 'local'; api: ConsoleApi; engine: Engine }
  | { kind: 'remote'; api: RemoteApi; origin: string; name: string; serverVersion: string }
  /** The saved server cannot be used now: `reason` says why and what to do. */
  | { kind: 'unavailable'; origin: string; reason: string; problem: RemoteServerError['kind'] | 'signed-out' };

export interface SourceDeps {
  startLocal: () => Promise<Engine>;
  t: TFunction;
  /** Tests pass a fetch and CA that trust their certificate. */
  fetch?: typeof fetch;
  ca?: Buffer | string;
  /** The server ended this app's session while it runs (revoked, account disabled). */
  onSignedOut?: () => void;
}

/** Opens what `choice` says; the first start (no choice yet) runs Ringside on this computer. */
export async function openConsoleSource(choice: OpenChoice | undefined, deps: SourceDeps): Promise<ConsoleSource> {
  if (!choice || choice.mode === 'local') {
    const engine = await deps.startLocal();
    return { kind: 'local', api: engine.api, engine };
  }
  const { origin, name, token } = choice;
  if (!token) return { kind: 'unavailable', origin, problem: 'signed-out', reason: deps.t('shell.remote.signInAgain', { origin }) };
  let serverVersion: string;
  try {
    serverVersion = (await checkServer(origin, deps.t, deps.fetch)).version;
  } catch (error) {
    if (error instanceof RemoteServerError) return { kind: 'unavailable', origin, problem: error.kind, reason: error.message };
    throw error;
  }
  const api = createRemoteApi({ origin, token, ...(deps.fetch && { fetch: deps.fetch }), ...(deps.ca && { ca: deps.ca }), ...(deps.onSignedOut && { onSignedOut: deps.onSignedOut }) });
  return { kind: 'remote', api, origin, name, serverVersion };
}
