// What the public access panel says about the current mode and the tunnel.
import { unreachableHost, type AccessStatus } from '../../../../shared/access.ts';
import { i18n } from '../../i18n/index.ts';

export const PLACEHOLDER = 'YOUR-PUBLIC-ADDRESS';

/** The base URL to show: the real one, or the listener's with a placeholder for a wildcard host. */
export function publicBase(url: string): { base: string; needsAddress: boolean } {
  const wildcard = /\/\/(0\.0\.0\.0|\[::\])(:\d+)?/;
  return wildcard.test(url) ? { base: url.replace(wildcard, `//${PLACEHOLDER}$2`), needsAddress: true } : { base: url, needsAddress: false };
}

export function describeAccess(access: AccessStatus, now = Date.now()): { tone: 'ok' | 'warn' | 'error'; text: string } {
  const t = i18n.t;
  // A loopback or private address is reachable from this machine or its network only: never "providers reach Ringside" there.
  const unreachable = access.url ? unreachableHost(access.url) : undefined;
  if (access.mode === 'own-url') {
    if (!access.url) return { tone: 'warn', text: t('access.ownUrlMissing') };
    return unreachable ? { tone: 'warn', text: t('access.ownUrlUnreachable', { url: access.url }) } : { tone: 'ok', text: t('access.ownUrl', { url: access.url }) };
  }
  if (access.mode === 'local') {
    if (access.needsAddress) return { tone: 'warn', text: t('access.localNeedsAddress') };
    return unreachable ? { tone: 'warn', text: t('access.localUnreachable', { url: access.url }) } : { tone: 'ok', text: t('access.local', { url: access.url }) };
  }
  const tunnel = access.tunnel;
  if (!tunnel) return { tone: 'warn', text: t('access.tunnelOff') };
  const seconds = Math.max(0, Math.round((now - Date.parse(tunnel.since)) / 1000));
  const back = tunnel.reconnects ? ` ${t('access.cameBack', { count: tunnel.reconnects })}` : '';
  switch (tunnel.state) {
    case 'up':
      return { tone: 'ok', text: t('access.tunnelUp', { seconds, back, url: access.url }) };
    case 'connecting':
      return { tone: 'warn', text: t('access.tunnelOpening') };
    case 'reconnecting':
      return { tone: 'warn', text: t('access.tunnelReconnecting', { error: tunnel.error ?? t('access.connectionLost') }) };
    case 'failed':
      return { tone: 'error', text: t('access.tunnelFailed', { error: tunnel.error ?? t('access.unknownError') }) };
  }
}
