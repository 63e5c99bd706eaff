// What the public access panel says about the current mode and the tunnel.
import type { AccessStatus } from '../../../../shared/access.ts';

export const PLACEHOLDER = 'YOUR-PUBLIC-ADDRESS';

/** The base URL to show: the real one, or the listener's with a placeholder for a wildcard host. */
export function publicBase(url: string): { base: string; needsAddress: boolean } {
  const wildcard = /\/\/(0\.0\.0\.0|\[::\])(:\d+)?/;
  return wildcard.test(url) ? { base: url.replace(wildcard, `//${PLACEHOLDER}$2`), needsAddress: true } : { base: url, needsAddress: false };
}

export function describeAccess(access: AccessStatus, now = Date.now()): { tone: 'ok' | 'warn' | 'error'; text: string } {
  if (access.mode === 'own-url') {
    return access.url ? { tone: 'ok', text: `Providers reach Ringside at your own URL, ${access.url}.` } : { tone: 'warn', text: 'Set “My own URL” below: the address of your tunnel or reverse proxy.' };
  }
  if (access.mode === 'local') {
    return access.needsAddress
      ? { tone: 'warn', text: 'Providers need an address they can reach from the internet: use the built-in tunnel, or your own URL (below).' }
      : { tone: 'ok', text: `Providers reach Ringside at ${access.url}.` };
  }
  const tunnel = access.tunnel;
  if (!tunnel) return { tone: 'warn', text: 'The tunnel is off.' };
  const since = Math.max(0, Math.round((now - Date.parse(tunnel.since)) / 1000));
  const back = tunnel.reconnects ? ` (came back ${tunnel.reconnects === 1 ? 'once' : `${tunnel.reconnects} times`})` : '';
  switch (tunnel.state) {
    case 'up':
      return { tone: 'ok', text: `Tunnel up for ${since} s${back}: ${access.url}` };
    case 'connecting':
      return { tone: 'warn', text: 'Opening the tunnel…' };
    case 'reconnecting':
      return { tone: 'warn', text: `Tunnel down, reconnecting by itself: ${tunnel.error ?? 'connection lost'}` };
    case 'failed':
      return { tone: 'error', text: `Tunnel failed: ${tunnel.error ?? 'unknown error'}` };
  }
}
