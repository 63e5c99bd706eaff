// A refused microphone says where that answer is changed: the browser's site settings, macOS's
// Privacy settings, or the desktop app's own menu on Windows and Linux.
import { describe, expect, it } from 'vitest';
import { microphoneBlocked } from '../../../renderer/src/features/takeover/microphone.ts';

const MAC = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/537.36 (KHTML, like Gecko) Ringside/0.1.0 Chrome/140.0.0.0 Electron/45.4.1 Safari/537.36';
const WINDOWS = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Ringside/0.1.0 Chrome/140.0.0.0 Electron/45.4.1 Safari/537.36';

describe('a refused microphone', () => {
  it('points to where it is allowed again', () => {
    expect(microphoneBlocked(false, WINDOWS)).toBe('Microphone blocked: allow it for Ringside in the browser’s site settings (the bot stays silent meanwhile)');
    expect(microphoneBlocked(true, MAC)).toBe('Microphone blocked: allow Ringside in System Settings → Privacy & Security → Microphone (the bot stays silent meanwhile)');
    expect(microphoneBlocked(true, WINDOWS)).toBe('Microphone blocked: turn on File → Use Microphone for Take Over, then take over again (the bot stays silent meanwhile)');
  });
});
