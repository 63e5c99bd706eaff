// The least a verified, durable webhook receiver does, for the webhooks bench to compare with:
// node:http, the body read, its HS512 JWT verified (fast-jwt), and the body inserted into SQLite
// (WAL, synchronous=FULL) by a writer thread that group-commits whatever arrived in one event-loop
// turn; 200 once committed. No normalizing, no calls, no live feed. Prints {"public"} like `serve`.
import { createServer } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { createVerifier } from 'fast-jwt';

type Item = [key: string, body: string];

if (isMainThread) {
  const verify = createVerifier({ key: process.env.RINGOVER_WEBHOOK_SECRET!, algorithms: ['HS512'], clockTolerance: 300_000 });
  const writer = new Worker(new URL(import.meta.url), { workerData: join(mkdtempSync(join(tmpdir(), 'ringside-floor-')), 'events.sqlite') });
  const waiting = new Map<number, ((stored: boolean) => void)[]>();
  writer.on('message', ({ batch, stored }: { batch: number; stored: boolean[] }) => {
    waiting.get(batch)!.forEach((done, i) => done(stored[i]!));
    waiting.delete(batch);
  });
  let batch = 0;
  let items: Item[] = [];
  let replies: ((stored: boolean) => void)[] = [];
  const send = () => {
    waiting.set(batch, replies);
    writer.postMessage({ batch: batch++, items });
    items = [];
    replies = [];
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const answer = (status: number, body: string) => res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }).end(body);
      const body = Buffer.concat(chunks).toString('utf8');
      let event: { resource?: string; event?: string; data?: { id?: unknown; call_id?: unknown } };
      try {
        verify(String(req.headers['x-ringover-webhook-signature']));
        event = JSON.parse(body) as typeof event;
      } catch {
        return answer(401, '{"error":"bad signature or body"}');
      }
      if (items.length === 0) setImmediate(send);
      items.push([`${event.resource}:${event.event}:${String(event.data?.id ?? event.data?.call_id)}`, body]);
      replies.push((stored) => answer(200, stored ? '{"ok":true}' : '{"ok":true,"duplicate":true}'));
    });
  });
  server.listen(0, '127.0.0.1', () => process.stdout.write(JSON.stringify({ public: `http://127.0.0.1:${(server.address() as { port: number }).port}` }) + '\n'));
  process.on('SIGTERM', () => process.exit(0));
} else {
  const db = new DatabaseSync(workerData as string);
  db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; CREATE TABLE events (seq INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, body TEXT NOT NULL)');
  const insert = db.prepare('INSERT OR IGNORE INTO events (key, body) VALUES (?, ?)');
  parentPort!.on('message', ({ batch, items }: { batch: number; items: Item[] }) => {
    db.exec('BEGIN IMMEDIATE');
    const stored = items.map(([key, body]) => insert.run(key, body).changes === 1);
    db.exec('COMMIT');
    parentPort!.postMessage({ batch, stored });
  });
}
