// The board's live waveform: the last seconds of a call's peaks on one small canvas, caller
// growing up from the middle line and bot or supervisor down from it. A hundred of these redraw
// ten times a second, so they are plain canvas bars drawn in one animation frame, and only while
// on screen; the call detail uses wavesurfer.js (./live-waveform.tsx) for its large view.
import { useEffect, useRef } from 'react';
import { useStore } from '../../store/index.ts';
import { PEAK_MS, peakTrack } from '../../store/peaks.ts';
import { useWaveColors, type WaveColors } from '../../ui/theme-colors.ts';

const BAR = 2;
const GAP = 1;

interface Strip {
  canvas: HTMLCanvasElement;
  callId: string;
  seconds: number;
  colors: WaveColors;
  visible: boolean;
}

const dirty = new Set<Strip>();
let frame = 0;

function schedule(strip: Strip): void {
  dirty.add(strip);
  frame ||= requestAnimationFrame(() => {
    frame = 0;
    for (const s of dirty) if (s.visible) draw(s);
    dirty.clear();
  });
}

export function draw({ canvas, callId, seconds, colors }: Strip): void {
  const ratio = window.devicePixelRatio || 1;
  const width = Math.round(canvas.clientWidth * ratio);
  const height = Math.round(canvas.clientHeight * ratio);
  if (!width || !height) return;
  if (canvas.width !== width || canvas.height !== height) {
    canvas.width = width;
    canvas.height = height;
  }
  const ctx = canvas.getContext('2d')!;
  ctx.clearRect(0, 0, width, height);
  const bars = Math.floor(width / ((BAR + GAP) * ratio));
  const track = peakTrack(callId);
  const middle = Math.round(height / 2);
  ctx.fillStyle = colors.progress;
  ctx.fillRect(0, middle, width, Math.max(1, Math.round(ratio / 2)));
  if (!track) return;
  // Each bar is the loudest peak of its slice of the window.
  const [caller, agent] = track.last((seconds * 1000) / PEAK_MS);
  const per = caller.length / bars;
  for (const [channel, color, up] of [
    [caller, colors.caller, true],
    [agent, colors.agent, false],
  ] as const) {
    ctx.fillStyle = color;
    for (let b = 0; b < bars; b++) {
      let peak = 0;
      for (let i = Math.floor(b * per); i < Math.floor((b + 1) * per); i++) peak = Math.max(peak, channel[i]!);
      const h = Math.round(Math.min(1, peak * 1.4) * (middle - ratio));
      if (h < 1) continue;
      ctx.fillRect(Math.round(b * (BAR + GAP) * ratio), up ? middle - h : middle + Math.round(ratio), Math.round(BAR * ratio), h);
    }
  }
}

export function PeakStrip({ callId, seconds = 10, height = 48, label }: { callId: string; seconds?: number; height?: number; label: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const strip = useRef<Strip | undefined>(undefined);
  const colors = useWaveColors();
  const version = useStore((s) => s.peaksVersion.get(callId) ?? 0);

  useEffect(() => {
    const element = canvas.current!;
    const current: Strip = { canvas: element, callId, seconds, colors, visible: true };
    strip.current = current;
    const observer = new IntersectionObserver(([entry]) => {
      current.visible = entry?.isIntersecting ?? true;
      if (current.visible) schedule(current);
    });
    observer.observe(element);
    schedule(current);
    return () => {
      observer.disconnect();
      dirty.delete(current);
    };
  }, [callId, seconds, colors]);

  useEffect(() => {
    if (strip.current) schedule(strip.current);
  }, [version]);

  return <canvas ref={canvas} className="waveform strip" role="img" aria-label={label} style={{ height, width: '100%' }} />;
}
