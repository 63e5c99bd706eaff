// On Windows and Linux the shell asks the supervisor for the microphone itself, the first time a
// take-over needs it, remembers the answer in the user-data folder, and lets the menu change it.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Session } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { createMicrophoneConsent, microphoneDialog, type MicrophoneAnswer } from '../../../electron/main/microphone-consent.ts';
import { setupPermissions } from '../../../electron/main/security.ts';

const fileIn = () => join(mkdtempSync(join(tmpdir(), 'mic-')), 'permissions.json');

describe('the microphone answer', () => {
  it('is asked once, on the first request, and remembered across restarts', async () => {
    const file = fileIn();
    const prompt = vi.fn(async () => true);
    const consent = createMicrophoneConsent({ file, prompt });
    expect(consent.answer).toBeUndefined();
    expect(prompt).not.toHaveBeenCalled();
    expect(await consent.request()).toBe(true);
    expect(await consent.request()).toBe(true);
    expect(prompt).toHaveBeenCalledOnce();
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ microphone: 'allowed' });

    const again = vi.fn(async () => false);
    expect(await createMicrophoneConsent({ file, prompt: again }).request()).toBe(true);
    expect(again).not.toHaveBeenCalled();
  });

  it('remembers a refusal too, until the menu changes it', async () => {
    const file = fileIn();
    const changes: MicrophoneAnswer[] = [];
    const prompt = vi.fn(async () => false);
    const consent = createMicrophoneConsent({ file, prompt, onChange: (answer) => changes.push(answer) });
    expect(await consent.request()).toBe(false);
    expect(await consent.request()).toBe(false);
    expect(prompt).toHaveBeenCalledOnce();
    consent.set('allowed');
    expect(await consent.request()).toBe(true);
    expect(prompt).toHaveBeenCalledOnce();
    expect(changes).toEqual(['denied', 'allowed']);
    expect(createMicrophoneConsent({ file, prompt }).answer).toBe('allowed');
  });

  it('shows one dialog for requests made while it is open', async () => {
    let answer!: (allowed: boolean) => void;
    const prompt = vi.fn(() => new Promise<boolean>((resolve) => (answer = resolve)));
    const consent = createMicrophoneConsent({ file: fileIn(), prompt });
    const both = Promise.all([consent.request(), consent.request()]);
    answer(true);
    expect(await both).toEqual([true, true]);
    expect(prompt).toHaveBeenCalledOnce();
  });

  it('asks again when the saved answer is unreadable, and leaves none when the dialog fails', async () => {
    const file = fileIn();
    writeFileSync(file, '{"microphone":"maybe"}');
    const failing = createMicrophoneConsent({ file, prompt: async () => Promise.reject(new Error('no display')) });
    await expect(failing.request()).rejects.toThrow('no display');
    expect(failing.answer).toBeUndefined();
    const prompt = vi.fn(async () => true);
    expect(await createMicrophoneConsent({ file, prompt }).request()).toBe(true);
    expect(prompt).toHaveBeenCalledOnce();
  });

  it('asks with Allow first and treats Esc as a refusal', () => {
    expect(microphoneDialog().buttons).toEqual(['Allow', 'Don’t Allow']);
    expect(microphoneDialog().defaultId).toBe(0);
    expect(microphoneDialog().cancelId).toBe(1);
    expect(microphoneDialog().detail).toContain('File → Use Microphone for Take Over');
  });

  it('is what the permission handler grants our page, and nothing when the supervisor refused', async () => {
    let handler!: (...args: unknown[]) => void;
    const session = { setPermissionRequestHandler: (fn: never) => (handler = fn), setPermissionCheckHandler() {}, setDevicePermissionHandler() {} } as unknown as Session;
    const consent = createMicrophoneConsent({ file: fileIn(), prompt: async () => false });
    setupPermissions({ session, openExternal: async () => undefined, askForMicrophone: () => consent.request() });
    const request = () => new Promise<boolean>((resolve) => handler({ getURL: () => 'app://ringside/index.html' }, 'media', resolve, { requestingUrl: 'app://ringside/index.html', mediaTypes: ['audio'] }));
    expect(await request()).toBe(false);
    consent.set('allowed');
    expect(await request()).toBe(true);
  });
});
