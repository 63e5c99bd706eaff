import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import type { LiveListener, LiveMessage } from '../../../shared/api.ts';
import type { AttentionReason } from '../../../shared/attention.ts';
import type { Call } from '../../../shared/call.ts';
import type { MenuAction } from '../../../shared/ipc.ts';
import { AttentionWatcher, HUMAN_REMINDER_MS, RINGING_WAIT_MS } from '../../../electron/main/attention.ts';
import { menuTemplate } from '../../../electron/main/menu.ts';
import { setupNotifications } from '../../../electron/main/notifications.ts';
import { countLiveCalls, trayLabel } from '../../../electron/main/tray.ts';

const T0 = Date.parse('2026-11-23T10:00:00Z');
const call = (over: Partial<Call>): Call =>
  ({ id: 'c1', state: 'in-progress', direction: 'inbound', from: { number: '+33612345678', name: 'Claire Dubois' }, to: { number: '+3319' }, startedAt: new Date(T0).toISOString(), mode: 'bot', ...over }) as Call;

describe('attention notices', () => {
  it('tell once when a bot asks for a human, and remind a minute later if nobody took over', () => {
    const watcher = new AttentionWatcher();
    expect(watcher.update(call({}), T0)).toEqual([]);
    const asked = call({ needsHuman: { reason: 'Caller wants a refund', at: new Date(T0).toISOString() } });
    expect(watcher.update(asked, T0 + 1000)).toEqual([{ callId: 'c1', title: 'Claire Dubois needs a human', body: 'Caller wants a refund' }]);
    expect(watcher.update(asked, T0 + 2000)).toEqual([]);
    expect(watcher.tick(T0 + HUMAN_REMINDER_MS - 1)).toEqual([]);
    expect(watcher.tick(T0 + HUMAN_REMINDER_MS)).toEqual([{ callId: 'c1', title: 'Claire Dubois is still waiting for a human', body: 'Nobody has taken over yet.' }]);
    expect(watcher.tick(T0 + HUMAN_REMINDER_MS * 2)).toEqual([]);
  });

  it('stay quiet once a supervisor took over, and forget ended calls', () => {
    const watcher = new AttentionWatcher();
    const taken = call({ mode: 'human', needsHuman: { reason: 'x', at: new Date(T0).toISOString() } });
    expect(watcher.update(taken, T0)).toEqual([]);
    watcher.update(call({ state: 'ended' }), T0);
    expect(watcher.tick(T0 + HUMAN_REMINDER_MS)).toEqual([]);
  });

  it('tell once per attention alert, with its top reasons in words, in the console’s language', () => {
    const watcher = new AttentionWatcher();
    const reasons: AttentionReason[] = [
      { code: 'keyword', text: 'attention.reason.keyword', values: { words: 'lawyer' }, side: 'caller' as const, points: 30 },
      { code: 'bot-slow', text: 'attention.reason.bot-slow', values: { seconds: 3.1, count: 1 }, side: 'bot' as const, points: 10 },
    ];
    expect(watcher.update(call({ attention: { score: 40, reasons } }), T0)).toEqual([]); // no alert: no notice
    const alerted = call({ attention: { score: 40, reasons, alert: { at: new Date(T0).toISOString(), code: 'keyword' } } });
    expect(watcher.update(alerted, T0)).toEqual([{ callId: 'c1', title: 'Claire Dubois said an alert keyword', body: 'said “lawyer” · bot slow: 3.1 s' }]);
    expect(watcher.update(alerted, T0 + 1000)).toEqual([]);
    const again = call({ attention: { score: 70, reasons, alert: { at: new Date(T0 + 60_000).toISOString(), code: 'frustrated' } } });
    expect(watcher.update(again, T0 + 60_000)).toEqual([{ callId: 'c1', title: 'Claire Dubois needs attention', body: 'said “lawyer” · bot slow: 3.1 s' }]);
  });

  it('tell when a call has been ringing unanswered for a while (outbound: the callee’s name)', () => {
    const watcher = new AttentionWatcher();
    const ringing = call({ state: 'ringing', direction: 'outbound', to: { number: '+3319', name: 'Support' } });
    expect(watcher.update(ringing, T0 + RINGING_WAIT_MS - 1)).toEqual([]);
    expect(watcher.tick(T0 + RINGING_WAIT_MS)).toEqual([{ callId: 'c1', title: 'Support is waiting', body: 'Ringing for over 30 seconds.' }]);
    expect(watcher.tick(T0 + RINGING_WAIT_MS * 2)).toEqual([]);
  });
});

