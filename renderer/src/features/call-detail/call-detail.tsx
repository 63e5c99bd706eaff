// One call in full: large waveform (live) or its recording (ended), the whole transcript, the
// timeline, the bot's turn timings, and every control.
import { useCallback, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useBridge } from '../../bridge/context.ts';
import { useStore } from '../../store/index.ts';
import { EmptyState } from '../../ui/empty-state.tsx';
import { useNow } from '../../ui/use-now.ts';
import { callControls, hasLiveStream } from '../board/call-controls.ts';
import { chipOf, elapsed, parties, partyName } from '../board/call-state.ts';
import { ExportButtons } from '../history/export-buttons.tsx';
import { RecordingPlayer, type RecordingHandle } from '../history/recording-player.tsx';
import { LiveWaveform } from '../waveform/live-waveform.tsx';
import { Controls } from './controls.tsx';
import { Timeline } from './timeline.tsx';
import { TranscriptLines } from './transcript.tsx';
import { TurnMetricsTable } from './turn-metrics.tsx';
import { turnsOf, useCallDetail, utterancesOf } from './use-call-detail.ts';

export function CallDetailView({ id }: { id: string }) {
  const api = useBridge();
  const { call, events, error, loading } = useCallDetail(id);
  const liveLines = useStore(useShallow((s) => s.transcripts.get(id) ?? []));
  const feedback = useStore((s) => s.feedback.get(id));
  const now = useNow();
  const recording = useRef<RecordingHandle>(null);
  const recordingSource = useCallback(() => api.recordingUrl(id), [api, id]);

  if (error) return <EmptyState title="Call not available" tone="error"><p>{error}</p><a href="#/">Back to the board</a></EmptyState>;
  if (loading || !call) return <EmptyState title="Loading the call…" tone="loading" />;

  const { caller, callee } = parties(call);
  const live = hasLiveStream(call);
  const ended = call.state === 'ended';
  const lines = ended ? utterancesOf(events) : liveLines;
  const controls = callControls(api, id);

  return (
    <article className="detail" aria-label={`Call of ${partyName(caller)}`}>
      <header className="detail-head">
        <a href={ended ? '#/history' : '#/'} className="back">
          ← {ended ? 'History' : 'Board'}
        </a>
        <h1>
          {partyName(caller)} <span aria-hidden>→</span> {partyName(callee)}
        </h1>
        <div className="meta">
          <span className={`chip ${chipOf(call).replace(' ', '-')}`}>{chipOf(call)}</span>
          <span className="timer">{elapsed(call.startedAt, ended && call.endedAt ? Date.parse(call.endedAt) : now)}</span>
          <span>{call.provider}</span>
          <span>{new Date(call.startedAt).toLocaleString()}</span>
          {call.outcome && <span>{call.outcome}</span>}
          {call.disposition && <span className="chip disposition">{call.disposition}</span>}
        </div>
        {call.needsHuman && <p className="alert">The bot asks for a person: {call.needsHuman.reason}</p>}
        {call.bot?.error && <p className="error-line">{call.bot.error}</p>}
        {call.summary && <p className="summary">{call.summary}</p>}
        <p className={`feedback ${feedback?.tone ?? ''}`} role="status" aria-live="polite">
          {feedback?.text}
        </p>
      </header>

      {ended && call.recording ? (
        <RecordingPlayer ref={recording} source={recordingSource} lines={lines} />
      ) : (
        call.stream && <LiveWaveform callId={id} seconds={60} height={120} label="Live waveform: caller above, bot or supervisor below" />
      )}

      <div className="detail-body">
        <section className="panel transcript-panel" aria-label="Transcript">
          <h2>Transcript</h2>
          {lines.length ? <TranscriptLines lines={lines} {...(ended && call.recording && { onSeek: (ms: number) => recording.current?.seek(ms) })} /> : <p className="hint">Nothing said yet.</p>}
          <ExportButtons call={call} lines={lines} />
        </section>
        <div className="side">
          {!ended && <Controls call={call} live={live} controls={controls} />}
          <section className="panel" aria-label="Timeline">
            <h2>Timeline</h2>
            <Timeline events={events} />
          </section>
          <TurnMetricsTable turns={turnsOf(events)} />
        </div>
      </div>
    </article>
  );
}
