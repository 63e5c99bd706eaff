// Silero VAD on phone audio, scored frame by frame against labels taken from the clean clips:
// speech lines, silence, line noise (hiss and mains hum) and short backchannels.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import wavefile from 'wavefile';
import { describe, expect, it } from 'vitest';
import { StreamingVad } from '../../../../electron/engine/audio/vad.ts';
import { loadClips } from '../../../../electron/engine/simulator/clips.ts';
import { TurnDetector, type SpeechSegment } from '../../../../electron/engine/pipeline/turns.ts';

const RATE = 8000;
const FRAME = 256; // 32 ms
const fixture = (name: string) => {
  const wav = new wavefile.WaveFile(readFileSync(join(import.meta.dirname, '../../../fixtures/audio', name)));
  wav.fromMuLaw();
  return wav.getSamples(false, Int16Array) as unknown as Int16Array;
};

/** Deterministic line noise: hiss around -45 dBFS and a 50 Hz hum. */
function lineNoise(length: number, seed = 1): Int16Array {
  let x = seed;
  return Int16Array.from({ length }, (_, i) => {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    return Math.round(((x / 0x7fffffff) * 2 - 1) * 180 + 120 * Math.sin((2 * Math.PI * 50 * i) / RATE));
  });
}

/** Frame labels from clean speech: voiced frames, with pauses shorter than 250 ms filled in. */
function labels(clean: Int16Array): boolean[] {
  const voiced: boolean[] = [];
  for (let i = 0; i + FRAME <= clean.length; i += FRAME) {
    let energy = 0;
    for (let j = i; j < i + FRAME; j++) energy += clean[j]! * clean[j]!;
    voiced.push(Math.sqrt(energy / FRAME) > 300);
  }
  const gap = Math.ceil(250 / 32);
  for (let i = 0; i < voiced.length; i++) {
    if (voiced[i]) continue;
    let j = i;
    while (j < voiced.length && !voiced[j]) j++;
    if (i > 0 && j < voiced.length && j - i < gap) for (let k = i; k < j; k++) voiced[k] = true;
    i = j;
  }
  return voiced;
}

/** A test recording: the pieces in a row (over line noise unless `quiet`), and its clean speech (for labels). */
function program(pieces: { audio: Int16Array; speech: boolean }[], quiet = false) {
  const total = pieces.reduce((n, p) => n + p.audio.length, 0);
  const mixed = quiet ? new Int16Array(total) : lineNoise(total);
  const clean = new Int16Array(total);
  let at = 0;
  for (const piece of pieces) {
    for (let i = 0; i < piece.audio.length; i++) {
      mixed[at + i] = Math.max(-32768, Math.min(32767, mixed[at + i]! + piece.audio[i]!));
      if (piece.speech) clean[at + i] = piece.audio[i]!;
    }
    at += piece.audio.length;
  }
  return { mixed, clean };
}

const silence = (ms: number) => new Int16Array((RATE * ms) / 1000);

describe('voice activity detection (Silero)', () => {
  it('reaches a frame-level F1 of at least 0.9 on speech, silence, line noise and backchannels', async () => {
    const clips = loadClips();
    const pieces: { audio: Int16Array; speech: boolean }[] = [{ audio: silence(1000), speech: false }];
    for (const clip of clips) pieces.push({ audio: clip.samples, speech: true }, { audio: silence(900), speech: false });
    for (const name of ['backchannel-mmhm.wav', 'backchannel-yeah.wav', 'short-yes.wav']) {
      pieces.push({ audio: fixture(name), speech: true }, { audio: silence(700), speech: false });
    }
    pieces.push({ audio: silence(2000), speech: false });
    const { mixed, clean } = program(pieces);
    const truth = labels(clean);

    const vad = new StreamingVad(RATE);
    const decided: boolean[] = [];
    let speaking = false;
    await vad.push(mixed, ({ probability }) => {
      speaking = speaking ? probability >= 0.35 : probability >= 0.5;
      decided.push(speaking);
    });

    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (let i = 0; i < Math.min(truth.length, decided.length); i++) {
      if (decided[i] && truth[i]) tp++;
      else if (decided[i]) fp++;
      else if (truth[i]) fn++;
    }
    const precision = tp / (tp + fp);
    const recall = tp / (tp + fn);
    const f1 = (2 * precision * recall) / (precision + recall);
    console.log(`VAD frame-level F1 ${f1.toFixed(3)} (precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)}, ${truth.length} frames of 32 ms)`);
    expect(f1).toBeGreaterThanOrEqual(0.9);
  });

  it('hears nothing in line noise alone', async () => {
    const vad = new StreamingVad(RATE);
    let speechFrames = 0;
    await vad.push(lineNoise(RATE * 5, 7), ({ probability }) => void (probability >= 0.5 && speechFrames++));
    expect(speechFrames).toBe(0);
  });
});

