// An ended call's recording with its waveform (caller on top, agent below), the transcript's
// lines as regions, and seeking from the transcript.
import { forwardRef, useEffect, useImperativeHandle, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import WaveSurfer from 'wavesurfer.js';
import RegionsPlugin from 'wavesurfer.js/plugins/regions';
import type { Utterance } from '../../../../shared/call.ts';
import { useWaveColors } from '../../ui/theme-colors.ts';
import { clock } from '../call-detail/transcript.tsx';

export interface RecordingHandle {
  seek(ms: number): void;
}

const REGION_COLORS = { caller: 'rgba(47,129,247,0.14)', bot: 'rgba(219,109,40,0.16)', supervisor: 'rgba(46,160,67,0.18)' } as const;

/**
 * `source` gives the recording's URL (in a browser it carries a ticket that lasts a few minutes),
 * asked once: the recording is fetched once, and a change of theme recolours the waveform in place.
 * Pass a stable function (useCallback).
 */
export const RecordingPlayer = forwardRef<RecordingHandle, { source: () => Promise<string>; lines: readonly Utterance[] }>(function RecordingPlayer({ source, lines }, ref) {
  const container = useRef<HTMLDivElement>(null);
  const surfer = useRef<WaveSurfer | undefined>(undefined);
  const regions = useRef<ReturnType<typeof RegionsPlugin.create> | undefined>(undefined);
  const { t } = useTranslation();
  const colors = useWaveColors();
  // Read when the player is built; later changes go through setOptions (no new fetch).
  const colorsNow = useRef(colors);
  colorsNow.current = colors;
  const [state, setState] = useState<'loading' | 'ready' | 'error'>('loading');
  const [playing, setPlaying] = useState(false);
  const [time, setTime] = useState(0);

  useImperativeHandle(ref, () => ({
    seek(ms) {
      const ws = surfer.current;
      if (!ws) return;
      ws.setTime(ms / 1000);
      void ws.play();
    },
  }));

  useEffect(() => {
    let ws: WaveSurfer | undefined;
    let gone = false;
    setState('loading');
    source().then(
      (url) => {
        if (gone) return;
        ws = build(url);
      },
      () => {
        if (!gone) setState('error');
      },
    );
    return () => {
      gone = true;
      ws?.destroy();
      surfer.current = undefined;
    };
  }, [source]);

  useEffect(() => {
    surfer.current?.setOptions({
      cursorColor: colors.cursor,
      splitChannels: [
        { waveColor: colors.caller, progressColor: colors.progress },
        { waveColor: colors.agent, progressColor: colors.progress },
      ],
    });
  }, [colors]);

  function build(url: string): WaveSurfer {
    const colors = colorsNow.current;
    const plugin = RegionsPlugin.create();
    regions.current = plugin;
    const ws = WaveSurfer.create({
      container: container.current!,
      url,
      height: 56,
      barWidth: 2,
      barGap: 1,
      cursorColor: colors.cursor,
      splitChannels: [
        { waveColor: colors.caller, progressColor: colors.progress },
        { waveColor: colors.agent, progressColor: colors.progress },
      ],
      plugins: [plugin],
    });
    surfer.current = ws;
    ws.on('ready', () => setState('ready'));
    ws.on('error', () => setState('error'));
    ws.on('play', () => setPlaying(true));
    ws.on('pause', () => setPlaying(false));
    ws.on('timeupdate', (t) => setTime(t));
    return ws;
  }

  useEffect(() => {
    const plugin = regions.current;
    if (!plugin || state !== 'ready') return;
    plugin.clearRegions();
    for (const line of lines) {
      if (!line.final || !line.text) continue;
      plugin.addRegion({ start: line.startMs / 1000, end: (line.endMs ?? line.startMs + 1500) / 1000, color: REGION_COLORS[line.speaker], drag: false, resize: false });
    }
  }, [lines, state]);

  return (
    <div className="recording">
      <div className="recording-bar">
        <button type="button" className="btn primary" disabled={state !== 'ready'} onClick={() => void surfer.current?.playPause()}>
          {playing ? t('recording.pause') : t('recording.play')}
        </button>
        <span className="time" aria-live="off">
          {clock(time * 1000)}
        </span>
        {state === 'loading' && <span className="hint">{t('recording.loading')}</span>}
        {state === 'error' && (
          <span className="error-line" role="alert">
            {t('recording.failed')}
          </span>
        )}
      </div>
      <div ref={container} className="waveform large" role="img" aria-label={t('recording.waveform')} />
    </div>
  );
});
