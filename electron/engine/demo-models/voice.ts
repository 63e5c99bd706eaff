// The demo models' text-to-speech: each sentence of the script has a clip rendered ahead of time;
// a sentence it does not know (a supervisor's own "Say", a greeting someone changed) is a soft
// murmur as long as reading it aloud would take, so timing, waveform and transcript still work.
import { botClip, sentencesOf } from './script.ts';

export const CLIP_RATE = 8000;
/** About the pace of reading aloud. */
const MS_PER_CHAR = 65;
/** A short breath between sentences, in samples at 8 kHz. */
const GAP = 8000 * 0.15;

/** Speech for `input`, as PCM16 at 8 kHz. */
export function speak(input: string): Int16Array {
  const parts = sentencesOf(input).map((sentence) => botClip(sentence) ?? murmur(sentence));
  const out = new Int16Array(parts.reduce((sum, part) => sum + part.length + GAP, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length + GAP;
  }
  return out;
}

/** A voiced, syllable-paced hum standing in for words the demo has no clip of. */
function murmur(text: string): Int16Array {
  const length = Math.round((CLIP_RATE * Math.max(300, text.length * MS_PER_CHAR)) / 1000);
  return Int16Array.from({ length }, (_, i) => {
    const t = i / CLIP_RATE;
    const syllables = 0.5 + 0.5 * Math.sin(2 * Math.PI * 4 * t);
    return Math.round(2500 * syllables * (Math.sin(2 * Math.PI * 160 * t) + 0.4 * Math.sin(2 * Math.PI * 320 * t)));
  });
}
