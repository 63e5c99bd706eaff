// Transfer: a number or an extension, checked with the same rule the engine applies, and the
// last few targets one click away.
import { useId, useState } from 'react';
import { commandSchema, describeCommandError } from '../../../../shared/commands.ts';

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

/** The number as it goes on the wire, or why it cannot. */
export function checkTarget(input: string): { to: string } | { error: string } {
  const parsed = commandSchema.safeParse({ type: 'transfer', to: input });
  if (!parsed.success) return { error: describeCommandError(parsed.error).replace(/^to: /, '') };
  return parsed.data.type === 'transfer' ? { to: parsed.data.to } : { error: 'not a transfer' };
}

export function TransferForm({ onTransfer, onClose }: { onTransfer: (to: string) => Promise<boolean>; onClose: () => void }) {
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
      <label htmlFor={id}>Transfer to</label>
      <input
        id={id}
        autoFocus
        inputMode="tel"
        placeholder="+33 1 23 45 67 89 or extension"
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
      {recent.length > 0 && (
        <div className="recent" aria-label="Recent transfer targets">
          {recent.map((target) => (
            <button key={target} type="button" className="chip-button" onClick={() => void submit(target)}>
              {target}
            </button>
          ))}
        </div>
      )}
      <div className="form-actions">
        <button type="submit" className="btn primary">
          Transfer
        </button>
        <button type="button" className="btn ghost" onClick={onClose}>
          Cancel
        </button>
      </div>
    </form>
  );
}
