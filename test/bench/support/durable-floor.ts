// The floor of durable webhook ingest, written independently of Ringside: node:http, the raw body
// read, its HMAC-SHA256 (X-Ringover-Signature: sha256=<hex>) checked in constant time, the body
// parsed once for its dedupe key, and every delivery that arrived in one event-loop turn inserted
// in one transaction (node:sqlite, WAL, synchronous=FULL) on the main thread; each answered 200
// only after that commit. No normalizing, no calls, no live feed. Prints {"public"} like `serve`.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { createServer, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';

const secret = process.env.RINGOVER_WEBHOOK_SECRET!;
const db = new DatabaseSync(join(mkdtempSync(join(tmpdir(), 'ringside-floor-')), 'events.sqlite'));
db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; CREATE TABLE events (seq INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, body TEXT NOT NULL)');
const insert = db.prepare('INSERT OR IGNORE INTO events (key, body) VALUES (?, ?)');

let keys: string[] = [];
let bodies: string[] = [];
let waiting: ServerResponse[] = [];

const answer = (res: ServerResponse, status: number, body: string) =>
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }).end(body);

/** Commits this turn's deliveries in one transaction, then answers each. */
function commit(): void {
  const [k, b, r] = [keys, bodies, waiting];
  keys = [];
  bodies = [];
  waiting = [];
  db.exec('BEGIN IMMEDIATE');
  const stored = k.map((key, i) => insert.run(key, b[i]!).changes === 1);
  db.exec('COMMIT');
  r.forEach((res, i) => answer(res, 200, stored[i] ? '{"ok":true}' : '{"ok":true,"duplicate":true}'));
}

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const raw = Buffer.concat(chunks);
    const received = Buffer.from(String(req.headers['x-ringover-signature']).replace(/^sha256=/, ''), 'utf8');
    const expected = Buffer.from(createHmac('sha256', secret).update(raw).digest('hex'), 'utf8');
    if (received.length !== expected.length || !timingSafeEqual(received, expected)) return answer(res, 401, '{"error":"bad signature"}');
    let event: { resource?: string; event?: string; data?: { id?: unknown; call_id?: unknown } };
    const body = raw.toString('utf8');
    try {
      event = JSON.parse(body) as typeof event;
    } catch {
      return answer(res, 400, '{"error":"malformed JSON"}');
    }
    if (waiting.length === 0) setImmediate(commit);
    keys.push(`${event.resource}:${event.event}:${String(event.data?.id ?? event.data?.call_id)}`);
    bodies.push(body);
    waiting.push(res);
  });
});
server.listen(0, '127.0.0.1', () => process.stdout.write(JSON.stringify({ public: `http://127.0.0.1:${(server.address() as { port: number }).port}` }) + '\n'));
process.on('SIGTERM', () => process.exit(0));
