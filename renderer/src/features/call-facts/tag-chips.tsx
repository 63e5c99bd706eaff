// A call's tags (labels set after the call) as chips, in the provider's order.
import { useTranslation } from 'react-i18next';

export function TagChips({ tags }: { tags: readonly string[] | undefined }) {
  const { t } = useTranslation();
  if (!tags?.length) return null;
  return (
    <ul className="tags" aria-label={t('facts.tags')}>
      {tags.map((tag) => (
        <li key={tag} className="chip tag">
          {tag}
        </li>
      ))}
    </ul>
  );
}
