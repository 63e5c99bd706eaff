// What a provider concluded about a finished call (Ringg's platform analysis: classification,
// sentiment, key points, action items, who ended it; the analysis the customer configured, as
// sent), and the notes written after it (Ringover comments). Values are the provider's own words.
import { useTranslation } from 'react-i18next';
import { PROVIDER_GUIDE } from '../../../../shared/access.ts';
import type { Call } from '../../../../shared/call.ts';

/** A configured analysis's key as a label: `interested_in_demo` → "interested in demo". */
const labelOf = (key: string) => key.replace(/[_-]+/g, ' ').trim();

/** A configured analysis's value as text: lists joined, objects as compact JSON. */
function valueOf(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value) && value.every((item) => typeof item !== 'object')) return value.join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

export function AnalysisPanel({ call }: { call: Call }) {
  const { t } = useTranslation();
  const analysis = call.analysis;
  const client = Object.entries(call.customAnalysis ?? {}).filter(([, value]) => valueOf(value) !== '');
  if (!analysis && !client.length) return null;
  const rows = [
    [t('analysis.classification'), analysis?.classification],
    [t('analysis.sentiment'), analysis?.sentiment],
    [t('analysis.disconnectReason'), analysis?.disconnectReason],
  ].filter((row): row is [string, string] => !!row[1]);
  const lists = [
    ['keyPoints', t('analysis.keyPoints'), analysis?.keyPoints],
    ['actionItems', t('analysis.actionItems'), analysis?.actionItems],
  ].filter((list): list is [string, string, string[]] => !!list[2]?.length);
  return (
    <section className="panel analysis" aria-labelledby="analysis-title">
      <h2 id="analysis-title">{t('analysis.title', { provider: PROVIDER_GUIDE[call.provider].name })}</h2>
      {rows.length > 0 && (
        <dl>
          {rows.map(([label, value]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      )}
      {lists.map(([key, label, items]) => (
        <div key={key}>
          <h3 id={`analysis-${key}`}>{label}</h3>
          <ul aria-labelledby={`analysis-${key}`}>
            {items.map((item, i) => (
              <li key={i}>{item}</li>
            ))}
          </ul>
        </div>
      ))}
      {client.length > 0 && (
        <>
          <h3>{t('analysis.client')}</h3>
          <dl>
            {client.map(([key, value]) => (
              <div key={key}>
                <dt>{labelOf(key)}</dt>
                <dd>{valueOf(value)}</dd>
              </div>
            ))}
          </dl>
        </>
      )}
    </section>
  );
}

export function NotesPanel({ comments }: { comments: string | undefined }) {
  const { t } = useTranslation();
  if (!comments) return null;
  return (
    <section className="panel notes" aria-labelledby="notes-title">
      <h2 id="notes-title">{t('notes.title')}</h2>
      <p className="notes-text">{comments}</p>
    </section>
  );
}