describe('the tray', () => {
  it('says how many calls are live', () => {
    expect([0, 1, 7].map((n) => trayLabel(n))).toEqual(['Ringside: no live calls', 'Ringside: 1 live call', 'Ringside: 7 live calls']);
  });

  it('counts live calls from the console API’s feed: the live calls first, then each change', () => {
    const feed = fakeFeed([call({ id: 'a' }), call({ id: 'b', state: 'ringing' })]);
    const counts: number[] = [];
    const stop = countLiveCalls(feed.subscribe, (live) => counts.push(live));
    expect(counts).toEqual([2]);
    feed.publish({ type: 'audio.peaks', calls: [] });
    feed.publish({ type: 'call.updated', call: call({ id: 'a', mode: 'human' }) });
    feed.publish({ type: 'call.updated', call: call({ id: 'a', state: 'ended' }) });
    feed.publish({ type: 'call.updated', call: call({ id: 'c', state: 'ringing' }) });
    expect(counts).toEqual([2, 1, 2]);
    stop();
    expect(feed.listeners.size).toBe(0);
  });
});

describe('desktop notifications', () => {
  it('learn the calls already live when the app starts without announcing them, then tell what changes', () => {
    const shown: string[] = [];
    class FakeNotification {
      static isSupported = () => true;
      private readonly title: string;
      constructor({ title }: { title: string }) {
        this.title = title;
      }
      on() {}
      show() {
        shown.push(this.title);
      }
    }
    const asked = (id: string, name: string) => call({ id, from: { number: '+33612345678', name }, needsHuman: { reason: 'refund', at: new Date().toISOString() } });
    const feed = fakeFeed([asked('old', 'Old Caller')]);
    const stop = setupNotifications({ Notification: FakeNotification as never, subscribe: feed.subscribe, openCall: () => undefined });
    expect(shown).toEqual([]);
    feed.publish({ type: 'call.updated', call: asked('new', 'New Caller') });
    expect(shown).toEqual(['New Caller needs a human']);
    stop();
  });
});

/** The console API's subscribe as the feed gives it: the live calls first, then what is published. */
function fakeFeed(live: Call[]) {
  const listeners = new Set<LiveListener>();
  return {
    listeners,
    subscribe: (listener: LiveListener) => {
      for (const each of live) listener({ type: 'call.updated', call: each });
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    publish: (message: LiveMessage) => {
      for (const listener of listeners) listener(message);
    },
  };
}

describe('the native menu', () => {
  const flatten = (items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] =>
    items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? flatten(item.submenu) : [])]);

  it('shows the call shortcuts without stealing the keys, and sends them to the page', () => {
    const sent: MenuAction[] = [];
    const items = flatten(menuTemplate({ isMac: false, devTools: false, send: (a) => sent.push(a), toggleDemo: () => undefined }));
    const byLabel = (label: string) => items.find((item) => item.label === label)!;
    for (const [label, key] of [['Take over', 't'], ['Hand back to the bot', 'h'], ['Break', 'b'], ['Listen in', 'l']] as const) {
      expect(byLabel(label)).toMatchObject({ accelerator: key.toUpperCase(), registerAccelerator: false });
      byLabel(label).click!(undefined as never, undefined, undefined as never);
      expect(sent.at(-1)).toEqual({ type: 'shortcut', key });
    }
    byLabel('History').click!(undefined as never, undefined, undefined as never);
    expect(sent.at(-1)).toEqual({ type: 'navigate', path: '#/history' });
    expect(byLabel('History').accelerator).toBe('CmdOrCtrl+2');
  });

  it('shows and changes the microphone answer where the shell asks for it (Windows, Linux)', () => {
    const set: boolean[] = [];
    const items = (allowed: boolean | undefined) =>
      flatten(menuTemplate({ isMac: false, devTools: false, send: () => undefined, toggleDemo: () => undefined, ...(allowed !== undefined && { microphone: { allowed, set: (a) => set.push(a) } }) }));
    const item = items(false).find((i) => i.label === 'Use Microphone for Take Over')!;
    expect(item).toMatchObject({ type: 'checkbox', checked: false });
    expect(items(true).find((i) => i.label === 'Use Microphone for Take Over')).toMatchObject({ checked: true });
    // Electron flips the checkbox, then calls click with the item.
    item.click!({ checked: true } as never, undefined, undefined as never);
    expect(set).toEqual([true]);
    expect(items(undefined).find((i) => i.label === 'Use Microphone for Take Over')).toBeUndefined();
  });

  it('offers developer tools only in development, and the app menu only on macOS', () => {
    const roles = (isMac: boolean, devTools: boolean) => flatten(menuTemplate({ isMac, devTools, send: () => undefined, toggleDemo: () => undefined })).map((i) => i.role).filter(Boolean);
    expect(roles(false, false)).not.toContain('toggleDevTools');
    expect(roles(false, true)).toContain('toggleDevTools');
    expect(roles(true, false)).toContain('appMenu');
    expect(roles(false, false)).not.toContain('appMenu');
  });
});
