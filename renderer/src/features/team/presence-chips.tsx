// Who is on a call: one chip per person (initials; the tooltip and the screen reader say who and
// what they do: listening, has the call, has it open).
import { useTranslation } from 'react-i18next';
import type { PresencePerson } from '../../../../shared/team.ts';
import { useStore } from '../../store/index.ts';
import { personName } from './person-name.ts';

const NONE: PresencePerson[] = [];

export function PresenceChips({ callId }: { callId: string }) {
  const { t } = useTranslation();
  const people = useStore((s) => s.presence.get(callId) ?? NONE);
  if (!people.length) return null;
  return (
    <ul className="presence" aria-label={t('team.presence')}>
      {people.map((p) => {
        const doing = [p.holding && t('team.holding'), p.listening && t('team.listening'), p.viewing && t('team.viewing')].filter(Boolean).join(', ');
        const label = t('team.person', { name: personName(p, t), doing });
        return (
          <li key={p.id} className={`presence-chip ${p.holding ? 'holding' : ''}`} title={label} aria-label={label} data-person={p.name}>
            {p.initials}
          </li>
        );
      })}
    </ul>
  );
}

/** Who holds the call, when it is not me (undefined when nobody, or me). */
export function useOtherHolder(callId: string): PresencePerson | undefined {
  const people = useStore((s) => s.presence.get(callId) ?? NONE);
  const me = useStore((s) => s.me);
  const holder = people.find((p) => p.holding);
  return holder && holder.id !== (me?.account.id ?? 'local') ? holder : undefined;
}
