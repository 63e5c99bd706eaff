// A data subject's request, answered by an administrator: every call of a phone number (in any
// format), all its data as a zip, or its erasure (store rows and raw bodies, recordings, what search
// finds), each recorded in the audit trail without the number itself.
import { readFile, unlink } from 'node:fs/promises';
import { strToU8, zipSync, type Zippable } from 'fflate';
import { ApiError } from '../../../shared/api.ts';
import { isLive, type Call } from '../../../shared/call.ts';
import type { NumberCalls, NumberErasure, NumberExport } from '../../../shared/privacy.ts';
import { recordingFile } from '../audio/recording-files.ts';
import { fileNameForId } from '../files/id-file-name.ts';
import type { Logger } from '../log.ts';
import type { CallStore } from '../store/call-store.ts';
import { findByDigits, rawBodiesOf } from '../store/privacy-sql.ts';
import type { StoreWriter } from '../store/store-writer.ts';
import type { AuditTrail } from './audit.ts';
import { comparableNumber, type ComparableNumber } from './phone-number.ts';

export interface NumberRecordsDeps {
  store: CallStore;
  writer: Pick<StoreWriter, 'maintain'>;
  /** A call as every view shows it (live ones from memory). */
  call: (id: string) => Call | undefined;
  recordingsDir: string;
  audit: AuditTrail;
  logger: Logger;
  now?: () => number;
}

export class NumberRecords {
  private readonly deps: NumberRecordsDeps;
  private readonly now: () => number;

  constructor(deps: NumberRecordsDeps) {
    this.deps = deps;
    this.now = deps.now ?? Date.now;
  }

  /** Every call of `input` (its caller or callee), newest first. Throws ApiError 400 for what is not a phone number. */
  find(input: string): NumberCalls {
    const { number, calls, orphanSeqs } = this.lookUp(input);
    return { number: number.e164, calls, otherEvents: orphanSeqs.length };
  }

  /** The number's calls, their events (with raw bodies) and recordings, as a zip. */
  async export(input: string): Promise<NumberExport> {
    const { number, calls, orphans } = this.lookUp(input);
    const files: Zippable = {};
    for (const call of calls) {
      const folder = fileNameForId(call.id);
      const raw = rawBodiesOf(this.deps.store.db, call.id);
      const events = this.deps.store.eventsFor(call.id).map((event) => ({ ...event, ...(raw[event.id] && { rawBody: raw[event.id] }) }));
      files[`${folder}/call.json`] = strToU8(JSON.stringify(call, null, 2));
      files[`${folder}/events.json`] = strToU8(JSON.stringify(events, null, 2));
      const recording = await readFile(recordingFile(this.deps.recordingsDir, call.id)).catch(() => undefined);
      if (recording) files[`${folder}/recording.wav`] = [recording, { level: 0 }]; // PCM barely compresses: stored as is
    }
    if (orphans.length) files['other-events.json'] = strToU8(JSON.stringify(orphans, null, 2));
    const exportedAt = new Date(this.now()).toISOString();
    files['export.json'] = strToU8(JSON.stringify({ number: number.e164, exportedAt, calls: calls.map((c) => c.id), otherEvents: orphans.length }, null, 2));
    const zip = zipSync(files, { level: 6 });
    for (const call of calls) void this.deps.audit.recordAction({ action: 'export', callId: call.id, detail: { calls: calls.length } });
    return { fileName: `ringside-export-${exportedAt.slice(0, 10)}.zip`, calls: calls.length, zip: Buffer.from(zip).toString('base64') };
  }

  /**
   * Erases the number's calls that are ended and not on legal hold (the rest are kept, and said
   * why), their recordings, and the number's events of no call; the store file is then rewritten
   * so that nothing deleted stays in its free pages. Each tombstone records the erasure.
   */
  async erase(input: string): Promise<NumberErasure> {
    const { number, calls, orphanSeqs } = this.lookUp(input);
    const kept: NumberErasure['kept'] = [];
    const erasable: string[] = [];
    for (const stored of calls) {
      const call = this.deps.call(stored.id) ?? stored;
      if (isLive(call)) kept.push({ id: call.id, reason: 'live' });
      else if (call.legalHold) kept.push({ id: call.id, reason: 'legal-hold' });
      else erasable.push(call.id);
    }
    // Files first: a recording that cannot be deleted stops the erasure before any row is touched.
    let recordings = 0;
    for (const id of erasable) {
      try {
        await unlink(recordingFile(this.deps.recordingsDir, id));
        recordings++;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new ApiError(500, `a recording could not be deleted (${(error as NodeJS.ErrnoException).code}); nothing was erased, try again`);
      }
    }
    const erasedAt = new Date(this.now()).toISOString();
    const result = await this.deps.writer.maintain({ kind: 'erase', callIds: erasable, orphanSeqs, erasedAt });
    for (const id of erasable) await this.deps.audit.recordAction({ action: 'erase', callId: id, detail: { erasedCalls: erasable.length } });
    // Events of no call (an SMS) erased alone still leave a trace of the request, with counts only.
    if (erasable.length === 0 && result.events > 0) await this.deps.audit.recordAction({ action: 'erase', detail: { erasedCalls: 0, events: result.events } });
    this.deps.logger.info('erasure on request', { calls: result.calls, events: result.events, recordings, kept: kept.length });
    return { number: number.e164, erased: result.calls, events: result.events, recordings, kept };
  }

  private lookUp(input: string): { number: ComparableNumber; calls: Call[]; orphanSeqs: number[]; orphans: unknown[] } {
    const number = comparableNumber(input);
    if (!number) throw new ApiError(400, `“${input.slice(0, 40)}” is not a phone number: type it as +33 6 12 34 56 78 or 06 12 34 56 78`);
    const isThisNumber = (n: string | undefined) => comparableNumber(n)?.e164 === number.e164;
    // The national digits with any separators people write between them (`06 12 34 56 78`, `6.12.34…`).
    const written = new RegExp(number.national.split('').join('[\\s.()/-]*'));
    const found = findByDigits(this.deps.store.db, number.national, (event, rawBody) => isThisNumber(event.from?.number) || isThisNumber(event.to?.number) || (rawBody !== undefined && written.test(rawBody)));
    const calls = found.calls.filter((call) => !call.erasedAt && (isThisNumber(call.from.number) || isThisNumber(call.to.number)));
    return { number, calls, orphanSeqs: found.orphanEvents.map((o) => o.seq), orphans: found.orphanEvents.map((o) => o.event) };
  }
}
