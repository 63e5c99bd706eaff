// The live board: every live call as a card, what needs a supervisor first.
import { useShallow } from 'zustand/react/shallow';
import { useBridge } from '../../bridge/context.ts';
import { useStore } from '../../store/index.ts';
import { EmptyState } from '../../ui/empty-state.tsx';
import { CallCard } from './call-card.tsx';
import { orderCalls } from './call-state.ts';

export function Board() {
  const api = useBridge();
  const ids = useStore(useShallow((s) => orderCalls(s.calls.values(), s.holding).map((call) => call.id)));
  const connection = useStore((s) => s.connection.state);
  const demoRunning = useStore((s) => s.health?.demo.running ?? false);

  if (ids.length === 0) {
    if (connection === 'connecting') return <EmptyState title="Connecting to Ringside…" tone="loading" />;
    return (
      <EmptyState title="No live calls">
        <p>Calls appear here the moment a provider announces them or a media server streams their audio.</p>
        <p>
          {demoRunning ? (
            'Demo calls are starting…'
          ) : (
            <button type="button" className="btn primary" onClick={() => void api.setDemo(true).then(() => api.health().then(useStore.getState().setHealth))}>
              Start demo calls
            </button>
          )}{' '}
          <a href="#/settings">Connect a provider</a>
        </p>
      </EmptyState>
    );
  }
  return (
    <section className="board" aria-label={`Live calls (${ids.length})`}>
      {ids.map((id) => (
        <CallCard key={id} callId={id} />
      ))}
    </section>
  );
}
