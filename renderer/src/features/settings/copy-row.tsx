import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/** A value to paste elsewhere, with a copy button that says when it worked. */
export function CopyRow({ label, value }: { label: string; value: string }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  return (
    <div className="copy-row">
      <span className="copy-label">{label}</span>
      <code>{value}</code>
      <button
        type="button"
        className="btn ghost"
        aria-label={t('copy.label', { label })}
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
        {copied ? t('copy.copied') : t('copy.copy')}
      </button>
    </div>
  );
}
