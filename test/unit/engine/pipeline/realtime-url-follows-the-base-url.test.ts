// The realtime engine's WebSocket URL follows the base URL's scheme, like every other
// OpenAI-compatible server: http → ws, https → wss, with the base path kept.
import { describe, expect, it } from 'vitest';
import { realtimeUrl } from '../../../../electron/engine/pipeline/realtime-socket.ts';

describe('the realtime URL', () => {
  it.each([
    ['https://api.openai.com/v1', 'wss://api.openai.com/v1/realtime?model=gpt-realtime'],
    ['http://127.0.0.1:8080/v1', 'ws://127.0.0.1:8080/v1/realtime?model=gpt-realtime'],
    ['http://localhost:11434/v1/', 'ws://localhost:11434/v1/realtime?model=gpt-realtime'],
    ['https://gateway.example/openai/v1?x=1', 'wss://gateway.example/openai/v1/realtime?model=gpt-realtime'],
  ])('%s → %s', (base, url) => {
    expect(realtimeUrl(base, 'gpt-realtime').href).toBe(url);
  });
});
