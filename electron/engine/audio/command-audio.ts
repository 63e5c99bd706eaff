// Audio sent with a streamAudio command, as PCM16 mono at the declared rate, so it can be paced and
// recorded. Compressed formats (mp3, ogg) are not decoded: they go to the media server whole.
import wavefile from 'wavefile';
import { ApiError } from '../../../shared/api.ts';
import type { StreamSampleRate } from '../../../shared/commands.ts';
import { resample } from './resample.ts';

export function decodeCommandAudio(audioDataType: 'raw' | 'wav', base64: string, sampleRate: StreamSampleRate): Int16Array {
  const bytes = Buffer.from(base64, 'base64');
  if (audioDataType === 'raw') {
    if (bytes.length % 2 !== 0) throw new ApiError(400, 'raw audio must be 16-bit PCM: an even number of bytes');
    const samples = new Int16Array(bytes.length / 2);
    for (let i = 0; i < samples.length; i++) samples[i] = bytes.readInt16LE(i * 2);
    return samples;
  }
  let wav: InstanceType<typeof wavefile.WaveFile>;
  try {
    wav = new wavefile.WaveFile(bytes);
    const fmt = wav.fmt as { audioFormat: number; bitsPerSample: number };
    if (fmt.audioFormat === 7) wav.fromMuLaw();
    else if (fmt.audioFormat === 6) wav.fromALaw();
    if (wav.bitDepth !== '16') wav.toBitDepth('16');
  } catch (error) {
    throw new ApiError(400, `audio is not a WAV file Ringside can read (${(error as Error).message})`);
  }
  const { numChannels, sampleRate: fileRate } = wav.fmt as { numChannels: number; sampleRate: number };
  const channels = wav.getSamples(false, Int16Array) as unknown as Int16Array | Int16Array[];
  const mono = numChannels > 1 ? downmix(channels as Int16Array[]) : (channels as Int16Array);
  return resample(mono, fileRate, sampleRate);
}

function downmix(channels: Int16Array[]): Int16Array {
  const out = new Int16Array(channels[0]!.length);
  for (let i = 0; i < out.length; i++) {
    let sum = 0;
    for (const channel of channels) sum += channel[i]!;
    out[i] = Math.round(sum / channels.length);
  }
  return out;
}
