// A live call's waveform: the last seconds of peaks the engine sends, caller on top, bot or
// supervisor below, redrawn when new peaks arrive, and only while it is on screen.
import { useEffect, useRef } from 'react';
import WaveSurfer from 'wavesurfer.js';
import Decoder from 'wavesurfer.js/dist/decoder.js';
import { useStore } from '../../store/index.ts';
import { PEAK_MS, peakTrack } from '../../store/peaks.ts';
import { useWaveColors } from '../../ui/theme-colors.ts';

export function LiveWaveform({ callId, seconds = 10, height = 48, label }: { callId: string; seconds?: number; height?: number; label: string }) {
  const container = useRef<HTMLDivElement>(null);
  const surfer = useRef<WaveSurfer | undefined>(undefined);
  const visible = useRef(true);
  const colors = useWaveColors();
  const version = useStore((s) => s.peaksVersion.get(callId) ?? 0);

  useEffect(() => {
    const element = container.current!;
    const empty = new Float32Array((seconds * 1000) / PEAK_MS);
    const ws = WaveSurfer.create({
      container: element,
      height: height / 2,
      peaks: [empty, empty],
      duration: seconds,
      interact: false,
      cursorWidth: 0,
      barWidth: 2,
      barGap: 1,
      barRadius: 1,
      barMinHeight: 1,
      maxPeak: 1,
      // Speech peaks rarely pass 0.7: scaled up so a voice fills its half.
      barHeight: 1.4,
      // Caller grows up from the middle line, agent down from it: one glance tells who speaks.
      splitChannels: [
        { waveColor: colors.caller, progressColor: colors.caller, barAlign: 'bottom' },
        { waveColor: colors.agent, progressColor: colors.agent, barAlign: 'top' },
      ],
    });
    surfer.current = ws;
    const observer = new IntersectionObserver(([entry]) => (visible.current = entry?.isIntersecting ?? true));
    observer.observe(element);
    return () => {
      observer.disconnect();
      ws.destroy();
      surfer.current = undefined;
    };
  }, [seconds, height, colors]);

  useEffect(() => {
    const track = peakTrack(callId);
    if (!track || !surfer.current || !visible.current) return;
    const [caller, agent] = track.last((seconds * 1000) / PEAK_MS);
    // New peaks go straight to the renderer: setOptions would redraw the old ones.
    void surfer.current.getRenderer().render(Decoder.createBuffer([caller, agent], seconds));
  }, [version, callId, seconds]);

  return <div className="waveform" ref={container} role="img" aria-label={label} style={{ height }} />;
}
