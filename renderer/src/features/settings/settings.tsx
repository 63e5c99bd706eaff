// Settings: provider secrets, the stream token, the AI models and the bot. Secrets are write-only:
// the form says whether one is set, never shows it. Values the operator set outside the console
// (environment, flags, config file) are shown locked, with where to change them.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { unreachableHost } from '../../../../shared/access.ts';
import { GROUP_LABELS, type SettingGroup, type SettingKey } from '../../../../shared/setting-catalog.ts';
import { SETTINGS, type SettingsView } from '../../../../shared/settings.ts';
import { useBridge } from '../../bridge/context.ts';
import { useStore } from '../../store/index.ts';
import { EmptyState } from '../../ui/empty-state.tsx';
import { ConsolePreferences } from './console-preferences.tsx';
import { ConnectionPanel } from './connection-panel.tsx';
import { mayAdminister } from '../../store/team-slice.ts';
import { Onboarding } from './onboarding.tsx';
import { SettingField } from './setting-field.tsx';
import { RingoverKeyPanel } from './ringover-key.tsx';

/** The groups that hold a setting the console can change, in the catalog's order. */
const GROUPS = (Object.keys(GROUP_LABELS) as SettingGroup[]).filter((group) => SETTINGS.some((info) => info.group === group));

export function Settings() {
  const api = useBridge();
  const { t } = useTranslation();
  const health = useStore((s) => s.health);
  const [view, setView] = useState<SettingsView | undefined>();
  // What the form's fields hold: text, as typed (the engine reads numbers from it).
  const [draft, setDraft] = useState<Partial<Record<SettingKey, string | null>>>({});
  const [message, setMessage] = useState<{ tone: 'ok' | 'error'; text: string } | undefined>();

  const administer = useStore((s) => mayAdminister(s.me));
  useEffect(() => {
    if (!administer) return;
    api.settings().then(setView, (error: Error) => setMessage({ tone: 'error', text: error.message }));
  }, [api, administer]);
  // The desktop app: what it runs on (this computer or a Ringside server), and switching.
  const desktop = api.connection && <ConnectionPanel control={api.connection} />;
  // Connected to a server with a role that may not change its settings: this app's own settings only.
  if (!administer)
    return (
      <div className="settings">
        <ConsolePreferences />
        {desktop}
      </div>
    );

  if (!view)
    return (
      <div className="settings">
        <ConsolePreferences />
        {desktop}
        {message ? (
          <EmptyState title={t('settings.unavailable')} tone="error">
            <p>{message.text}</p>
          </EmptyState>
        ) : (
          <EmptyState title={t('settings.loading')} tone="loading" />
        )}
      </div>
    );

  const changed = Object.keys(draft).length > 0;
  const save = async () => {
    try {
      setView(await api.updateSettings(draft));
      setDraft({});
      setMessage({ tone: 'ok', text: t('settings.saved') });
      useStore.getState().setHealth(await api.health());
    } catch (error) {
      setMessage({ tone: 'error', text: (error as Error).message });
    }
  };
  /** What a field holds now: the draft when edited, else the engine's value. */
  const current = (key: SettingKey) => (key in draft ? (draft[key] ?? '') : (view.settings.find((s) => s.key === key)?.value ?? ''));
  const unreachable = unreachableHost(current('publicUrl'));
  const warnings: Partial<Record<SettingKey, string>> = unreachable ? { publicUrl: t('settings.unreachableUrl', { host: unreachable }) } : {};
  const edit = (key: SettingKey, value: string | null) => {
    setMessage(undefined);
    setDraft((current) => ({ ...current, [key]: value }));
  };

  return (
    <div className="settings">
      <ConsolePreferences />
      {desktop}
      {health && <Onboarding health={health} />}
      <form
        className="panel settings-form"
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <h2>{t('settings.title')}</h2>
        {!view.secretsPersist && <p className="hint">{t('settings.secretsForRun')}</p>}
        {view.secretsWarning && (
          <p className="hint warning" role="alert">
            {view.secretsWarning}
          </p>
        )}
        {GROUPS.map((group) => (
          <fieldset key={group}>
            <legend>{t(`settingGroups.${group}`)}</legend>
            {SETTINGS.filter((info) => info.group === group).map((info) => (
              <SettingField
                key={info.key}
                info={info}
                state={view.settings.find((s) => s.key === info.key)!}
                draft={draft[info.key]}
                warning={warnings[info.key]}
                onChange={(value) => edit(info.key, value)}
              />
            ))}
            {group === 'ringover' && <RingoverKeyPanel />}
          </fieldset>
        ))}
        <div className="form-actions sticky">
          <button type="submit" className="btn primary" disabled={!changed}>
            {t('settings.save')}
          </button>
          <button type="button" className="btn ghost" disabled={!changed} onClick={() => setDraft({})}>
            {t('settings.discard')}
          </button>
          <p className={`feedback ${message?.tone ?? ''}`} role="status" aria-live="polite">
            {message?.text}
          </p>
        </div>
      </form>
    </div>
  );
}
