// Ringover's REST API through the engine, against the stand-in: a key's rights are tracked per
// area (a 403 on contacts leaves calls working, and says which right is missing), 429 with
// Retry-After and 503 are retried, a refused key is said plainly, names reach calls, and the
// actions taken from history go to Ringover and onto the timeline with who did them.
import { afterEach, describe, expect, it } from 'vitest';
import { patient } from '../support/patience.ts';
import { ringoverBody, signRingoverHmac } from '../fakes/webhook-signers.ts';
import { consoleGet, consolePost, post, SECRETS } from './support/engine.ts';
import { RINGOVER_KEY, startRingoverRig, waitFor } from './support/ringover-engine.ts';
import { LOCAL_ADMIN } from '../../electron/engine/team/team.ts';

let stopRig: (() => Promise<void>) | undefined;
afterEach(async () => {
  await stopRig?.();
  stopRig = undefined;
});

const ALICE = { contact_id: 7, firstname: 'Alice', lastname: 'Martin', concat_name: 'Alice Martin', company: 'Acme', numbers: [{ number: 33612345678, type: 'mobile', format: { e164: '+33612345678' } }] };

describe('Ringover API rights, retries and errors', () => {
  it('marks contacts denied (naming the right) while calls, users, numbers and presences work', async () => {
    const rig = await startRingoverRig(['calls', 'users', 'numbers', 'presences']);
    stopRig = rig.stop;
    const { status, body } = await consolePost(rig.engine, '/api/ringover/test', {});
    expect(status).toBe(200);
    expect(body).toMatchObject({ key: 'set', areas: { calls: { state: 'ok' }, users: { state: 'ok' }, numbers: { state: 'ok' }, presences: { state: 'ok' }, contacts: { state: 'denied' } } });
    expect((body.areas as Record<string, { error?: string }>).contacts!.error).toContain('lacks the Contacts right');
    // Every request carried the key as the raw Authorization header.
    expect(rig.fake.requests.every((r) => r.authorization === RINGOVER_KEY)).toBe(true);
  });

  it('says the key itself was refused (401) and stops probing', async () => {
    const rig = await startRingoverRig();
    stopRig = rig.stop;
    rig.fake.keys.clear();
    const { body } = await consolePost(rig.engine, '/api/ringover/test', {});
    expect(body).toMatchObject({ key: 'invalid' });
    expect(rig.fake.requests).toHaveLength(1);
  });

  it('waits as Retry-After says on 429, retries a 503, then succeeds', async () => {
    const rig = await startRingoverRig();
    stopRig = rig.stop;
    rig.fake.throttle.push(1);
    rig.fake.failures = 1;
    rig.fake.users = [{ user_id: 11, firstname: 'Bob', lastname: 'Durand' }];
    const { status, body } = await consoleGet(rig.engine, '/api/ringover/transfer-targets');
    expect(status).toBe(200);
    expect(body.targets).toEqual([expect.objectContaining({ kind: 'user', id: '11', name: 'Bob Durand' })]);
    const statuses = rig.fake.requests.map((r) => r.status);
    expect(statuses).toContain(429);
    expect(statuses).toContain(503);
    // The request after the 429 came no sooner than the second Retry-After asked for.
    const throttled = rig.fake.requests.findIndex((r) => r.status === 429);
    expect(rig.fake.requests.length).toBeGreaterThan(throttled + 1);
  });

  it('lists every user across pages, with presence; an unavailable user is listed, marked', async () => {
    const rig = await startRingoverRig();
    stopRig = rig.stop;
    rig.fake.users = Array.from({ length: 130 }, (_, i) => ({ user_id: 100 + i, concat_name: `Agent ${String(i).padStart(3, '0')}`, numbers: [{ number: 33100000000 + i }] }));
    rig.fake.presences = [{ user_id: 100, status: 'available' }, { user_id: 101, status: 'offline' }, { user_id: 102, in_call: true }];
    rig.fake.numbers = [{ number: 33199999999, label: 'Support line' }];
    const { body } = await consoleGet(rig.engine, '/api/ringover/transfer-targets');
    const targets = body.targets as { id: string; availability: string; to?: string; kind: string }[];
    expect(targets.filter((t) => t.kind === 'user')).toHaveLength(130);
    expect(targets.find((t) => t.id === '100')).toMatchObject({ availability: 'available', to: '+33100000000' });
    expect(targets.find((t) => t.id === '101')).toMatchObject({ availability: 'offline' });
    expect(targets.find((t) => t.id === '102')).toMatchObject({ availability: 'in-call' });
    expect(targets.find((t) => t.kind === 'number')).toMatchObject({ name: 'Support line', to: '+33199999999' });
    expect(rig.fake.requests.filter((r) => r.path === '/users').map((r) => r.query.limit_offset)).toEqual(['0', '100']);
  });

  it('without the Presences right, still lists users and says what is missing', async () => {
    const rig = await startRingoverRig(['users', 'numbers']);
    stopRig = rig.stop;
    rig.fake.users = [{ user_id: 11, concat_name: 'Bob Durand' }];
    const { body } = await consoleGet(rig.engine, '/api/ringover/transfer-targets');
    expect(body.targets).toEqual([expect.objectContaining({ name: 'Bob Durand', availability: 'unknown' })]);
    expect(body.problems).toEqual([expect.stringContaining('lacks the Presences right')]);
  });
});

