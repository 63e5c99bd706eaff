// One call in full: large waveform (live) or its recording (ended), the whole transcript (ours, or
// the provider's), what providers told about it (outcome and cause, times, IVR, queue, tags, notes,
// analysis), the timeline, the bot's turn timings, and every control.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { RingoverInsights } from '../../../../shared/ringover.ts';
import { RingoverActions, RingoverInsightsPanel } from '../history/ringover-actions.tsx';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { PROVIDER_GUIDE } from '../../../../shared/access.ts';
import { useBridge } from '../../bridge/context.ts';
import { useFormats } from '../../i18n/use-formats.ts';
import { useStore } from '../../store/index.ts';
import { EmptyState } from '../../ui/empty-state.tsx';
import { useNow } from '../../ui/use-now.ts';
import { callControls, hasLiveStream } from '../board/call-controls.ts';
import { callSeconds, ownerOf, parties, partyName } from '../board/call-state.ts';
import { EndedLine } from '../board/ended-line.tsx';
import { OwnerChip } from '../board/owner-chip.tsx';
import { needsHumanText } from '../board/needs-human.ts';
import { AnalysisPanel, NotesPanel } from '../call-facts/analysis-panel.tsx';
import { FactsPanel } from '../call-facts/facts-panel.tsx';
import { TagChips } from '../call-facts/tag-chips.tsx';
import { ExportButtons } from '../history/export-buttons.tsx';
import { RecordingPlayer, type RecordingHandle } from '../history/recording-player.tsx';
import { LiveWaveform } from '../waveform/live-waveform.tsx';
import { PrivacyPanel } from '../privacy/privacy-panel.tsx';
import { RecordingRemoved, recordingGone } from '../privacy/recording-removed.tsx';
import { BriefingPanel } from '../briefing/briefing-panel.tsx';
import { Controls } from './controls.tsx';
import { Timeline } from './timeline.tsx';
import { ProviderTranscript, TranscriptLines } from './transcript.tsx';
import { TurnMetricsTable } from './turn-metrics.tsx';
import { turnsOf, useCallDetail, utterancesOf } from './use-call-detail.ts';

export function CallDetailView({ id }: { id: string }) {
  const api = useBridge();
  const { t } = useTranslation();
  const f = useFormats();
  const { call, events, error, loading } = useCallDetail(id);
  const liveLines = useStore(useShallow((s) => s.transcripts.get(id) ?? []));
  const feedback = useStore((s) => s.feedback.get(id));
  const holding = useStore((s) => s.holding);
  const now = useNow();
  const recording = useRef<RecordingHandle>(null);
  const recordingSource = useCallback(() => api.recordingUrl(id), [api, id]);
  // Before any early return: hooks run in the same order at every render.
  const insights = useRingoverInsights(call?.state === 'ended' && call.provider === 'ringover' ? call.id : undefined);

  if (error)
    return (
      <EmptyState title={t('detail.unavailable')} tone="error">
        <p>{error}</p>
        <a href="#/">{t('detail.backToBoard')}</a>
      </EmptyState>
    );
  if (loading || !call) return <EmptyState title={t('detail.loading')} tone="loading" />;

  const { caller, callee } = parties(call);
  const live = hasLiveStream(call);
  const ended = call.state === 'ended';
  const lines = ended ? utterancesOf(events) : liveLines;
  const controls = callControls(api, id);
  const seconds = callSeconds(call, now);
  // A provider's transcript (Ringover's transcription, Ringg's turns) when no words were streamed here.
  const providerTranscript = events.some((e) => e.type === 'utterance') ? undefined : call.transcript;

  return (
    <article className="detail" aria-labelledby="detail-title">
      <header className="detail-head">
        <a href={ended ? '#/history' : '#/'} className="back">
          <span aria-hidden>← </span>
          {ended ? t('detail.backToHistory') : t('detail.backToBoardShort')}
        </a>
        <h1 id="detail-title">
          {partyName(caller)} <span aria-hidden>→</span>
          <span className="visually-hidden">{t('detail.to')}</span> {partyName(callee)}
        </h1>
        <div className="meta">
          <OwnerChip owner={ownerOf(call, holding)} />
          {seconds !== undefined && (
            <span className="timer" aria-label={t('card.duration')}>
              {f.clock(seconds)}
            </span>
          )}
          <span>{PROVIDER_GUIDE[call.provider].name}</span>
          {call.demo && <span className="chip demo">{t('card.demo')}</span>}
          {call.bot?.models === 'demo' && <span className="chip demo">{t('card.demoModels')}</span>}
          <span>{f.dateTime(call.startedAt)}</span>
          {call.disposition && <span className="chip disposition">{t(`disposition.${call.disposition}`)}</span>}
          <TagChips tags={call.tags} />
        </div>
        {call.needsHuman && <p className="alert">{needsHumanText(call.needsHuman, t)}</p>}
        {call.bot?.error && <p className="error-line">{call.bot.error}</p>}
        {call.summary && <p className="summary">{call.summary}</p>}
        {ended ? (
          <EndedLine call={call} />
        ) : (
          <p className={`feedback ${feedback?.tone ?? ''}`} role="status" aria-live="polite">
            {feedback?.text}
          </p>
        )}
      </header>

      {/* What a supervisor taking over should know, first; in history, the last one stored with the summary. */}
      {(!ended || call.briefing) && <BriefingPanel briefing={call.briefing} className="detail-briefing" />}

      {ended && recordingGone(call) ? (
        <RecordingRemoved call={call} />
      ) : ended && call.recording ? (
        <RecordingPlayer ref={recording} source={recordingSource} lines={lines} />
      ) : (
        call.stream && <LiveWaveform callId={id} seconds={60} height={120} label={t('detail.waveform')} />
      )}

      <div className="detail-body">
        <section className="panel transcript-panel" aria-labelledby="transcript-title">
          <h2 id="transcript-title">{t('detail.transcript')}</h2>
          {lines.length ? (
            <TranscriptLines lines={lines} {...(ended && call.recording && !recordingGone(call) && { onSeek: (ms: number) => recording.current?.seek(ms) })} />
          ) : providerTranscript ? (
            <ProviderTranscript text={providerTranscript} provider={PROVIDER_GUIDE[call.provider].name} />
          ) : (
            <p className="hint">{t('detail.nothingSaid')}</p>
          )}
          <ExportButtons call={call} lines={lines} />
        </section>
        <div className="side">
          {!ended && <Controls call={call} live={live} controls={controls} />}
          <PrivacyPanel call={call} live={live} />
          <FactsPanel call={call} />
          <NotesPanel comments={call.comments} />
          <AnalysisPanel call={call} />
          <RingoverInsightsPanel insights={insights} />
          {ended && <RingoverActions call={call} />}
          <section className="panel" aria-labelledby="timeline-title">
            <h2 id="timeline-title">{t('detail.timeline')}</h2>
            <Timeline events={events} />
          </section>
          <TurnMetricsTable turns={turnsOf(events)} />
        </div>
      </div>
    </article>
  );
}

/** Ringover's AI data for an ended Ringover call, read once per call. */
function useRingoverInsights(callId: string | undefined): RingoverInsights | undefined {
  const api = useBridge();
  const [insights, setInsights] = useState<RingoverInsights | undefined>();
  useEffect(() => {
    if (!callId) return;
    let stopped = false;
    void api.ringoverInsights(callId).then((found) => !stopped && setInsights(found), () => undefined);
    return () => {
      stopped = true;
    };
  }, [api, callId]);
  return insights;
}
