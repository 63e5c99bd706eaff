// Public access and onboarding: how providers reach Ringside (with the tunnel's state), the exact
// URLs to paste into each provider's dashboard and the events to switch on there, a signed test
// event sent through the public URL to prove the path, and the demo switch.
import { useState } from 'react';
import { PROVIDER_GUIDE, providerUrls, streamerUrl, type TestEventResult } from '../../../../shared/access.ts';
import type { Health } from '../../../../shared/api.ts';
import { PROVIDERS, type Provider } from '../../../../shared/call.ts';
import { useBridge } from '../../bridge/context.ts';
import { useStore } from '../../store/index.ts';
import { describeAccess, PLACEHOLDER, publicBase } from './access-status.ts';
import { CopyRow } from './copy-row.tsx';

function TestEvent({ provider }: { provider: Provider }) {
  const api = useBridge();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<TestEventResult | { ok: false; message: string }>();
  const send = async () => {
    setBusy(true);
    setResult(undefined);
    try {
      setResult(await api.testEvent(provider));
    } catch (error) {
      setResult({ ok: false, message: (error as Error).message });
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="test-event">
      <button type="button" className="btn" onClick={() => void send()} disabled={busy} aria-label={`Send a test event for ${PROVIDER_GUIDE[provider].name}`}>
        {busy ? 'Sending…' : 'Send a test event'}
      </button>
      <span className={`feedback ${result ? (result.ok ? 'ok' : 'error') : ''}`} role="status" aria-live="polite">
        {result?.ok && (
          <>
            Arrived through {new URL(result.url).host} in {result.ms} ms and was stored. <a href={`#/calls/${encodeURIComponent(result.callId)}`}>See it in the event log</a>
          </>
        )}
        {result && !result.ok && result.message}
      </span>
    </div>
  );
}

export function Onboarding({ health }: { health: Health }) {
  const api = useBridge();
  const access = health.access;
  const base = access.url && !access.needsAddress ? access.url : publicBase(access.url ?? health.publicUrl).base;
  const state = describeAccess(access);
  const toggleDemo = async () => {
    await api.setDemo(!health.demo.running);
    useStore.getState().setHealth(await api.health());
  };
  return (
    <section className="panel onboarding" aria-label="Connect your providers">
      <h2>Public access</h2>
      <p className={`access-state ${state.tone}`} role="status">
        {state.text}
      </p>
      <p>Paste these into each provider’s dashboard, switch on the events listed, set its secret below, then send a test event.</p>
      {PROVIDERS.map((provider) => (
        <div key={provider} className="provider-guide">
          <CopyRow label={`${PROVIDER_GUIDE[provider].name} webhooks`} value={providerUrls(base, provider).webhook} />
          <p className="hint">Events: {PROVIDER_GUIDE[provider].events}</p>
          <TestEvent provider={provider} />
        </div>
      ))}
      <CopyRow label="Live audio (ringover-streamer)" value={streamerUrl(base)} />
      <p className="hint">Replace &lt;stream token&gt; with the stream token you set under Live audio.</p>
      {base.includes(PLACEHOLDER) && <p className="hint">Replace {PLACEHOLDER} with this machine’s public address, or choose the built-in tunnel.</p>}
      <div className="demo-switch">
        <p>{health.demo.running ? 'Demo calls are running: simulated callers stream audio, so the board has something to show.' : 'No provider yet? Demo calls show the board working.'}</p>
        <button type="button" className="btn" onClick={() => void toggleDemo()}>
          {health.demo.running ? 'Stop demo calls' : 'Start demo calls'}
        </button>
      </div>
    </section>
  );
}