describe('turn detection', () => {
  async function turns(audio: Int16Array, minSpeechMs = 250) {
    const vad = new StreamingVad(RATE);
    const events: string[] = [];
    const segments: SpeechSegment[] = [];
    const detector = new TurnDetector({ frameMs: 32, hangoverMs: 500, minSpeechMs }, {
      speechStart: (ms) => events.push(`start@${ms}`),
      speechConfirmed: (ms) => events.push(`confirmed@${ms}`),
      speechEnd: (segment) => (segments.push(segment), events.push(`end@${segment.endMs}`)),
    });
    await vad.push(audio, (frame) => detector.frame(frame));
    return { events, segments };
  }

  it('ends a turn after 500 ms of silence and hands over the whole utterance', async () => {
    const clip = loadClips()[1]!;
    const { mixed } = program([{ audio: silence(500), speech: false }, { audio: clip.samples, speech: true }, { audio: silence(1500), speech: false }]);
    const { events, segments } = await turns(mixed);
    expect(events.filter((e) => e.startsWith('end'))).toHaveLength(1);
    const [segment] = segments;
    expect(segment!.confirmed).toBe(true);
    expect(segment!.startMs).toBeLessThan(500 + 400);
    expect(segment!.audio.length / RATE).toBeGreaterThan(clip.samples.length / RATE - 1.5);
  });

  /** Like the listener: 20 ms packets, raw audio to the detector at once, frames as the VAD rules. */
  async function livePackets(audio: Int16Array) {
    const vad = new StreamingVad(RATE);
    const ends: { segment: SpeechSegment; decidedAtMs: number }[] = [];
    let pushedMs = 0;
    const detector = new TurnDetector({ frameMs: 32, hangoverMs: 500, minSpeechMs: 250 }, { speechEnd: (segment) => ends.push({ segment, decidedAtMs: pushedMs }) });
    for (let at = 0; at < audio.length; at += 160) {
      const packet = audio.slice(at, at + 160);
      await vad.push(packet, (frame) => detector.frame(frame));
      pushedMs += 20;
      detector.audio(packet, RATE);
    }
    return ends;
  }

  /** Where the clean speech really ends (last 4 ms block above the clips' noise floor), in ms. */
  function speechEnd(clean: Int16Array): number {
    let end = 0;
    for (let at = 0; at + 32 <= clean.length; at += 32) {
      let energy = 0;
      for (let i = at; i < at + 32; i++) energy += clean[i]! * clean[i]!;
      if (Math.sqrt(energy / 32) > 60) end = (at + 32) / 8;
    }
    return end;
  }

  it('on a quiet line, ends the turn the hangover after the real end of speech, to the packet', async () => {
    for (const clip of [loadClips()[4]!.samples, fixture('short-yes.wav')]) {
      const { mixed, clean } = program([{ audio: silence(500), speech: false }, { audio: clip, speech: true }, { audio: silence(1500), speech: false }], true);
      const ends = await livePackets(mixed);
      expect(ends).toHaveLength(1);
      const truth = speechEnd(clean);
      expect(Math.abs(ends[0]!.segment.endMs - truth)).toBeLessThanOrEqual(8);
      expect(ends[0]!.decidedAtMs - truth).toBeGreaterThanOrEqual(500);
      expect(ends[0]!.decidedAtMs - truth).toBeLessThanOrEqual(500 + 20);
    }
  });

  it('on a noisy line, the VAD frames still end the turn (later: its verdict trails more in noise)', async () => {
    const { mixed, clean } = program([{ audio: silence(500), speech: false }, { audio: loadClips()[4]!.samples, speech: true }, { audio: silence(1500), speech: false }]);
    const ends = await livePackets(mixed);
    expect(ends).toHaveLength(1);
    const late = ends[0]!.decidedAtMs - speechEnd(clean);
    expect(late).toBeGreaterThanOrEqual(500);
    expect(late).toBeLessThanOrEqual(500 + 200);
  });

  it('does not confirm a short backchannel at the default 250 ms, so it cannot interrupt the bot', async () => {
    const quiet = (audio: Int16Array) => program([{ audio: silence(500), speech: false }, { audio, speech: true }, { audio: silence(1200), speech: false }], true).mixed;
    const { events, segments } = await turns(quiet(fixture('backchannel-yeah.wav')), 250);
    expect(events.some((e) => e.startsWith('start'))).toBe(true);
    expect(events.some((e) => e.startsWith('confirmed'))).toBe(false);
    expect(segments.every((s) => !s.confirmed)).toBe(true);
    const sentence = await turns(quiet(loadClips()[4]!.samples), 250);
    expect(sentence.events.some((e) => e.startsWith('confirmed'))).toBe(true);
  });
});
