import { describe, expect, it } from 'vitest';
import { commandSchema, describeCommandError } from '../../../../shared/commands.ts';
import { streamAudioMessage, wireMessage } from '../../../../electron/engine/streamer/wire.ts';

const parse = (value: unknown) => commandSchema.parse(value);
const problem = (value: unknown) => {
  const result = commandSchema.safeParse(value);
  if (result.success) throw new Error('expected an invalid command');
  return describeCommandError(result.error);
};

describe('commands on the wire (ringover-streamer format)', () => {
  it.each([
    [{ type: 'break' }, '{"event":"break"}'],
    [{ type: 'digits', digits: '0123#' }, '{"event":"digits","data":"0123#"}'],
    [{ type: 'digits', digits: '*9A' }, '{"event":"digits","data":"*9A"}'],
    [{ type: 'transfer', to: '+33123456789' }, '{"event":"transfer","data":"+33123456789"}'],
    [{ type: 'transfer', to: '+33 1 23-45.67 (89)' }, '{"event":"transfer","data":"+33123456789"}'],
    [{ type: 'transfer', to: '0412' }, '{"event":"transfer","data":"0412"}'],
    [{ type: 'play', url: 'https://cdn.example/hold.mp3' }, '{"event":"play","file":"https://cdn.example/hold.mp3"}'],
  ])('%j → %s', (command, wire) => {
    expect(wireMessage(parse(command) as never)).toBe(wire);
  });

  it('writes streamAudio exactly as the README gives it', () => {
    expect(streamAudioMessage('raw', 16000, 'AAAA')).toBe('{"type":"streamAudio","data":{"audioDataType":"raw","sampleRate":16000,"audioData":"AAAA"}}');
  });

  it.each([
    [{ type: 'dance' }, 'type must be one of break, digits, transfer, play, streamAudio, takeover, handback, say, whisper'],
    [{ type: 'digits', digits: '' }, 'digits must be 1 to 32 of 0-9, *, #, A-D'],
    [{ type: 'digits', digits: '1'.repeat(33) }, 'digits must be 1 to 32 of 0-9, *, #, A-D'],
    [{ type: 'digits', digits: 12 }, 'digits: Invalid input: expected string, received number'],
    [{ type: 'transfer', to: 'sales' }, 'to: transfer target must be a phone number (+33123456789) or an extension (2 to 15 digits)'],
    [{ type: 'play', url: 'file:///etc/passwd' }, 'url: play needs an http(s) URL of an audio file'],
    [{ type: 'streamAudio', sampleRate: 44100, audioDataType: 'raw', audio: 'AAAA' }, 'sampleRate must be 8000, 16000 or 24000'],
    [{ type: 'streamAudio', sampleRate: 8000, audioDataType: 'flac', audio: 'AAAA' }, 'audioDataType must be raw, mp3, wav or ogg'],
    [{ type: 'streamAudio', sampleRate: 8000, audioDataType: 'raw', audio: 'not base64!' }, 'audio must be base64'],
    [{ type: 'break', now: true }, 'unexpected field now'],
    ['break', 'a command is a JSON object like {"type":"break"}'],
  ])('rejects %j: %s', (command, message) => {
    expect(problem(command)).toBe(message);
  });
});
