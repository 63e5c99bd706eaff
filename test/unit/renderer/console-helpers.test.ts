// @vitest-environment happy-dom
// Small pieces of the console: the address bar's routes, the token taken from the link, transfer
// targets checked like the engine checks them, and waveform peaks across a reconnection.
import { describe, expect, it } from 'vitest';
import { takeToken } from '../../../renderer/src/bridge/index.ts';
import { checkTarget, recentTargets, rememberTarget } from '../../../renderer/src/features/board/transfer-form.tsx';
import { describeAccess, publicBase } from '../../../renderer/src/features/settings/access-status.ts';
import { hashOf, routeFromHash } from '../../../renderer/src/router.ts';
import { PeakTrack } from '../../../renderer/src/store/peaks.ts';

describe('console helpers', () => {
  it('round-trips routes through the address bar, ids with odd characters included', () => {
    for (const route of [{ name: 'board' }, { name: 'history' }, { name: 'settings' }, { name: 'call', id: 'ringover-12/34 5' }] as const) {
      expect(routeFromHash(hashOf(route))).toEqual(route);
    }
    expect(routeFromHash('#/nowhere')).toEqual({ name: 'board' });
  });

  it('takes the token from the link and removes it from the address bar', () => {
    history.replaceState(null, '', '/#token=abc%2Fdef');
    expect(takeToken(window.location, window.sessionStorage)).toBe('abc/def');
    expect(window.location.hash).toBe('#/');
    expect(takeToken(window.location, window.sessionStorage)).toBe('abc/def'); // kept for the tab
  });

  it('checks a transfer target like the engine does, and remembers recent ones', () => {
    expect(checkTarget('+33 1 23-45-67.89')).toEqual({ to: '+33123456789' });
    expect(checkTarget('sales')).toMatchObject({ error: expect.stringContaining('phone number') });
    localStorage.clear();
    for (const target of ['101', '102', '101', '103', '104', '105', '106']) rememberTarget(target);
    expect(recentTargets()).toEqual(['106', '105', '104', '103', '101']);
  });

  it('fills a reconnection gap in the waveform with silence', () => {
    const track = new PeakTrack();
    track.push({ startMs: 0, caller: [10, 20], agent: [0, 0] });
    track.push({ startMs: 100, caller: [30], agent: [5] }); // 60 ms (3 peaks) missing
    const [caller] = track.last(6);
    expect([...caller].map((v) => Math.round(v * 100))).toEqual([10, 20, 0, 0, 0, 30]);
  });

  it('draws once the peaks it already has when a feed starts again with the recent ones', () => {
    const track = new PeakTrack();
    track.push({ startMs: 0, caller: [10, 20, 30], agent: [0, 0, 0] });
    // After a reconnection: the last 60 ms again, then one new peak.
    track.push({ startMs: 20, caller: [20, 30, 40], agent: [0, 0, 5] });
    const [caller, agent] = track.last(4);
    expect([...caller].map((v) => Math.round(v * 100))).toEqual([10, 20, 30, 40]);
    expect([...agent].map((v) => Math.round(v * 100))).toEqual([0, 0, 0, 5]);
  });

  it('tells providers to use a reachable address when the engine listens on every interface', () => {
    expect(publicBase('http://0.0.0.0:8000')).toEqual({ base: 'http://YOUR-PUBLIC-ADDRESS:8000', needsAddress: true });
    expect(publicBase('https://calls.example.com')).toEqual({ base: 'https://calls.example.com', needsAddress: false });
  });

  it('never says providers reach Ringside at an address only this machine or its network reaches', () => {
    expect(describeAccess({ mode: 'own-url', url: 'https://calls.example.com', needsAddress: false })).toEqual({ tone: 'ok', text: 'Providers reach Ringside at your own URL, https://calls.example.com.' });
    expect(describeAccess({ mode: 'own-url', url: 'http://127.0.0.1:8000', needsAddress: false })).toMatchObject({ tone: 'warn', text: expect.stringContaining('no provider can reach it') });
    expect(describeAccess({ mode: 'local', url: 'http://192.168.1.20:8000', needsAddress: false })).toMatchObject({ tone: 'warn', text: expect.stringContaining('no provider can reach') });
  });
});