describe('names and actions', () => {
  it('shows the contact’s name and company for the caller, looked up once per number in E.164', async () => {
    const rig = await startRingoverRig();
    stopRig = rig.stop;
    rig.fake.contacts = [ALICE];
    rig.fake.users = [{ user_id: 42, concat_name: 'Chloé Agent' }];
    await post(rig.engine.publicUrl, signRingoverHmac(ringoverBody('ringing', '9001', { from_number: '33612345678', to_number: '33100000001', direction: 'in', user_id: 42 }), SECRETS.RINGOVER_WEBHOOK_SECRET));
    const call = await waitFor(
      async () => {
        const { body } = await consoleGet(rig.engine, '/api/calls/ringover-9001');
        const c = body.call as { from: { name?: string; company?: string }; agent?: { name?: string } };
        return c.from.name && c.agent?.name ? c : undefined;
      },
      patient(5000),
      'the caller’s name',
    );
    expect(call.from).toMatchObject({ name: 'Alice Martin', company: 'Acme' });
    expect(call.agent).toMatchObject({ name: 'Chloé Agent' });
    // A second call from the same number written differently asks Ringover nothing more.
    await post(rig.engine.publicUrl, signRingoverHmac(ringoverBody('ringing', '9002', { from_number: '+33 6 12 34 56 78', direction: 'in' }), SECRETS.RINGOVER_WEBHOOK_SECRET));
    await waitFor(async () => ((await consoleGet(rig.engine, '/api/calls/ringover-9002')).body.call as { from: { name?: string } })?.from.name, patient(5000), 'the second call’s name');
    expect(rig.fake.requests.filter((r) => r.path === '/contacts' && r.query.search === '33612345678')).toHaveLength(1);
  });

  it('calls back, sends an SMS, tags and comments from history, each on the timeline with who did it', async () => {
    const rig = await startRingoverRig(undefined, { ringoverSmsNumber: '+33 1 00 00 00 02', ringoverCallerNumber: '33100000003' });
    stopRig = rig.stop;
    await post(rig.engine.publicUrl, signRingoverHmac(ringoverBody('hangup', '9100', { from_number: '33612345678', to_number: '33100000001', direction: 'in' }), SECRETS.RINGOVER_WEBHOOK_SECRET));
    await waitFor(async () => (await consoleGet(rig.engine, '/api/calls/ringover-9100')).status === 200, patient(5000), 'the call');

    expect((await consolePost(rig.engine, '/api/calls/ringover-9100/callback', {})).status).toBe(202);
    expect(rig.fake.requests.find((r) => r.path === '/callback')?.body).toMatchObject({ to_number: 33612345678, from_number: 33100000003 });
    expect((await consolePost(rig.engine, '/api/calls/ringover-9100/sms', { text: 'We will call you back tomorrow.' })).status).toBe(202);
    expect(rig.fake.requests.find((r) => r.path === '/push/sms')?.body).toMatchObject({ from_number: '+33100000002', to_number: '+33612345678', content: 'We will call you back tomorrow.' });
    expect((await consolePost(rig.engine, '/api/calls/ringover-9100/tags', { tags: ['vip', 'follow-up'] })).status).toBe(200);
    expect((await consolePost(rig.engine, '/api/calls/ringover-9100/comment', { comment: 'Wants a refund.' })).status).toBe(200);

    const detail = await waitFor(
      async () => {
        const { body } = await consoleGet(rig.engine, '/api/calls/ringover-9100');
        const events = body.events as { providerEvent: string; detail?: { by?: { name: string } } }[];
        return events.length >= 5 ? body : undefined;
      },
      patient(5000),
      'four actions on the timeline',
    );
    const events = detail.events as { providerEvent: string; detail?: { by?: { name: string } } }[];
    for (const name of ['ringover.callback', 'ringover.sms.sent', 'console.tags', 'console.comment']) {
      expect(events.find((e) => e.providerEvent === name)?.detail?.by?.name, name).toBe(LOCAL_ADMIN.name);
    }
    expect(detail.call).toMatchObject({ tags: ['vip', 'follow-up'], comments: 'Wants a refund.' });
  });

  it('refuses an action the key has no right for, saying which right', async () => {
    const rig = await startRingoverRig(['calls']);
    stopRig = rig.stop;
    await post(rig.engine.publicUrl, signRingoverHmac(ringoverBody('hangup', '9200', { from_number: '33612345678', direction: 'in' }), SECRETS.RINGOVER_WEBHOOK_SECRET));
    await waitFor(async () => (await consoleGet(rig.engine, '/api/calls/ringover-9200')).status === 200, patient(5000), 'the call');
    const { status, body } = await consolePost(rig.engine, '/api/calls/ringover-9200/callback', {});
    expect(status).toBe(403);
    expect(body.error).toContain('lacks the Callback right');
  });

  it('shows Ringover’s own AI data for a call when the account has it, card numbers hidden', async () => {
    const rig = await startRingoverRig();
    stopRig = rig.stop;
    rig.fake.transcriptions.set('9300', { call_id: '9300', summary: 'Refund asked.', transcription_data: { speeches: [{ channel_id: 1, start: 0.5, text: 'I want a refund' }, { channel_id: 1, start: 4, text: 'My card is 4532 0151 1283 0366' }] } });
    await post(rig.engine.publicUrl, signRingoverHmac(ringoverBody('hangup', '9300', { from_number: '33612345678', direction: 'in' }), SECRETS.RINGOVER_WEBHOOK_SECRET));
    await waitFor(async () => (await consoleGet(rig.engine, '/api/calls/ringover-9300')).status === 200, patient(5000), 'the call');
    const { body } = await consoleGet(rig.engine, '/api/calls/ringover-9300/ringover-insights');
    expect(body).toMatchObject({ available: true, summary: 'Refund asked.', transcript: [{ speaker: 'channel 1', text: 'I want a refund', startSeconds: 0.5 }, { text: 'My card is [card number]' }] });
    // Ringover's transcript is redacted as Ringside's own: the digits never reach the console.
    expect(JSON.stringify(body)).not.toContain('0366');
  });
});
