// The window's guard rails: no navigation away from our pages, no new windows, links out only to
// allow-listed https sites (in the user's browser), and of all permissions only the microphone,
// only for our own pages (take over is the one feature that needs it).
import type { Session, WebContents } from 'electron';
import { APP_ORIGIN } from '../../shared/ipc.ts';

/** Sites Ringside links to: the providers' dashboards and docs, and the model providers'. */
export const EXTERNAL_HOSTS = [
  'ringover.com',
  'ringotel.co',
  'ringyo.com',
  'ringg.ai',
  'openai.com',
  'ngrok.com',
  'github.com',
] as const;

/** An https URL on an allow-listed host (or one of its subdomains), with no credentials in it. */
export function isAllowedExternal(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.protocol !== 'https:' || url.username || url.password || url.port) return false;
  return EXTERNAL_HOSTS.some((host) => url.hostname === host || url.hostname.endsWith(`.${host}`));
}

/** One of our own pages (the custom protocol), never a file:// or web page. */
export const isOwnUrl = (raw: string): boolean => raw === APP_ORIGIN || raw.startsWith(`${APP_ORIGIN}/`);

/** Permissions a page may have: the microphone (audio only) for our own pages; nothing else. */
export function allowPermission(permission: string, requestingUrl: string, mediaTypes: readonly string[] = []): boolean {
  if (!isOwnUrl(requestingUrl)) return false;
  if (permission === 'media') return mediaTypes.length > 0 && mediaTypes.every((type) => type === 'audio');
  return false;
}

export interface SecurityDeps {
  session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'>;
  openExternal: (url: string) => Promise<void>;
  /** Asks the OS for microphone access (macOS shows its own prompt); true when granted. */
  askForMicrophone: () => Promise<boolean>;
}

export function setupPermissions({ session, askForMicrophone }: SecurityDeps): void {
  session.setPermissionRequestHandler((contents, permission, callback, details) => {
    const mediaTypes = 'mediaTypes' in details ? (details.mediaTypes ?? []) : [];
    if (!allowPermission(permission, details.requestingUrl ?? contents.getURL(), mediaTypes)) return callback(false);
    askForMicrophone().then(callback, () => callback(false));
  });
  // Synchronous checks (e.g. enumerating devices): the same rule, without prompting.
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    allowPermission(permission, details.requestingUrl ?? requestingOrigin, 'mediaType' in details && details.mediaType ? [details.mediaType] : []),
  );
  session.setDevicePermissionHandler(() => false);
}

/** Applied to every web contents the app creates. */
export function guardContents(contents: WebContents, openExternal: (url: string) => Promise<void>): void {
  contents.on('will-navigate', (event, url) => {
    if (!isOwnUrl(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isOwnUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternal(url)) void openExternal(url);
    return { action: 'deny' };
  });
}
