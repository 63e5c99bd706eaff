// One setting in the form, by kind; secrets show only whether they are set. Its label, help and
// choices come in the console's language (the catalog's English is the engine's own).
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { nameSetting } from '../../../../shared/setting-names.ts';
import type en from '../../../../shared/i18n/en.json';
import { LOCKING_SOURCES, type SettingInfo, type SettingState } from '../../../../shared/settings.ts';

type SettingOption = keyof (typeof en)['settingOptions'];

export function SettingField({
  info,
  state,
  draft,
  onChange,
  warning,
}: {
  info: SettingInfo;
  state: SettingState;
  draft: string | null | undefined;
  onChange: (value: string | null) => void;
  /** Something about the value the supervisor should know (an address providers cannot reach). */
  warning?: string | undefined;
}) {
  const { t } = useTranslation();
  const id = useId();
  const locked = LOCKING_SOURCES.includes(state.source);
  const source = t(`settings.source.${state.source}`);
  // A value the operator set is named the way they set it: its variable, its flag, or the file.
  const where = state.source === 'env' || state.source === 'flag' ? nameSetting(info.key, state.source) : source;
  const help = locked ? t('settings.locked', { where }) : t(`settingFields.${info.key}.help`);
  const describedBy = [`${id}-help`, warning ? `${id}-warning` : ''].filter(Boolean).join(' ');
  const common = { id, disabled: locked, 'aria-describedby': describedBy };
  const value = draft === undefined ? (state.value ?? '') : (draft ?? '');
  let input;
  if (info.kind === 'secret') {
    input = (
      <input
        {...common}
        type="password"
        autoComplete="new-password"
        spellCheck={false}
        value={draft ?? ''}
        placeholder={draft === null ? t('settings.willClear') : state.set ? t('settings.secretSet') : t('settings.notSet')}
        onChange={(event) => onChange(event.target.value)}
      />
    );
  } else if (info.kind === 'select') {
    input = (
      <select {...common} value={value} onChange={(event) => onChange(event.target.value)}>
        {!value && <option value="">{t('settings.chooseDefault')}</option>}
        {info.options?.map((option) => (
          <option key={option} value={option}>
            {t(`settingOptions.${option as SettingOption}`)}
          </option>
        ))}
      </select>
    );
  } else if (info.kind === 'textarea') {
    input = <textarea {...common} rows={3} value={value} onChange={(event) => onChange(event.target.value)} />;
  } else {
    input = <input {...common} type={info.kind === 'number' ? 'number' : info.kind === 'url' ? 'url' : 'text'} value={value} onChange={(event) => onChange(event.target.value)} />;
  }
  return (
    <div className={`field ${locked ? 'locked' : ''}`}>
      <label htmlFor={id}>
        {t(`settingFields.${info.key}.label`)} <span className={`source ${state.source}`}>{source}</span>
      </label>
      {input}
      {info.kind === 'secret' && state.set && state.source === 'saved' && draft !== null && (
        <button type="button" className="btn ghost small" onClick={() => onChange(null)}>
          {t('settings.clear')}
        </button>
      )}
      <p id={`${id}-help`} className="help">
        {help}
      </p>
      {warning && (
        <p id={`${id}-warning`} className="hint warning" role="alert">
          {warning}
        </p>
      )}
    </div>
  );
}
