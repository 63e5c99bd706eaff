import type { Call } from '../../../../shared/call.ts';

/** A live inbound call, with what a test needs changed. */
export const callOf = (id: string, overrides: Partial<Call> = {}): Call => ({
  id,
  provider: 'ringover',
  providerCallId: id,
  state: 'in-progress',
  direction: 'inbound',
  from: { number: '+33612345678' },
  to: { number: '+33187654321' },
  startedAt: '2026-11-23T10:00:00.000Z',
  eventCount: 1,
  updatedAt: '2026-11-23T10:00:00.000Z',
  ...overrides,
});
