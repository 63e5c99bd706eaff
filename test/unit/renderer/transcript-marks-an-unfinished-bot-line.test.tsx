// @vitest-environment happy-dom
// A bot line the realtime model stopped before its end (stored with `incomplete: <reason>`) shows a
// discreet mark with the reason in words, in English and French: the length limit, a cancelled
// answer, a failed one, the content filter, and a reason the console does not know, shown as sent.
// A line said to its end, or cut by the caller, carries no such mark.
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Utterance } from '../../../shared/call.ts';
import { TranscriptLines } from '../../../renderer/src/features/call-detail/transcript.tsx';
import { i18n } from '../../../renderer/src/i18n/index.ts';

afterEach(async () => {
  cleanup();
  await act(() => i18n.changeLanguage('en'));
});

const bot = (id: string, text: string, extra: Partial<Utterance> = {}): Utterance => ({ id, speaker: 'bot', text, final: true, startMs: 1000, ...extra });

const lines: Utterance[] = [
  bot('1', 'Your order left our warehouse on', { incomplete: 'max_output_tokens' }),
  bot('2', 'Let me check', { incomplete: 'cancelled' }),
  bot('3', 'One moment while I', { incomplete: 'failed' }),
  bot('4', 'I cannot', { incomplete: 'content_filter' }),
  bot('5', 'Hello', { incomplete: 'turn_detected' }),
  bot('6', 'Goodbye and thank you.'),
  bot('7', 'I was say', { truncated: true }),
];

const lineText = () => screen.getAllByRole('listitem').map((item) => item.querySelector('.text')!.textContent);

describe('an unfinished bot line in the transcript', () => {
  it('says it is unfinished and why, in English', async () => {
    await act(() => i18n.changeLanguage('en'));
    render(<TranscriptLines lines={lines} />);
    expect(lineText()).toEqual([
      'Your order left our warehouse on (unfinished: it reached its length limit)',
      'Let me check (unfinished: the answer was cancelled)',
      'One moment while I (unfinished: the model failed mid-answer)',
      'I cannot (unfinished: the content filter stopped it)',
      'Hello (unfinished: the model stopped early (turn_detected))',
      'Goodbye and thank you.',
      'I was say (cut off)',
    ]);
    // Discreet: its own muted element, with the whole story in the tooltip.
    const mark = screen.getAllByRole('listitem')[0]!.querySelector('.incomplete')!;
    expect(mark.getAttribute('title')).toBe('The model stopped before the end of its answer: it reached its length limit. This is all the caller heard.');
    expect(document.querySelectorAll('.incomplete')).toHaveLength(5);
  });

  it('says it in French', async () => {
    await act(() => i18n.changeLanguage('fr'));
    render(<TranscriptLines lines={lines.slice(0, 3)} />);
    expect(lineText()).toEqual([
      'Your order left our warehouse on (inachevée : elle a atteint sa longueur maximale)',
      'Let me check (inachevée : la réponse a été annulée)',
      'One moment while I (inachevée : le modèle a échoué en pleine réponse)',
    ]);
  });

  it('keeps a card’s line short: only the mark shows, the reason is for the tooltip and screen readers', async () => {
    await act(() => i18n.changeLanguage('en'));
    render(<TranscriptLines lines={[lines[0]!]} compact />);
    const mark = document.querySelector('.incomplete')!;
    expect(mark.querySelector('[aria-hidden]')!.textContent).toBe('(unfinished)');
    expect(mark.querySelector('.visually-hidden')!.textContent).toBe('(unfinished: it reached its length limit)');
    expect(mark.getAttribute('title')).toContain('it reached its length limit');
  });
});
