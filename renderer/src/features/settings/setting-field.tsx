// One setting in the form, by kind; secrets show only whether they are set.
import { useId } from 'react';
import { nameSetting } from '../../../../shared/setting-names.ts';
import { LOCKING_SOURCES, type SettingInfo, type SettingState } from '../../../../shared/settings.ts';

const SOURCE: Record<SettingState['source'], string> = {
  default: 'default',
  saved: 'saved here',
  demo: 'made up for the demo',
  file: 'config file',
  env: 'environment',
  flag: 'command line',
};

export function SettingField({ info, state, draft, onChange }: { info: SettingInfo; state: SettingState; draft: string | null | undefined; onChange: (value: string | null) => void }) {
  const id = useId();
  const locked = LOCKING_SOURCES.includes(state.source);
  // A value the operator set is named the way they set it: its variable, its flag, or the file.
  const where = state.source === 'env' || state.source === 'flag' ? nameSetting(info.key, state.source) : SOURCE[state.source];
  const help = locked ? `Set by ${where}: change it there, then restart Ringside.` : info.help;
  const common = { id, disabled: locked, 'aria-describedby': `${id}-help` };
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
        placeholder={draft === null ? 'Will be cleared' : state.set ? '•••••••• set: type to replace' : 'Not set'}
        onChange={(event) => onChange(event.target.value)}
      />
    );
  } else if (info.kind === 'select') {
    input = (
      <select {...common} value={value} onChange={(event) => onChange(event.target.value)}>
        {info.options?.map((option) => (
          <option key={option}>{option}</option>
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
        {info.label} <span className={`source ${state.source}`}>{SOURCE[state.source]}</span>
      </label>
      {input}
      {info.kind === 'secret' && state.set && state.source === 'saved' && draft !== null && (
        <button type="button" className="btn ghost small" onClick={() => onChange(null)}>
          Clear
        </button>
      )}
      <p id={`${id}-help`} className="help">
        {help}
      </p>
    </div>
  );
}
