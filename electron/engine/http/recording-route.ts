// Serves a call's own WAV recording, with Range support so players (and wavesurfer) can seek.
// The file may still be growing: its header is rewritten at each flush, so any read is a valid WAV.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { pipeline } from 'node:stream';
import { sendError } from './respond.ts';

/** Call ids are `<provider>-<id>`; anything else cannot name a recording (no path tricks). */
const SAFE_CALL_ID = /^[a-z]+-[A-Za-z0-9._-]{1,200}$/;

export async function serveRecording(recordingsDir: string, callId: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (!SAFE_CALL_ID.test(callId) || callId.includes('..')) return sendError(res, 404, `no recording for call ${callId}`);
  const file = join(recordingsDir, `${callId}.wav`);
  let size: number;
  try {
    size = (await stat(file)).size;
  } catch {
    return sendError(res, 404, `no recording for call ${callId}: only streamed calls are recorded`);
  }
  const headers = { 'content-type': 'audio/wav', 'accept-ranges': 'bytes', 'cache-control': 'no-store' };
  const range = req.headers.range?.match(/^bytes=(\d*)-(\d*)$/);
  if (!range) {
    res.writeHead(200, { ...headers, 'content-length': size });
    if (req.method === 'HEAD' || size === 0) return void res.end();
    sendFile(file, { end: size - 1 }, res);
    return;
  }
  const start = range[1] ? Number(range[1]) : Math.max(0, size - Number(range[2]));
  const end = range[1] && range[2] ? Math.min(Number(range[2]), size - 1) : size - 1;
  if (start > end || start >= size) {
    return sendError(res, 416, `the range is outside the recording (${size} bytes)`, { 'content-range': `bytes */${size}` });
  }
  res.writeHead(206, { ...headers, 'content-length': end - start + 1, 'content-range': `bytes ${start}-${end}/${size}` });
  if (req.method === 'HEAD') return void res.end();
  sendFile(file, { start, end }, res);
}

/** Streams the file's bytes; a read error (the file went away) or a player that hangs up ends both streams, never the process. */
function sendFile(file: string, range: { start?: number; end: number }, res: ServerResponse): void {
  pipeline(createReadStream(file, range), res, () => undefined);
}
