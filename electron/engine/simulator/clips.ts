// Callers' lines for the simulator and the demo: 8 kHz μ-law WAV files listed in clips.json.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import wavefile from 'wavefile';
import { resourcePath } from '../paths.ts';

export interface Clip {
  file: string;
  voice: string;
  text: string;
  /** PCM16 at 8 kHz. */
  samples: Int16Array;
}


const cache = new Map<string, Clip[]>();

export function loadClips(dir = resourcePath('demo')): Clip[] {
  const cached = cache.get(dir);
  if (cached) return cached;
  const manifest = JSON.parse(readFileSync(join(dir, 'clips.json'), 'utf8')) as Omit<Clip, 'samples'>[];
  const clips = manifest.map((entry) => {
    const wav = new wavefile.WaveFile(readFileSync(join(dir, entry.file)));
    if ((wav.fmt as { audioFormat: number }).audioFormat === 7) wav.fromMuLaw();
    const rate = (wav.fmt as { sampleRate: number }).sampleRate;
    if (rate !== 8000) throw new Error(`demo clip ${entry.file} must be 8 kHz (is ${rate} Hz)`);
    return { ...entry, samples: wav.getSamples(false, Int16Array) as unknown as Int16Array };
  });
  cache.set(dir, clips);
  return clips;
}
