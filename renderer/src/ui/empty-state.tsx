import type { ReactNode } from 'react';

/** A designed empty, loading or error state: a title, a sentence, and what to do next. */
export function EmptyState({ title, children, tone = 'neutral' }: { title: string; children?: ReactNode; tone?: 'neutral' | 'error' | 'loading' }) {
  return (
    <section className={`empty-state ${tone}`} role={tone === 'error' ? 'alert' : 'status'} aria-busy={tone === 'loading'}>
      <h2>{title}</h2>
      {children}
    </section>
  );
}
