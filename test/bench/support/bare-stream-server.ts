// The floor the streamer bench compares the engine with: node:http and ws taking the same streams
// and writing commands to them, and nothing else (no parsing, jitter buffer, decoding, recording,
// peaks, store or live feed). Prints {"public","console"} (one listener) like `serve` does;
// `GET /frames` says how many frames it has received.
import { createServer } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';

const sockets = new Map<string, WebSocket>();
let frames = 0;

const server = createServer((req, res) => {
  if (req.url === '/frames') return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ frames }));
  const callId = req.url?.match(/^\/api\/calls\/ringover-([^/]+)\/commands$/)?.[1];
  const ws = callId === undefined ? undefined : sockets.get(callId);
  if (req.method !== 'POST' || !ws) return void res.writeHead(404).end();
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const command = JSON.parse(Buffer.concat(chunks).toString()) as { type: string; digits?: string };
    ws.send(JSON.stringify({ event: command.type, data: command.digits }));
    res.writeHead(202, { 'content-type': 'application/json' }).end('{"sent":true}');
  });
});

const wss = new WebSocketServer({ server, maxPayload: 256 * 1024, perMessageDeflate: false });
wss.on('connection', (ws, req) => {
  const callId = new URL(req.url ?? '/', 'http://bare.invalid').pathname.split('/').pop()!;
  sockets.set(callId, ws);
  ws.on('message', () => frames++);
  ws.on('close', () => sockets.get(callId) === ws && sockets.delete(callId));
});

server.listen(0, '127.0.0.1', () => {
  const address = server.address() as { port: number };
  const url = `http://127.0.0.1:${address.port}`;
  process.stdout.write(JSON.stringify({ public: url, console: url }) + '\n');
});
process.on('SIGTERM', () => process.exit(0));
