// Renders the demo's voice clips from script.json, ahead of time (needs espeak-ng and sox; the app
// and the tests only read the committed clips). Run: npm run demo:voices
// Each clip: espeak-ng → sox to 8 kHz mono 16-bit → IMA ADPCM WAV (4 bits a sample: ~4 KB/s),
// which keeps the committed clips small. Caller lines: caller-<scenario>-<turn>.<lang>.wav;
// bot sentences: bot-<hash of the sentence's words>.wav, so the demo models find a sentence's
// clip from its text alone.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import wavefile from 'wavefile';

const dir = import.meta.dirname;
const script = JSON.parse(readFileSync(join(dir, 'script.json'), 'utf8'));
const LANGUAGES = ['en', 'fr'];
const tmp = mkdtempSync(join(tmpdir(), 'ringside-voices-'));

/** Same as electron/engine/demo-models/script.ts: the words of a sentence, for matching. */
const words = (text) => text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
const sentencesOf = (text) => text.match(/[^.!?…]+[.!?…]+["')\]]*|[^.!?…]+$/g).map((s) => s.trim()).filter(Boolean);
export const botFile = (sentence) => `bot-${createHash('sha256').update(words(sentence)).digest('hex').slice(0, 12)}.wav`;

function render(text, voice, file, { speed = 165, pitch = 50, amplitude = 120 } = {}) {
  const raw = join(tmp, 'raw.wav');
  const narrow = join(tmp, 'narrow.wav');
  execFileSync('espeak-ng', ['-v', voice, '-s', String(speed), '-p', String(pitch), '-a', String(amplitude), '-w', raw, text]);
  // Trim the leading/trailing silence espeak adds, then telephone band and rate.
  execFileSync('sox', [raw, '-r', '8000', '-c', '1', '-b', '16', narrow, 'gain', '-n', '-3', 'silence', '1', '0.01', '0.5%', 'reverse', 'silence', '1', '0.01', '0.5%', 'reverse', 'pad', '0.05', '0.05']);
  const wav = new wavefile.WaveFile(readFileSync(narrow));
  wav.toIMAADPCM();
  writeFileSync(join(dir, file), wav.toBuffer());
}

const wanted = new Set(['script.json', 'render.mjs']);
for (const lang of LANGUAGES) {
  for (const line of Object.values(script.bot)) {
    for (const sentence of sentencesOf(line[lang])) {
      const file = botFile(sentence);
      if (!wanted.has(file)) render(sentence, script.voices.bot[lang], file);
      wanted.add(file);
    }
  }
  for (const scenario of script.scenarios) {
    scenario.turns.forEach((turn, index) => {
      if (turn.caller) {
        const file = `caller-${scenario.name}-${index}.${lang}.wav`;
        render(turn.caller[lang], scenario.voice[lang], file, scenario.angry ? { speed: 190, pitch: 80, amplitude: 180 } : {});
        wanted.add(file);
      }
      if (turn.bot) {
        for (const sentence of sentencesOf(turn.bot[lang])) {
          const file = botFile(sentence);
          if (!wanted.has(file)) render(sentence, script.voices.bot[lang], file);
          wanted.add(file);
        }
      }
    });
  }
}
// Clips of lines no longer in the script go.
for (const file of readdirSync(dir)) if (!wanted.has(file)) unlinkSync(join(dir, file));
rmSync(tmp, { recursive: true });
const sizes = readdirSync(dir).filter((f) => f.endsWith('.wav'));
const total = (prefix) => sizes.filter((f) => f.startsWith(prefix)).reduce((sum, f) => sum + statSync(join(dir, f)).size, 0);
console.log(`${sizes.length} clips: callers ${Math.round(total('caller') / 1024)} KB, bot ${Math.round(total('bot') / 1024)} KB`);
