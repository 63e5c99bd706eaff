import type { LiveMessage } from '../../../shared/api.ts';
import { patient } from '../../support/patience.ts';

/** Polls `read` until it returns something, or fails after `patient(timeoutMs)`. */
export async function until<T>(read: () => T | undefined | false, timeoutMs = 5000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + patient(timeoutMs);
  for (;;) {
    const value = read();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export interface LiveFeed {
  socket: WebSocket;
  messages: LiveMessage[];
  close(): void;
}

/** Connects to /api/live like a console would. */
export function openLive(consoleUrl: string, token: string): Promise<LiveFeed> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${consoleUrl.replace('http', 'ws')}/api/live?token=${encodeURIComponent(token)}`);
    const messages: LiveMessage[] = [];
    socket.onmessage = (m) => messages.push(JSON.parse(String(m.data)) as LiveMessage);
    socket.onopen = () => resolve({ socket, messages, close: () => socket.close() });
    socket.onerror = () => reject(new Error('live socket refused'));
  });
}

/** Like `until`, for checks that must await (an API call): retries until `check` stops throwing. */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + patient(timeoutMs);
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 25));
    }
  }
}
