import { useState } from 'react';

/** A value to paste elsewhere, with a copy button that says when it worked. */
export function CopyRow({ label, value }: { label: string; value: string }) {
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
