// Public access and onboarding: how providers reach Ringside (with the tunnel's state), the exact
// URLs to paste into each provider's dashboard and the events to switch on there, a signed test
// event sent through the public URL to prove the path, and the demo switch.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PROVIDER_GUIDE, providerUrls, streamerUrl, type TestEventResult } from '../../../../shared/access.ts';
import type { Health } from '../../../../shared/api.ts';
import { PROVIDERS, type Provider } from '../../../../shared/call.ts';
import { useBridge } from '../../bridge/context.ts';
import { useFormats } from '../../i18n/use-formats.ts';
import { useStore } from '../../store/index.ts';
import { describeAccess, PLACEHOLDER, publicBase } from './access-status.ts';
import { CopyRow } from './copy-row.tsx';

function TestEvent({ provider }: { provider: Provider }) {
  const api = useBridge();
  const { t } = useTranslation();
  const f = useFormats();
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
  // The engine says when the address is one only this machine (or its network) reaches: no provider can.
  const unreachable = result && 'warning' in result && result.warning?.code === 'unreachable-address' ? result.warning.host : undefined;
  return (
    <div className="test-event">
      <button type="button" className="btn" onClick={() => void send()} disabled={busy} aria-label={t('onboarding.testFor', { name: PROVIDER_GUIDE[provider].name })}>
        {busy ? t('onboarding.sending') : t('onboarding.test')}
      </button>
      <span className={`feedback ${result ? (result.ok ? (unreachable ? 'warn' : 'ok') : 'error') : ''}`} role="status" aria-live="polite">
        {result?.ok && (
          <>
            {t('onboarding.arrived', { host: new URL(result.url).host, ms: f.number(result.ms) })}{' '}
            {unreachable && <strong>{t('onboarding.arrivedUnreachable', { host: unreachable })} </strong>}
            <a href={`#/calls/${encodeURIComponent(result.callId)}`}>{t('onboarding.seeIt')}</a>
          </>
        )}
        {/* The engine's message has no full stop of its own; the next sentence must not run on. */}
        {result && !result.ok && t('onboarding.failedMessage', { message: result.message.replace(/\.$/, '') })}
        {result && !result.ok && unreachable && <strong> {t('onboarding.failedUnreachable', { host: unreachable })}</strong>}
      </span>
    </div>
  );
}

export function Onboarding({ health }: { health: Health }) {
  const api = useBridge();
  const { t } = useTranslation();
  const access = health.access;
  const base = access.url && !access.needsAddress ? access.url : publicBase(access.url ?? health.publicUrl).base;
  const state = describeAccess(access);
  const [demoError, setDemoError] = useState<string | undefined>();
  const toggleDemo = async () => {
    setDemoError(undefined);
    try {
      await api.setDemo(!health.demo.running);
      useStore.getState().setHealth(await api.health());
    } catch (error) {
      setDemoError((error as Error).message);
    }
  };
  return (
    <section className="panel onboarding" aria-labelledby="onboarding-title">
      <h2 id="onboarding-title">{t('onboarding.title')}</h2>
      <p className={`access-state ${state.tone}`} role="status">
        {state.text}
      </p>
      <p>{t('onboarding.paste')}</p>
      {PROVIDERS.map((provider) => (
        <div key={provider} className="provider-guide">
          <CopyRow label={t('onboarding.webhooks', { name: PROVIDER_GUIDE[provider].name })} value={providerUrls(base, provider).webhook} />
          <p className="hint">{t('onboarding.events', { events: t(`providerEvents.${provider}`) })}</p>
          <TestEvent provider={provider} />
        </div>
      ))}
      <CopyRow label={t('onboarding.liveAudio')} value={streamerUrl(base)} />
      <p className="hint">{t('onboarding.streamToken')}</p>
      {base.includes(PLACEHOLDER) && <p className="hint">{t('onboarding.placeholder', { placeholder: PLACEHOLDER })}</p>}
      <div className="demo-switch">
        <p>{health.demo.running ? t('onboarding.demoRunning') : t('onboarding.demoOff')}</p>
        <button type="button" className="btn" onClick={() => void toggleDemo()}>
          {health.demo.running ? t('onboarding.stopDemo') : t('onboarding.startDemo')}
        </button>
      </div>
      {demoError && (
        <p className="error-line" role="alert">
          {demoError}
        </p>
      )}
    </section>
  );
}
