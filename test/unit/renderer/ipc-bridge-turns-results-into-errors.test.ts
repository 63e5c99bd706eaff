// The desktop bridge in the page: the same Bridge the UI uses over WebSocket, with IPC failures
// (data, since errors lose their fields crossing Electron's context bridge) back as ApiErrors.
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../../shared/api.ts';
import type { DesktopApi } from '../../../shared/ipc.ts';
import { IpcBridge } from '../../../renderer/src/bridge/ipc-bridge.ts';

function desktop(overrides: Partial<DesktopApi> = {}): DesktopApi {
  const ok = <T>(value: T) => vi.fn(async () => ({ ok: true as const, value }));
  return {
    listCalls: ok({ calls: [] }),
    getCall: vi.fn(async () => ({ ok: false as const, status: 404, message: 'no call with id x' })),
    health: ok({} as never),
    sendCommand: vi.fn(async () => ({ ok: false as const, status: 409, message: 'this call has no live stream' })),
    settings: ok({ settings: [], secretsPersist: true }),
    updateSettings: ok({ settings: [], secretsPersist: true }),
    setDemo: ok({ running: true }),
    stats: ok({} as never),
    pauseRecording: ok({ paused: true }),
    setLegalHold: ok({} as never),
    findNumber: ok({} as never),
    exportNumber: ok({} as never),
    eraseNumber: ok({} as never),
    testEvent: ok({ ok: true, provider: 'ringover', url: 'https://x/webhooks/ringover', status: 200, ms: 12, callId: 'ringover-1' } as const),
    ringoverStatus: ok({} as never),
    testRingoverKey: ok({} as never),
    transferTargets: ok({ targets: [], problems: [] }),
    backfill: ok({} as never),
    callBack: ok({ ok: true, where: 'ringover' } as const),
    sendSms: ok({ ok: true, where: 'ringover' } as const),
    tagCall: ok({ ok: true, where: 'ringside' } as const),
    commentCall: ok({ ok: true, where: 'ringside' } as const),
    ringoverInsights: ok({ available: false }),
    subscribe: vi.fn(() => () => undefined),
    listen: vi.fn(() => () => undefined),
    openExternal: ok(undefined),
    onMenu: vi.fn(() => () => undefined),
    setLanguage: vi.fn(),
    ...overrides,
  };
}

describe('the IPC bridge', () => {
  it('answers with the value, and rejects with an ApiError carrying the status', async () => {
    const bridge = new IpcBridge(desktop());
    expect(await bridge.listCalls({ state: 'live' })).toEqual({ calls: [] });
    const failure = await bridge.sendCommand('ringover-1', { type: 'break' }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ApiError);
    expect(failure).toMatchObject({ status: 409, message: 'this call has no live stream' });
    await expect(bridge.getCall('x')).rejects.toMatchObject({ status: 404 });
  });

  it('is always online, plays recordings through app://, and hands listen callbacks over', async () => {
    const api = desktop();
    const bridge = new IpcBridge(api);
    const statuses: string[] = [];
    bridge.onStatus((s) => statuses.push(s.state));
    expect(statuses).toEqual(['online']);
    expect(await bridge.recordingUrl('ringover-a b')).toBe('app://ringside/api/calls/ringover-a%20b/recording');
    const handlers = { audio: vi.fn(), ended: vi.fn() };
    bridge.listen('ringover-1', handlers);
    expect(api.listen).toHaveBeenCalledWith('ringover-1', handlers.audio, handlers.ended);
  });
});
