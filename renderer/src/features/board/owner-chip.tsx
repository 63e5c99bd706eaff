// The chip that says who has the call: the bot, you, another supervisor, a person of the call
// center by name, or nobody yet. Each looks different, so a take-over shows at a glance.
import { useTranslation } from 'react-i18next';
import type { Owner } from './call-state.ts';

export function OwnerChip({ owner }: { owner: Owner }) {
  const { t } = useTranslation();
  const text = useOwnerText(owner);
  return (
    <span className={`chip owner-${owner.kind}`} title={t(`owner.explain.${owner.kind}`)}>
      {text}
    </span>
  );
}

/** The words a screen reader hears for the owner, after the call's parties. */
export function useOwnerText(owner: Owner): string {
  const { t } = useTranslation();
  return owner.kind === 'person' ? (owner.name ?? t('owner.personUnnamed')) : t(`owner.${owner.kind}`);
}
