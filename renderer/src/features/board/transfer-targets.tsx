// The team's Ringover users and numbers as transfer targets, with their availability, searchable,
// refreshed while the form is open. A target who is not available stays listed, marked (a
// supervisor may still choose them); one that cannot take a transfer (no number) is disabled.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Availability, TransferTargets } from '../../../../shared/ringover.ts';
import { useBridge } from '../../bridge/context.ts';

/** How often the list is read again while the form is open, in ms. */
export const TARGETS_REFRESH_MS = 15_000;

const UNAVAILABLE: ReadonlySet<Availability> = new Set(['busy', 'in-call', 'offline']);

export function TransferTargetList({ onPick }: { onPick: (to: string) => void }) {
  const api = useBridge();
  const { t } = useTranslation();
  const [list, setList] = useState<TransferTargets | undefined>();
  const [search, setSearch] = useState('');
  useEffect(() => {
    let stopped = false;
    const load = () =>
      api.transferTargets().then(
        (next) => !stopped && setList(next),
        () => undefined, // offline or no key: the typed number still works
      );
    void load();
    const timer = setInterval(() => void load(), TARGETS_REFRESH_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [api]);
  if (!list || (list.targets.length === 0 && list.problems.length === 0)) return null;
  const needle = search.trim().toLowerCase();
  const shown = list.targets.filter((target) => !needle || target.name.toLowerCase().includes(needle) || (target.to ?? '').includes(needle));
  return (
    <div className="transfer-targets">
      {list.targets.length > 0 && (
        <input type="search" aria-label={t('transfer.searchTeam')} placeholder={t('transfer.searchTeam')} value={search} onChange={(event) => setSearch(event.target.value)} />
      )}
      <ul className="target-list" aria-label={t('transfer.team')}>
        {shown.map((target) => {
          const unavailable = UNAVAILABLE.has(target.availability);
          return (
            <li key={`${target.kind}-${target.id}`} className={unavailable ? 'unavailable' : undefined} data-availability={target.availability}>
              <button type="button" className="chip-button" disabled={!target.to} onClick={() => target.to && onPick(target.to)}>
                <span className="target-name">{target.name}</span>
                {target.availability !== 'unknown' && <span className={`availability presence-${target.availability}`}>{t(`transfer.availability.${target.availability}`)}</span>}
              </button>
            </li>
          );
        })}
      </ul>
      {list.problems.map((problem) => (
        <p key={problem} className="hint">
          {problem}
        </p>
      ))}
    </div>
  );
}
