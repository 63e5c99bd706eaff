// @vitest-environment happy-dom
// Words the engine sends as values or codes, worded by the console in its language: the caller's
// mood in an attention reason, why a call changed hands (and why the bot wants a person) in the
// timeline, the local administrator's name, and the screen-reader announcement of a call asking
// for a person, which re-words itself when the language is switched.
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { AttentionReason } from '../../../shared/attention.ts';
import { i18n } from '../../../renderer/src/i18n/index.ts';
import { reasonText } from '../../../renderer/src/features/board/attention-line.tsx';
import { modeChangeText, needsHumanEventText, needsHumanText } from '../../../renderer/src/features/board/needs-human.ts';
import { personName } from '../../../renderer/src/features/team/person-name.ts';
import { TranscriptLines } from '../../../renderer/src/features/call-detail/transcript.tsx';
import { Announcer } from '../../../renderer/src/ui/announcer.tsx';
import { useStore } from '../../../renderer/src/store/index.ts';
import { callOf } from './support/calls.ts';

afterEach(async () => {
  cleanup();
  await act(() => i18n.changeLanguage('en'));
});

const t = i18n.t.bind(i18n);
const angry: AttentionReason = { code: 'understood.frustrated', text: 'attention.reason.understood.frustrated', side: 'caller', points: 35, values: { mood: 'angry' } };

describe('words the engine sends as codes', () => {
  it('words the mood of an attention reason', async () => {
    expect(reasonText(angry, t)).toBe('sounds angry');
    await i18n.changeLanguage('fr');
    expect(reasonText(angry, t)).toBe('semble en colère');
  });

  it('words why a call changed hands, quoting only the model’s own words', async () => {
    await i18n.changeLanguage('fr');
    expect(modeChangeText({ mode: 'human', cause: 'bot-asked', said: 'veut un remboursement', reason: 'the bot asked for a person: veut un remboursement' }, t)).toBe(
      'L’appel passe à un conseiller (le bot a demandé un conseiller : « veut un remboursement »)',
    );
    expect(modeChangeText({ mode: 'bot', cause: 'handed-back', reason: 'the supervisor handed the call back' }, t)).toBe('Le bot a la main (le superviseur a rendu l’appel au bot)');
    expect(modeChangeText({ mode: 'human', cause: 'bot-failed', reason: 'the bot failed' }, t)).toBe('L’appel passe à un conseiller (le bot ne pouvait pas continuer)');
    // An event stored before codes existed still shows what it carries.
    expect(modeChangeText({ mode: 'bot', reason: 'stream connected' }, t)).toBe('Le bot a la main (stream connected)');
    const failed = { reason: 'the bot could not go on (the language model failed: 500)', at: '', cause: 'bot-failed' as const };
    expect(needsHumanEventText(failed, t)).toBe('Le bot ne pouvait pas continuer et a demandé un conseiller');
    expect(needsHumanText(failed, t)).not.toContain('language model');
  });

  it('names the local administrator in the console’s language, anyone else as they are', async () => {
    await i18n.changeLanguage('fr');
    expect(personName({ id: 'local', name: 'Local administrator' }, t)).toBe('Administrateur local');
    expect(personName({ id: 'a1', name: 'Alice Martin' }, t)).toBe('Alice Martin');
    render(<TranscriptLines lines={[{ id: 'w1', speaker: 'supervisor', text: 'Propose un avoir', final: true, startMs: 0, note: { kind: 'whisper', by: 'Local administrator', byId: 'local' } }]} />);
    expect(screen.getByText('Consigne de l’administrateur local')).toBeDefined();
  });

  it('re-words the announcement of a call asking for a person when the language changes', async () => {
    render(<Announcer />);
    act(() => useStore.getState().upsertCall(callOf('c1', { from: { number: '+33612345678', name: 'Aisha Khan' }, needsHuman: { reason: 'the caller asks for a person', at: '2026-11-23T10:01:00.000Z', cause: 'bot-asked' } })));
    expect(screen.getByRole('alert').textContent).toBe('Aisha Khan asks for a person');
    await act(() => i18n.changeLanguage('fr'));
    expect(screen.getByRole('alert').textContent).toBe('Aisha Khan demande un conseiller');
  });

  it('names a caller without a name or number in the language of the moment, and words a bot that failed', async () => {
    render(<Announcer />);
    act(() => useStore.getState().upsertCall(callOf('c2', { from: {}, needsHuman: { reason: 'the bot could not go on (the language model failed: 500)', at: '2026-11-23T10:02:00.000Z', cause: 'bot-failed' } })));
    expect(screen.getByRole('alert').textContent).toBe(`${t('call.unknownParty')} needs a person: the bot could not go on`);
    await act(() => i18n.changeLanguage('fr'));
    expect(screen.getByRole('alert').textContent).toBe(`${t('call.unknownParty')} a besoin d’un conseiller : le bot ne peut pas continuer`);
  });
});

describe('an empty history search', () => {
  it('says From is after To rather than only that no call matches', async () => {
    const { emptyHintKey } = await import('../../../renderer/src/features/history/history.tsx');
    expect(t(emptyHintKey({ q: '', from: '2026-11-20', to: '2026-11-10' }))).toBe('From is after To: swap the two dates.');
    expect(emptyHintKey({ q: 'refund', from: '2026-11-10', to: '2026-11-20' })).toBe('history.noMatchHint');
    expect(emptyHintKey({ q: '', from: '2026-11-10', to: '2026-11-10' })).toBe('history.noneHint');
  });
});
