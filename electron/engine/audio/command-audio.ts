// Audio sent with a streamAudio command, as PCM16 mono at the declared rate, so it can be paced and
// recorded. Compressed formats (mp3, ogg) are not decoded: they go to the media server whole.
import wavefile from 'wavefile';
import { ApiError } from '../../../shared/api.ts';
import type { StreamSampleRate } from '../../../shared/commands.ts';
import { decodePcm16, downmix } from './pcm.ts';
import { resample } from './resample.ts';

export function decodeCommandAudio(audioDataType: 'raw' | 'wav', base64: string, sampleRate: StreamSampleRate): Int16Array {
  const bytes = Buffer.from(base64, 'base64');
  if (audioDataType === 'raw') {
    if (bytes.length % 2 !== 0) throw new ApiError(400, 'raw audio must be 16-bit PCM: an even number of bytes');
    return decodePcm16(bytes);
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
  const interleaved = wav.getSamples(true, Int16Array) as unknown as Int16Array;
  return resample(downmix(interleaved, Math.max(1, numChannels)), fileRate, sampleRate);
}
