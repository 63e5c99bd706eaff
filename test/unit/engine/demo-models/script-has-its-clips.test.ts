// The demo script and its rendered clips stay in step: every caller line and every bot sentence, in
// English and French, has its clip (a script edited without `npm run demo:voices` fails here), the
// clips stay small, and each caller clip is heard as its own line by the demo models.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hear } from '../../../../electron/engine/demo-models/hearing.ts';
import { botClip, demoCallerLines, demoScript, DEMO_LANGUAGES, scriptDir, sentencesOf } from '../../../../electron/engine/demo-models/script.ts';

describe('the demo script', () => {
  it('has a clip for every caller line and every bot sentence, in English and French', () => {
    const script = demoScript();
    const botLines = [...Object.values(script.bot), ...script.scenarios.flatMap((s) => s.turns.flatMap((t) => (t.bot ? [t.bot] : [])))];
    for (const language of DEMO_LANGUAGES) {
      for (const line of botLines) for (const sentence of sentencesOf(line[language])) expect(botClip(sentence), sentence).toBeDefined();
    }
    const callerTurns = script.scenarios.flatMap((s) => s.turns.filter((t) => t.caller));
    expect(demoCallerLines()).toHaveLength(callerTurns.length * DEMO_LANGUAGES.length);
  });

  it('keeps its clips small: the bot’s lines under 400 KB, the callers’ under 300 KB', () => {
    const files = readdirSync(scriptDir()).filter((f) => f.endsWith('.wav'));
    const total = (prefix: string) => files.filter((f) => f.startsWith(prefix)).reduce((sum, f) => sum + statSync(join(scriptDir(), f)).size, 0);
    expect(total('bot-')).toBeLessThan(400 * 1024);
    expect(total('caller-')).toBeLessThan(300 * 1024);
  });

  it('covers the demo’s situations: an order, a person asked for, barge-in, an angry caller, keys pressed', () => {
    const scenarios = demoScript().scenarios;
    expect(scenarios.map((s) => s.name)).toEqual(['order', 'person', 'barge-in', 'angry', 'keys']);
    const tools = scenarios.flatMap((s) => s.turns.flatMap((t) => t.tools ?? [])).map((t) => t.name);
    expect(tools).toEqual(expect.arrayContaining(['transfer_to_human', 'transfer', 'end_call']));
    expect(scenarios.some((s) => s.turns.some((t) => t.keys))).toBe(true);
  });

  it('hears each caller clip as its own line, never as another', () => {
    const lines = demoCallerLines();
    for (const line of lines) expect(hear(line.samples, 8000, lines)?.line, line.text).toBe(line);
  });
});
