// Transfer: a number or an extension, checked with the same rule the engine applies, and the
// last few targets one click away.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { commandSchema } from '../../../../shared/commands.ts';
import { i18n } from '../../i18n/index.ts';
import { TransferTargetList } from './transfer-targets.tsx';

const RECENT_KEY = 'ringside.recentTransfers';
const RECENT_KEPT = 5;

export function recentTargets(storage: Storage = window.localStorage): string[] {
  try {
    const parsed = JSON.parse(storage.getItem(RECENT_KEY) ?? '[]') as unknown;
    return Array.isArray(parsed) ? parsed.filter((t): t is string => typeof t === 'string').slice(0, RECENT_KEPT) : [];
  } catch {
    return [];
  }
}

export function rememberTarget(target: string, storage: Storage = window.localStorage): void {
  storage.setItem(RECENT_KEY, JSON.stringify([target, ...recentTargets(storage).filter((t) => t !== target)].slice(0, RECENT_KEPT)));
}

/** The number as it goes on the wire (the engine's own rule), or why it cannot be one. */
export function checkTarget(input: string): { to: string } | { error: string } {
  const parsed = commandSchema.safeParse({ type: 'transfer', to: input });
  if (!parsed.success || parsed.data.type !== 'transfer') return { error: i18n.t('transfer.invalid') };
  return { to: parsed.data.to };
}

export function TransferForm({ onTransfer, onClose }: { onTransfer: (to: string) => Promise<boolean>; onClose: () => void }) {
  const { t } = useTranslation();
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [recent, setRecent] = useState(recentTargets);
  const id = useId();
  const submit = async (target: string) => {
    const checked = checkTarget(target);
    if ('error' in checked) return setError(checked.error);
    setError(undefined);
    if (await onTransfer(checked.to)) {
      rememberTarget(checked.to);
      setRecent(recentTargets());
      onClose();
    }
  };
  return (
    <form
      className="transfer-form"
      onSubmit={(event) => {
        event.preventDefault();
        void submit(value);
      }}
    >
      <label htmlFor={id}>{t('transfer.to')}</label>
      <input
        id={id}
        autoFocus
        inputMode="tel"
        placeholder={t('transfer.placeholder')}
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(event) => setValue(event.target.value)}
        onKeyDown={(event) => event.key === 'Escape' && onClose()}
      />
      {error && (
        <p id={`${id}-error`} className="field-error" role="alert">
          {error}
        </p>
      )}
      <TransferTargetList onPick={(to) => void submit(to)} />
      {recent.length > 0 && (
        <div className="recent" role="group" aria-label={t('transfer.recent')}>
          {recent.map((target) => (
            <button key={target} type="button" className="chip-button" onClick={() => void submit(target)}>
              {target}
            </button>
          ))}
        </div>
      )}
      <div className="form-actions">
        <button type="submit" className="btn primary">
          {t('transfer.submit')}
        </button>
        <button type="button" className="btn ghost" onClick={onClose}>
          {t('transfer.cancel')}
        </button>
      </div>
    </form>
  );
}
