// Retention: each day (and at start-up), what is older than its kind's period is deleted from the
// store and the disk: recordings, transcripts and summaries, raw webhook bodies, the audit trail.
// A call that is live or on legal hold is never touched. Only counts are logged.
import { unlink } from 'node:fs/promises';
import { recordingFile } from '../audio/recording-files.ts';
import type { EngineConfig } from '../config/schema.ts';
import type { Logger } from '../log.ts';
import type { CallStore } from '../store/call-store.ts';
import { callsWithRecordingsBefore, type RetentionCounts, type RetentionCutoffs } from '../store/privacy-sql.ts';
import type { StoreWriter } from '../store/store-writer.ts';

export type RetentionSettings = Pick<EngineConfig, 'retentionRecordingsDays' | 'retentionTranscriptsDays' | 'retentionWebhookBodiesDays' | 'retentionAuditDays'>;

export interface RetentionDeps {
  store: CallStore;
  writer: Pick<StoreWriter, 'maintain'>;
  recordingsDir: string;
  settings: () => RetentionSettings;
  logger: Logger;
  /** Milliseconds since the epoch (tests pass a scripted clock). */
  now?: () => number;
}

const DAY_MS = 24 * 3600_000;

/** The cutoff of each kind with a period (0 keeps it), as ISO times before `now`. */
export function cutoffsOf(settings: RetentionSettings, now: number): RetentionCutoffs {
  const before = (days: number) => (days > 0 ? new Date(now - days * DAY_MS).toISOString() : undefined);
  const cutoffs: RetentionCutoffs = {};
  const set = (key: keyof RetentionCutoffs, days: number) => {
    const at = before(days);
    if (at) cutoffs[key] = at;
  };
  set('recordings', settings.retentionRecordingsDays);
  set('transcripts', settings.retentionTranscriptsDays);
  set('webhookBodies', settings.retentionWebhookBodiesDays);
  set('audit', settings.retentionAuditDays);
  return cutoffs;
}

export class RetentionJob {
  private readonly deps: RetentionDeps;
  private readonly now: () => number;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<RetentionCounts> | undefined;

  constructor(deps: RetentionDeps) {
    this.deps = deps;
    this.now = deps.now ?? Date.now;
  }

  /** Runs now, then once a day, until `stop`. A failed run is logged; the next one tries again. */
  start(): void {
    const run = () => void this.run().catch((error: unknown) => this.deps.logger.error('retention run failed; the next run tries again', { error }));
    run();
    this.timer = setInterval(run, DAY_MS).unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** One run (a run already going is joined, never doubled); resolves with what it deleted. */
  run(): Promise<RetentionCounts> {
    this.running ??= this.runOnce().finally(() => (this.running = undefined));
    return this.running;
  }

  private async runOnce(): Promise<RetentionCounts> {
    const now = this.now();
    const cutoffs = cutoffsOf(this.deps.settings(), now);
    const removed: string[] = [];
    if (cutoffs.recordings) {
      for (const id of callsWithRecordingsBefore(this.deps.store.db, cutoffs.recordings)) {
        try {
          await unlink(recordingFile(this.deps.recordingsDir, id));
          removed.push(id);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === 'ENOENT') removed.push(id); // already gone: the call says so too
          else this.deps.logger.warn('retention could not delete a recording; the next run tries again', { code: (error as NodeJS.ErrnoException).code });
        }
      }
    }
    const { counts } = await this.deps.writer.maintain({ kind: 'retention', cutoffs, recordingIds: removed, now: new Date(now).toISOString() });
    this.deps.logger.info('retention run', { ...counts });
    return counts;
  }
}
