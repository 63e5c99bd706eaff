// The wallboard: today's figures from the store (GET /api/stats), refreshed as calls change and
// every few seconds (waits grow), with per-hour charts; a wall mode fills the screen with them.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Spread, Stats } from '../../../../shared/stats.ts';
import { useBridge } from '../../bridge/context.ts';
import { useFormats } from '../../i18n/use-formats.ts';
import { useStore } from '../../store/index.ts';
import { HourChart } from './hour-chart.tsx';

const REFRESH_MS = 5000;
/** Calls change many times a second on a busy day: figures follow at most this often. */
const THROTTLE_MS = 1000;

function midnight(): string {
  const now = new Date();
  return new Date(now.getFullYear(), now.getMonth(), now.getDate()).toISOString();
}

export function Wallboard() {
  const api = useBridge();
  const { t } = useTranslation();
  const f = useFormats();
  const [stats, setStats] = useState<Stats | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [wall, setWall] = useState(false);

  const load = useCallback(async () => {
    try {
      setStats(await api.stats({ from: midnight() }));
      setError(undefined);
    } catch (failure) {
      setError((failure as Error).message);
    }
  }, [api]);

  useEffect(() => {
    void load();
    const timer = setInterval(() => void load(), REFRESH_MS);
    let due: ReturnType<typeof setTimeout> | undefined;
    const stop = useStore.subscribe((state, previous) => {
      if (state.calls === previous.calls || due) return;
      due = setTimeout(() => {
        due = undefined;
        void load();
      }, THROTTLE_MS);
    });
    return () => {
      clearInterval(timer);
      clearTimeout(due);
      stop();
    };
  }, [load]);

  const toggleWall = () => {
    const next = !wall;
    setWall(next);
    // The browser may refuse full screen (no gesture, a policy): the wall mode still fills the window.
    if (next) void document.documentElement.requestFullscreen?.().catch(() => undefined);
    else if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
  };
  useEffect(() => {
    const left = () => !document.fullscreenElement && setWall(false);
    document.addEventListener('fullscreenchange', left);
    return () => document.removeEventListener('fullscreenchange', left);
  }, []);

  const seconds = (value: number | undefined) => (value === undefined ? t('wallboard.none') : f.duration(value));
  const spread = (s: Spread, show: (v: number | undefined) => string) => (s.count ? t('wallboard.p50p95', { p50: show(s.p50), p95: show(s.p95) }) : t('wallboard.none'));
  const ms = (value: number | undefined) => (value === undefined ? t('wallboard.none') : f.unit(value / 1000, 'second', 1));
  const charts = useMemo(() => {
    if (!stats) return [];
    const hours = stats.hours.map((h) => Date.parse(h.at) / 1000);
    const chart = (key: 'calls' | 'handoffs' | 'abandoned' | 'latency', values: (number | null)[]) => {
      const title = t(`wallboard.chart.${key}`);
      const words = stats.hours.map((h, i) => `${f.time(h.at)} ${values[i] === null ? t('wallboard.none') : f.number(values[i]!, 1)}`).join(', ');
      return { key, title, hours, values, summary: t('wallboard.chartSummary', { title, values: words }) };
    };
    return [
      chart('calls', stats.hours.map((h) => h.calls)),
      chart('handoffs', stats.hours.map((h) => h.handoffsAsked)),
      chart('abandoned', stats.hours.map((h) => h.abandoned)),
      chart('latency', stats.hours.map((h) => (h.latencyP95Ms === undefined ? null : h.latencyP95Ms / 1000))),
    ];
  }, [stats, t, f]);

  return (
    <section className={`wallboard ${wall ? 'wall' : ''}`} aria-label={t('wallboard.label')}>
      <header className="wallboard-head">
        <h1>{t('wallboard.title')}</h1>
        {stats && <span className="hint">{t('wallboard.updatedAt', { time: f.time(stats.at) })}</span>}
        <button type="button" className="btn" aria-pressed={wall} onClick={toggleWall}>
          {wall ? t('wallboard.exitFullScreen') : t('wallboard.fullScreen')}
        </button>
      </header>
      {error && (
        <p className="error-line" role="alert">
          {t('wallboard.failed', { error })}
        </p>
      )}
      {!stats && !error && <p className="hint">{t('wallboard.loading')}</p>}
      {stats && (
        <>
          <h2>{t('wallboard.now')}</h2>
          <dl className="tiles">
            <Tile label={t('wallboard.withBot')} value={f.number(stats.now.withBot)} />
            <Tile label={t('wallboard.withPerson')} value={f.number(stats.now.withPerson)} />
            <Tile label={t('wallboard.onHold')} value={f.number(stats.now.onHold)} tone={stats.now.onHold ? 'alert' : undefined} />
            <Tile label={t('wallboard.longestWait')} value={stats.now.onHold ? seconds(stats.now.longestWaitSeconds) : t('wallboard.none')} />
          </dl>
          <h2>{t('wallboard.today')}</h2>
          <dl className="tiles">
            <Tile label={t('wallboard.calls')} value={f.number(stats.calls)} />
            <Tile
              label={t('wallboard.containment')}
              value={stats.botCalls ? `${f.number((100 * stats.contained) / stats.botCalls)} %` : t('wallboard.none')}
              detail={t('wallboard.containmentOf', { contained: stats.contained, answered: stats.botCalls })}
            />
            <Tile label={t('wallboard.handoffs')} value={f.number(stats.handoffsAsked)} detail={t('wallboard.handoffsOf', { taken: stats.handoffsTaken, asked: stats.handoffsAsked })} />
            <Tile label={t('wallboard.takeOver')} value={seconds(stats.takeOverSeconds.p50)} detail={spread(stats.takeOverSeconds, seconds)} />
            <Tile label={t('wallboard.handleTime')} value={seconds(stats.handleSeconds.p50)} detail={spread(stats.handleSeconds, seconds)} />
            <Tile label={t('wallboard.latency')} value={ms(stats.botLatencyMs.p50)} detail={spread(stats.botLatencyMs, ms)} />
            <Tile label={t('wallboard.abandoned')} value={f.number(stats.abandoned)} tone={stats.abandoned ? 'alert' : undefined} />
          </dl>
          <h2>{t('wallboard.perHour')}</h2>
          <div className="charts">
            {charts.map((chart) => (
              <HourChart key={chart.key} title={chart.title} hours={chart.hours} values={chart.values} summary={chart.summary} />
            ))}
          </div>
        </>
      )}
    </section>
  );
}

function Tile({ label, value, detail, tone }: { label: string; value: string; detail?: string; tone?: 'alert' }) {
  return (
    <div className={`tile ${tone ?? ''}`}>
      <dt>{label}</dt>
      <dd className="value">{value}</dd>
      {detail && <dd className="detail">{detail}</dd>}
    </div>
  );
}
