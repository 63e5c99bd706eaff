// Requests about a person's data (GDPR access and erasure), answered by an administrator: every call
// of a phone number typed in any format, all of it exported as a zip, or erased (after a
// confirmation), with what was kept and why.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { NumberCalls, NumberErasure } from '../../../../shared/privacy.ts';
import { useBridge } from '../../bridge/context.ts';
import { useFormats } from '../../i18n/use-formats.ts';
import { parties, partyName } from '../board/call-state.ts';

function saveZip(fileName: string, base64: string): void {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: 'application/zip' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function PrivacyView() {
  const api = useBridge();
  const { t } = useTranslation();
  const f = useFormats();
  const numberId = useId();
  const [number, setNumber] = useState('');
  const [found, setFound] = useState<NumberCalls | undefined>();
  const [erased, setErased] = useState<NumberErasure | undefined>();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  const act = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(undefined);
    try {
      await work();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="privacy-view" aria-labelledby="privacy-title">
      <h1 id="privacy-title">{t('privacy.view.title')}</h1>
      <p className="hint">{t('privacy.view.intro')}</p>
      <form
        className="search"
        onSubmit={(event) => {
          event.preventDefault();
          setErased(undefined);
          setConfirming(false);
          void act(async () => setFound(await api.findNumber(number)));
        }}
      >
        <label htmlFor={numberId}>{t('privacy.view.number')}</label>
        <input id={numberId} type="tel" value={number} placeholder="+33 6 12 34 56 78" onChange={(event) => setNumber(event.target.value)} />
        <button type="submit" className="btn primary" disabled={busy || !number.trim()}>
          {t('privacy.view.find')}
        </button>
      </form>
      {error && (
        <p className="error-line" role="alert">
          {error}
        </p>
      )}
      {found && (
        <div className="privacy-found" role="status">
          <p>{t('privacy.view.found', { count: found.calls.length, number: found.number, other: found.otherEvents })}</p>
          {found.calls.length > 0 && (
            <ul className="privacy-calls">
              {found.calls.map((call) => {
                const { caller, callee } = parties(call);
                return (
                  <li key={call.id}>
                    <a href={`#/calls/${encodeURIComponent(call.id)}`}>
                      {f.dateTime(call.startedAt)} · {partyName(caller)} → {partyName(callee)}
                    </a>
                    {call.legalHold && <span className="chip hold">{t('privacy.held')}</span>}
                  </li>
                );
              })}
            </ul>
          )}
          <div className="actions">
            <button type="button" className="btn" disabled={busy || found.calls.length + found.otherEvents === 0} onClick={() => void act(async () => {
              const zip = await api.exportNumber(found.number);
              saveZip(zip.fileName, zip.zip);
            })}>
              {t('privacy.view.export')}
            </button>
            {confirming ? (
              <>
                <button type="button" className="btn danger" disabled={busy} onClick={() => void act(async () => {
                  setErased(await api.eraseNumber(found.number));
                  setFound(undefined);
                  setConfirming(false);
                })}>
                  {t('privacy.view.confirmErase', { count: found.calls.length })}
                </button>
                <button type="button" className="btn" onClick={() => setConfirming(false)}>
                  {t('privacy.view.cancel')}
                </button>
              </>
            ) : (
              <button type="button" className="btn" disabled={busy || found.calls.length + found.otherEvents === 0} onClick={() => setConfirming(true)}>
                {t('privacy.view.erase')}
              </button>
            )}
          </div>
        </div>
      )}
      {erased && (
        <div role="status">
          <p>{t('privacy.view.erased', { count: erased.erased, events: erased.events, recordings: erased.recordings })}</p>
          {erased.kept.length > 0 && (
            <ul>
              {erased.kept.map((kept) => (
                <li key={kept.id}>{t(kept.reason === 'live' ? 'privacy.view.keptLive' : 'privacy.view.keptHold', { id: kept.id })}</li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}
