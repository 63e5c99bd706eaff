// DTMF keypad: each key press goes to the call at once, as a phone's would. Keys typed on the
// keyboard work too while the keypad is open.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'];

export function Keypad({ onKey, onClose }: { onKey: (key: string) => void; onClose?: () => void }) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState('');
  const press = (key: string) => {
    setTyped((before) => (before + key).slice(-24));
    onKey(key);
  };
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.target instanceof HTMLInputElement || event.target instanceof HTMLTextAreaElement) return;
      if (KEYS.includes(event.key)) {
        event.preventDefault();
        event.stopPropagation();
        press(event.key);
      } else if (event.key === 'Escape' && onClose) {
        event.preventDefault();
        onClose();
      }
    };
    window.addEventListener('keydown', onKeyDown, true);
    return () => window.removeEventListener('keydown', onKeyDown, true);
  });
  return (
    <div className="keypad" role="group" aria-label={t('keypad.label')}>
      <output className="keypad-typed">{typed || t('keypad.empty')}</output>
      <div className="keypad-keys">
        {KEYS.map((key) => (
          <button key={key} type="button" className="key" onClick={() => press(key)} aria-label={t('keypad.key', { key })}>
            {key}
          </button>
        ))}
      </div>
      {onClose && (
        <button type="button" className="btn ghost" onClick={onClose}>
          {t('keypad.close')}
        </button>
      )}
    </div>
  );
}
