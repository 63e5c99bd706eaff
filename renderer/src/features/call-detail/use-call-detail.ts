// A call's full record for the detail view: loaded once, then kept current from the live feed.
import { useEffect, useState } from 'react';
import { ApiError, type CallDetail } from '../../../../shared/api.ts';
import type { Call, CallEvent, TurnMetrics, Utterance } from '../../../../shared/call.ts';
import { useBridge } from '../../bridge/context.ts';
import { i18n } from '../../i18n/index.ts';
import { onLiveMessage } from '../../store/actions.ts';
import { useStore } from '../../store/index.ts';

export interface DetailState {
  call: Call | undefined;
  events: CallEvent[];
  error: string | undefined;
  loading: boolean;
}

export const utterancesOf = (events: readonly CallEvent[]): Utterance[] =>
  events.filter((e) => e.type === 'utterance').map((e) => (e.detail as { utterance: Utterance }).utterance);

export const turnsOf = (events: readonly CallEvent[]): TurnMetrics[] =>
  events.filter((e) => e.type === 'turn').map((e) => (e.detail as { metrics: TurnMetrics }).metrics);

export function useCallDetail(id: string): DetailState {
  const api = useBridge();
  const [detail, setDetail] = useState<CallDetail | undefined>();
  const [error, setError] = useState<string | undefined>();
  const liveCall = useStore((s) => s.calls.get(id));

  useEffect(() => {
    let cancelled = false;
    setDetail(undefined);
    setError(undefined);
    api.getCall(id).then(
      (loaded) => {
        if (cancelled) return;
        setDetail(loaded);
        useStore.getState().seedTranscript(id, utterancesOf(loaded.events));
      },
      (failure: unknown) => !cancelled && setError(failure instanceof ApiError && failure.status === 404 ? i18n.t('detail.gone') : (failure as Error).message),
    );
    const stop = onLiveMessage((message) => {
      if (message.type === 'event.appended' && message.event.callId === id) {
        setDetail((current) => (current && !current.events.some((e) => e.id === message.event.id) ? { ...current, events: [...current.events, message.event] } : current));
      }
      if (message.type === 'call.updated' && message.call.id === id) setDetail((current) => (current ? { ...current, call: message.call } : current));
    });
    return () => {
      cancelled = true;
      stop();
    };
  }, [api, id]);

  return { call: liveCall ?? detail?.call, events: detail?.events ?? [], error, loading: !detail && !error };
}
