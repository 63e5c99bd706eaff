// The text side of the bot: streamed LLM text cut into sentences, what the caller heard of a line
// that was cut off, tool arguments checked like a supervisor's commands, and the summary answer.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sentences } from '../../../../electron/engine/pipeline/sentences.ts';
import { SpokenLine } from '../../../../electron/engine/pipeline/spoken.ts';
import { readSummary } from '../../../../electron/engine/pipeline/summary.ts';
import { parseAction } from '../../../../electron/engine/pipeline/tools.ts';

async function split(pieces: string[]): Promise<string[]> {
  async function* stream() {
    yield* pieces;
  }
  const out: string[] = [];
  for await (const sentence of sentences(stream())) out.push(sentence);
  return out;
}

describe('sentences', () => {
  it('yields each sentence as soon as it is complete', async () => {
    expect(await split(['Sure', '. Let me', ' check. ', 'One moment', ' please'])).toEqual(['Sure.', 'Let me check.', 'One moment please']);
    expect(await split(['Really?! Yes… ', '"Quoted." Next\nline'])).toEqual(['Really?!', 'Yes…', '"Quoted."', 'Next', 'line']);
  });

  it('does not cut after abbreviations, initials or decimals', async () => {
    expect(await split(['Dr', '. Smith will call at 3', '.30 today. Thanks.'])).toEqual(['Dr. Smith will call at 3.30 today.', 'Thanks.']);
    expect(await split(['Ask for J. R. Jones, e.g. at the desk. Bye.'])).toEqual(['Ask for J. R. Jones, e.g. at the desk.', 'Bye.']);
  });

  it('cuts a long clause at a comma or a space, never inside a word', async () => {
    const long = `${'word '.repeat(30)}and, ${'more '.repeat(20)}end`;
    const out = await split([long]);
    expect(out.length).toBeGreaterThan(1);
    expect(out.join(' ').replace(/\s+/g, ' ')).toBe(long.replace(/\s+/g, ' ').trim());
    for (const piece of out) expect(piece).toMatch(/^(word|more|and|end)/);
  });

  it('loses and reorders nothing, however the text is streamed', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom('Hi', ' there', '.', ' ', 'Dr', '!', '?', '\n', 'ok', ', ', 'a'), { maxLength: 60 }), fc.integer({ min: 1, max: 7 }), async (tokens, size) => {
        const text = tokens.join('');
        const pieces: string[] = [];
        for (let i = 0; i < text.length; i += size) pieces.push(text.slice(i, i + size));
        const out = await split(pieces);
        expect(out.join('').replace(/\s+/g, '')).toBe(text.replace(/\s+/g, ''));
        expect(out.every((s) => s === s.trim() && s.length > 0)).toBe(true);
      }),
    );
  });
});

describe('what the caller heard', () => {
  it('keeps finished sentences and the share of words of the one cut off', () => {
    const line = new SpokenLine();
    line.begin('Thanks for waiting.');
    line.extend(1000);
    line.begin('Your order left on Monday morning.'); // its audio follows the first sentence's
    line.extend(2000);
    expect(line.queuedMs).toBe(3000);
    expect(line.heard(0)).toBe('');
    expect(line.heard(500)).toBe('Thanks'); // only words heard to the end
    expect(line.heard(700)).toBe('Thanks for');
    expect(line.heard(1000)).toBe('Thanks for waiting.');
    expect(line.heard(2000)).toBe('Thanks for waiting. Your order left');
    expect(line.heard(8000)).toBe(line.text);
  });

  it('counts a sentence as heard only once its audio played', () => {
    const line = new SpokenLine();
    line.begin('Hello.');
    line.extend(500);
    line.begin('How can I help?'); // written, its speech not back yet
    expect(line.heard(500)).toBe('Hello.');
    expect(line.heard(9000)).toBe('Hello.');
    line.extend(1000);
    expect(line.heard(9000)).toBe(line.text);
    expect(new SpokenLine().heard(0)).toBe('');
  });
});

describe('tool calls', () => {
  it('checks numbers and keys the way a supervisor command is checked', () => {
    expect(parseAction('transfer', '{"number":"+33 1 23-45-67.89"}')).toEqual({ name: 'transfer', number: '+33123456789' });
    expect(parseAction('transfer', '{"number":"the sales team"}')).toEqual({ error: expect.stringContaining('phone number') });
    expect(parseAction('send_dtmf', '{"digits":"1 2"}')).toEqual({ error: expect.stringContaining('0-9, *, #, A-D') });
    expect(parseAction('send_dtmf', '{"digits":"12#a"}')).toEqual({ name: 'send_dtmf', digits: '12#A' });
    expect(parseAction('transfer_to_human', '')).toEqual({ name: 'transfer_to_human', reason: 'the caller needs a person' });
    expect(parseAction('end_call', '{}')).toEqual({ name: 'end_call' });
    expect(parseAction('end_call', '{oops')).toEqual({ error: 'arguments of end_call are not JSON' });
    expect(parseAction('format_disk', '{}')).toEqual({ error: 'no tool named format_disk' });
  });
});

describe('call summary', () => {
  it('reads the JSON answer, with or without prose around it, and never throws', () => {
    expect(readSummary('{"summary":"Changed the address.","disposition":"resolved"}')).toEqual({ summary: 'Changed the address.', disposition: 'resolved' });
    expect(readSummary('Sure! {"summary":"Wants a refund.","disposition":"needs-follow-up"} Hope that helps.')).toEqual({ summary: 'Wants a refund.', disposition: 'needs-follow-up' });
    expect(readSummary('{"summary":"x","disposition":"happy"}').disposition).toBe('other');
    expect(readSummary('The caller hung up.')).toEqual({ summary: 'The caller hung up.', disposition: 'other' });
    expect(readSummary('{broken')).toEqual({ summary: '{broken', disposition: 'other' });
  });
});
