// Serves a call's own WAV recording, with Range support so players (and wavesurfer) can seek.
// The file may still be growing: its header is rewritten at each flush, so any read is a valid WAV.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream';
import { openRecording } from '../audio/recording-files.ts';
import { sendError } from '../net/respond.ts';

export async function serveRecording(recordingsDir: string, callId: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  // The file is named by the id → file name mapping and read through one handle, never through a link.
  const file = await openRecording(recordingsDir, callId).catch(() => undefined);
  if (!file) return sendError(res, 404, `no recording for call ${callId}: only streamed calls are recorded`);
  let size: number;
  try {
    size = (await file.stat()).size;
  } catch {
    await file.close();
    return sendError(res, 404, `no recording for call ${callId}: only streamed calls are recorded`);
  }
  const headers = { 'content-type': 'audio/wav', 'accept-ranges': 'bytes', 'cache-control': 'no-store' };
  const range = req.headers.range?.match(/^bytes=(\d*)-(\d*)$/);
  if (!range) {
    res.writeHead(200, { ...headers, 'content-length': size });
    if (req.method === 'HEAD' || size === 0) {
      await file.close();
      return void res.end();
    }
    pipeline(file.createReadStream({ end: size - 1 }), res, () => undefined); // closes the file however the answer ends
    return;
  }
  const start = range[1] ? Number(range[1]) : Math.max(0, size - Number(range[2]));
  const end = range[1] && range[2] ? Math.min(Number(range[2]), size - 1) : size - 1;
  if (start > end || start >= size) {
    await file.close();
    return sendError(res, 416, `the range is outside the recording (${size} bytes)`, { 'content-range': `bytes */${size}` });
  }
  res.writeHead(206, { ...headers, 'content-length': end - start + 1, 'content-range': `bytes ${start}-${end}/${size}` });
  if (req.method === 'HEAD') {
    await file.close();
    return void res.end();
  }
  pipeline(file.createReadStream({ start, end }), res, () => undefined);
}
