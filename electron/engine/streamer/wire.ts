// Commands on the wire, exactly as the ringover-streamer README defines them. Digits and transfer
// targets go as JSON strings: a JSON number cannot carry *, #, + or a leading zero.
import type { StreamSampleRate } from '../../../shared/commands.ts';
import type { LineCommand } from './port.ts';

/** The JSON text frame that carries `command` to the media server. */
export function wireMessage(command: LineCommand): string {
  switch (command.type) {
    case 'streamAudio':
      return streamAudioMessage(command.audioDataType, command.sampleRate, command.audio);
    case 'break':
      return JSON.stringify({ event: 'break' });
    case 'digits':
      return JSON.stringify({ event: 'digits', data: command.digits });
    case 'transfer':
      return JSON.stringify({ event: 'transfer', data: command.to });
    case 'play':
      return JSON.stringify({ event: 'play', file: command.url });
  }
}

export type AudioDataType = 'raw' | 'mp3' | 'wav' | 'ogg';

export function streamAudioMessage(audioDataType: AudioDataType, sampleRate: StreamSampleRate, base64: string): string {
  return JSON.stringify({ type: 'streamAudio', data: { audioDataType, sampleRate, audioData: base64 } });
}
