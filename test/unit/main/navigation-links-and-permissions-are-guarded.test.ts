import { EventEmitter } from 'node:events';
import type { Session, WebContents } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { allowPermission, guardContents, isAllowedExternal, setupPermissions } from '../../../electron/main/security.ts';

describe('links out', () => {
  it.each([
    ['https://dashboard.ringover.com/settings/webhooks', true],
    ['https://ringover.com/', true],
    ['https://platform.openai.com/api-keys', true],
    ['http://ringover.com/', false],
    ['https://ringover.com.evil.example/', false],
    ['https://evilringover.com/', false],
    ['https://user:pass@ringover.com/', false],
    ['https://ringover.com:8443/', false],
    ['javascript:alert(1)', false],
    ['file:///etc/passwd', false],
    ['app://ringside/index.html', false],
    ['not a url', false],
  ])('%s → %s', (url, allowed) => expect(isAllowedExternal(url)).toBe(allowed));
});

describe('permissions', () => {
  it('grant the microphone, audio only, to our own pages and nothing else', () => {
    expect(allowPermission('media', 'app://ringside/index.html', ['audio'])).toBe(true);
    expect(allowPermission('media', 'app://ringside/index.html', ['audio', 'video'])).toBe(false);
    expect(allowPermission('media', 'app://ringside/index.html', ['video'])).toBe(false);
    expect(allowPermission('media', 'https://evil.example/', ['audio'])).toBe(false);
    expect(allowPermission('media', 'app://ringside.evil/', ['audio'])).toBe(false);
    for (const other of ['geolocation', 'notifications', 'clipboard-read', 'display-capture', 'openExternal', 'hid']) {
      expect(allowPermission(other, 'app://ringside/index.html', ['audio'])).toBe(false);
    }
  });

  it('ask the OS for the microphone only when our page requests it', async () => {
    const handlers: Record<string, (...args: never[]) => unknown> = {};
    const session = {
      setPermissionRequestHandler: (fn: never) => (handlers.request = fn),
      setPermissionCheckHandler: (fn: never) => (handlers.check = fn),
      setDevicePermissionHandler: (fn: never) => (handlers.device = fn),
    } as unknown as Session;
    const askForMicrophone = vi.fn(async () => true);
    setupPermissions({ session, openExternal: async () => undefined, askForMicrophone });
    const request = (permission: string, requestingUrl: string, mediaTypes: string[]) =>
      new Promise<boolean>((resolve) => (handlers.request as (...a: unknown[]) => void)({ getURL: () => requestingUrl }, permission, resolve, { requestingUrl, mediaTypes }));
    expect(await request('geolocation', 'app://ringside/index.html', [])).toBe(false);
    expect(await request('media', 'https://evil.example/', ['audio'])).toBe(false);
    expect(askForMicrophone).not.toHaveBeenCalled();
    expect(await request('media', 'app://ringside/index.html', ['audio'])).toBe(true);
    expect(askForMicrophone).toHaveBeenCalledOnce();
    askForMicrophone.mockResolvedValueOnce(false);
    expect(await request('media', 'app://ringside/index.html', ['audio'])).toBe(false);
    expect((handlers.check as (...a: unknown[]) => boolean)(null, 'media', 'app://ringside', { requestingUrl: 'app://ringside/x', mediaType: 'audio' })).toBe(true);
    expect((handlers.check as (...a: unknown[]) => boolean)(null, 'media', 'app://ringside', { requestingUrl: 'app://ringside/x', mediaType: 'video' })).toBe(false);
    expect((handlers.device as () => boolean)()).toBe(false);
  });
});

describe('navigation', () => {
  function contents() {
    const emitter = new EventEmitter() as EventEmitter & { windowOpen?: (d: { url: string }) => { action: string } };
    Object.assign(emitter, { setWindowOpenHandler: (fn: never) => (emitter.windowOpen = fn) });
    return emitter;
  }
  const navigate = (c: EventEmitter, event: string, url: string) => {
    const e = { defaultPrevented: false, preventDefault() { this.defaultPrevented = true; } };
    c.emit(event, e, url);
    return e.defaultPrevented;
  };

  it('stays on our pages, never opens windows, and sends allowed links to the browser', () => {
    const c = contents();
    const opened: string[] = [];
    guardContents(c as unknown as WebContents, async (url) => void opened.push(url));
    expect(navigate(c, 'will-navigate', 'app://ringside/index.html#/history')).toBe(false);
    expect(navigate(c, 'will-navigate', 'https://evil.example/')).toBe(true);
    expect(navigate(c, 'will-redirect', 'file:///etc/passwd')).toBe(true);
    expect(navigate(c, 'will-attach-webview', 'https://x/')).toBe(true);
    expect(c.windowOpen!({ url: 'https://dashboard.ringover.com/' })).toEqual({ action: 'deny' });
    expect(c.windowOpen!({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://dashboard.ringover.com/']);
  });
});
