// The live board: every live call as a card, what needs a supervisor first. While the pointer is
// over the board or the keyboard focus is in it, cards keep their places (nothing jumps under the
// mouse after a take-over); the board sorts again once the supervisor leaves it.
import { useCallback, useRef, useState, type FocusEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { useBridge } from '../../bridge/context.ts';
import { useStore } from '../../store/index.ts';
import { EmptyState } from '../../ui/empty-state.tsx';
import { BriefingDock } from '../briefing/briefing-dock.tsx';
import { CallCard } from './call-card.tsx';
import { keepPlaces, orderCalls } from './call-state.ts';

export function Board() {
  const api = useBridge();
  const { t } = useTranslation();
  const sorted = useStore(useShallow((s) => orderCalls(s.calls.values(), s.holding).map((call) => call.id)));
  const connection = useStore((s) => s.connection.state);
  const demoRunning = useStore((s) => s.health?.demo.running ?? false);
  const [demoError, setDemoError] = useState<string | undefined>();
  const [hovered, setHovered] = useState(false);
  const [focused, setFocused] = useState(false);
  const shown = useRef<string[]>([]);
  const ids = hovered || focused ? keepPlaces(shown.current, sorted) : sorted;
  shown.current = ids;
  const onBlur = useCallback((event: FocusEvent) => {
    if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setFocused(false);
  }, []);

  if (ids.length === 0) {
    if (connection === 'connecting') return <EmptyState title={t('board.connecting')} tone="loading" />;
    if (connection === 'offline')
      return (
        <EmptyState title={t('board.offline.title')}>
          <p>{t('board.offline.text')}</p>
        </EmptyState>
      );
    const startDemo = async () => {
      setDemoError(undefined);
      try {
        await api.setDemo(true);
        useStore.getState().setHealth(await api.health());
      } catch (error) {
        setDemoError((error as Error).message);
      }
    };
    return (
      <EmptyState title={t('board.empty.title')}>
        <p>{t('board.empty.text')}</p>
        <p>
          {demoRunning ? (
            t('board.empty.demoStarting')
          ) : (
            <button type="button" className="btn primary" onClick={() => void startDemo()}>
              {t('board.empty.startDemo')}
            </button>
          )}{' '}
          <a href="#/settings">{t('board.empty.connect')}</a>
        </p>
        {demoError && (
          <p className="error-line" role="alert">
            {demoError}
          </p>
        )}
      </EmptyState>
    );
  }
  return (
    <>
      <BriefingDock />
      <section
        className={`board ${connection === 'online' ? '' : 'stale'}`}
        aria-label={t('board.label', { count: ids.length })}
        aria-busy={connection !== 'online'}
        onPointerEnter={() => setHovered(true)}
        onPointerLeave={(event) => {
          setHovered(false);
          // A focused button that went away (Take over became Hand back) leaves no focusout behind.
          if (!event.currentTarget.contains(document.activeElement)) setFocused(false);
        }}
        onFocus={() => setFocused(true)}
        onBlur={onBlur}
      >
        {ids.map((id) => (
          <CallCard key={id} callId={id} />
        ))}
      </section>
    </>
  );
}
