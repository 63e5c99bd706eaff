// A small per-hour bar chart drawn with uPlot (canvas, ~50 kB, no dependencies): the wallboard's
// hours at a glance. The canvas is an image to assistive technology, named with its values in words.
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface HourChartProps {
  title: string;
  /** Each hour's start, epoch seconds. */
  hours: number[];
  values: (number | null)[];
  /** What a screen reader hears: the title and the values. */
  summary: string;
}

const cssVar = (name: string) => getComputedStyle(document.documentElement).getPropertyValue(name).trim() || 'gray';

export function HourChart({ title, hours, values, summary }: HourChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | undefined>(undefined);

  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const width = Math.max(200, element.clientWidth || 300);
    const text = cssVar('--muted');
    const grid = cssVar('--border');
    plot.current = new uPlot(
      {
        width,
        height: 120,
        legend: { show: false },
        cursor: { show: false },
        scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, Math.max(1, max)] } },
        axes: [
          { stroke: text, grid: { stroke: grid, width: 1 }, ticks: { show: false }, values: (_u, ticks) => ticks.map((t) => `${new Date(t * 1000).getHours()}h`) },
          { stroke: text, grid: { stroke: grid, width: 1 }, ticks: { show: false }, size: 40 },
        ],
        series: [{}, { stroke: cssVar('--accent'), fill: cssVar('--accent'), paths: uPlot.paths.bars!({ size: [0.7, 24] }), points: { show: false } }],
      },
      [hours, values],
      element,
    );
    return () => {
      plot.current?.destroy();
      plot.current = undefined;
    };
    // The chart is made once per mount; new figures go in through setData below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [hours.length]);

  useEffect(() => {
    plot.current?.setData([hours, values]);
  }, [hours, values]);

  return (
    <figure className="hour-chart">
      <figcaption>{title}</figcaption>
      <div ref={box} role="img" aria-label={summary} />
    </figure>
  );
}
