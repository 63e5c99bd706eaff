import { describe, expect, it } from 'vitest';
import type { Call, Utterance } from '../../../shared/call.ts';
import { transcriptJson, transcriptSrt, transcriptTxt } from '../../../renderer/src/features/history/export.ts';

const call: Call = {
  id: 'ringover-1',
  provider: 'ringover',
  providerCallId: '1234567890987654400',
  state: 'ended',
  direction: 'inbound',
  from: { name: 'Claire', number: '+33612345678' },
  to: { number: '+33187654321' },
  startedAt: '2026-11-23T10:00:00.000Z',
  summary: 'Changed an address.',
  disposition: 'resolved',
  eventCount: 4,
  updatedAt: '2026-11-23T10:02:00.000Z',
};
const lines: Utterance[] = [
  { id: '2', speaker: 'bot', text: 'Sure, what is the new one?', final: true, startMs: 4200, endMs: 6100 },
  { id: '1', speaker: 'caller', text: 'I moved.', final: true, startMs: 1000, endMs: 2500 },
  { id: '3', speaker: 'caller', text: '', final: false, startMs: 7000 },
  { id: '4', speaker: 'supervisor', text: 'Let me help.', final: true, startMs: 3_725_000 },
];

describe('transcript export', () => {
  it('writes plain text with the call, its summary, and time-stamped final lines in order', () => {
    expect(transcriptTxt(call, lines)).toBe(
      [
        'Call 1234567890987654400 (ringover), Claire → +33187654321',
        'Started 2026-11-23T10:00:00.000Z',
        'Summary: Changed an address.',
        'Disposition: Resolved',
        '',
        '[00:00:01] Caller: I moved.',
        '[00:00:04] Bot: Sure, what is the new one?',
        '[01:02:05] Supervisor: Let me help.',
        '',
      ].join('\n'),
    );
  });

  it('writes SRT cues that line up with the recording', () => {
    expect(transcriptSrt(lines)).toBe(
      '1\n00:00:01,000 --> 00:00:02,500\nCaller: I moved.\n\n2\n00:00:04,200 --> 00:00:06,100\nBot: Sure, what is the new one?\n\n3\n01:02:05,000 --> 01:02:08,000\nSupervisor: Let me help.\n',
    );
  });

  it('writes JSON with the exact call id and the final lines', () => {
    const parsed = JSON.parse(transcriptJson(call, lines)) as { call: Call; transcript: Utterance[] };
    expect(parsed.call.providerCallId).toBe('1234567890987654400');
    expect(parsed.transcript.map((l) => l.text)).toEqual(['I moved.', 'Sure, what is the new one?', 'Let me help.']);
  });
});
