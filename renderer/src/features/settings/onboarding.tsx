// What to paste into each provider's dashboard, with copy buttons, and the demo switch.
import { useState } from 'react';
import type { Health } from '../../../../shared/api.ts';
import { PROVIDERS, type Provider } from '../../../../shared/call.ts';
import { useBridge } from '../../bridge/context.ts';
import { useStore } from '../../store/index.ts';

const PLACEHOLDER = 'YOUR-PUBLIC-ADDRESS';
const NAMES: Record<Provider, string> = { ringover: 'Ringover', ringotel: 'Ringotel', ringyo: 'Ringyo', ringg: 'Ringg' };

/** The engine listens on all interfaces: providers need an address they can reach instead. */
export function publicBase(url: string): { base: string; needsAddress: boolean } {
  const wildcard = /\/\/(0\.0\.0\.0|\[::\])(:\d+)?/;
  return wildcard.test(url) ? { base: url.replace(wildcard, `//${PLACEHOLDER}$2`), needsAddress: true } : { base: url, needsAddress: false };
}

function CopyRow({ label, value }: { label: string; value: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="copy-row">
      <span className="copy-label">{label}</span>
      <code>{value}</code>
      <button
        type="button"
        className="btn ghost"
        aria-label={`Copy the ${label} URL`}
        onClick={() =>
          void navigator.clipboard.writeText(value).then(
            () => {
              setCopied(true);
              setTimeout(() => setCopied(false), 1500);
            },
            () => setCopied(false),
          )
        }
      >
        {copied ? 'Copied' : 'Copy'}
      </button>
    </div>
  );
}

export function Onboarding({ health }: { health: Health }) {
  const api = useBridge();
  const web = publicBase(health.publicUrl);
  const stream = publicBase(health.streams.url);
  const toggleDemo = async () => {
    await api.setDemo(!health.demo.running);
    useStore.getState().setHealth(await api.health());
  };
  return (
    <section className="panel onboarding" aria-label="Connect your providers">
      <h2>Connect your providers</h2>
      <p>Paste these into each provider’s dashboard, then set its secret below.</p>
      {PROVIDERS.map((provider) => (
        <CopyRow key={provider} label={`${NAMES[provider]} webhooks`} value={`${web.base}/webhooks/${provider}`} />
      ))}
      <CopyRow label="Live audio (ringover-streamer)" value={`${stream.base}?token=<stream token>`} />
      {(web.needsAddress || stream.needsAddress) && (
        <p className="hint">
          Providers reach this machine from the internet: replace {PLACEHOLDER} with its public address, or the address of a tunnel to it.
        </p>
      )}
      <div className="demo-switch">
        <p>{health.demo.running ? 'Demo calls are running: simulated callers stream audio, so the board has something to show.' : 'No provider yet? Demo calls show the board working.'}</p>
        <button type="button" className="btn" onClick={() => void toggleDemo()}>
          {health.demo.running ? 'Stop demo calls' : 'Start demo calls'}
        </button>
      </div>
    </section>
  );
}
