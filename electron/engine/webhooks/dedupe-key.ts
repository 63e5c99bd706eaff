// One rule for every provider: a redelivery is the same event sent again (the same content and
// time; only what counts the attempts may change), anything else is a new event. Providers send
// legitimately recurring events under the same natural key (Ringover's tags_updated and
// comments_updated, a Ringotel leg per user rung, a Ringg attempt per retry, a re-run analysis),
// so the key is the natural key plus a digest of the content.
import { hash } from 'node:crypto';

/**
 * `<parts…>:<digest>`: `parts` is the provider's natural key (event name, call id…; absent parts
 * are left empty), the digest (128 bits of SHA-256, hex) is over `content`, the parsed body without
 * its delivery-only members, written back as JSON: spacing and the spelling of numbers do not
 * make a new event.
 */
export function dedupeKeyOf(parts: (string | undefined)[], content: unknown): string {
  const digest = hash('sha256', JSON.stringify(content) ?? 'null', 'hex').slice(0, 32);
  return [...parts.map((part) => part ?? ''), digest].join(':');
}

/** `body` without the top-level members named in `drop` (what changes between attempts). */
export function withoutMembers(body: Record<string, unknown>, ...drop: string[]): Record<string, unknown> {
  const rest = { ...body };
  for (const key of drop) delete rest[key];
  return rest;
}
