// Durable webhook ingest vs. a bare node:http server, measured in one run on this machine.
// Each request is a unique Ringover event with a real HS512 JWT: the engine verifies it, stores it
// with synchronous=FULL group commit, and only then answers. The baseline answers 200 at once; a
// third server does the least a verified durable receiver must (support/minimal-ingest-server.ts),
// to show what of the gap is this machine's and what the engine's.
import { join } from 'node:path';
import autocannon from 'autocannon';
import { ringoverBody, signRingoverJwt } from '../fakes/webhook-signers.ts';
import { startEngine, startNode, stop } from './support/processes.ts';
import { fixed, printTable } from './support/table.ts';

const CONNECTIONS = 50;
/** Seconds per round; targets alternate for ROUNDS rounds so machine drift hits both alike. */
const DURATION_S = Number(process.env.BENCH_DURATION ?? 5);
const ROUNDS = 3;
const WARM_UP_S = 6;
const SECRET = 'bench-ringover-secret';

const BARE_SERVER = `
  const http = require('node:http');
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => { res.writeHead(200, { 'content-type': 'application/json' }); res.end('{"ok":true}'); });
  });
  server.listen(0, '127.0.0.1', () => console.log(JSON.stringify({ public: 'http://127.0.0.1:' + server.address().port })));
`;

interface Measured {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

const LIFECYCLE = ['ringing', 'answered', 'hangup'] as const;

/** Every call rings, is answered and hangs up: three distinct events, so live calls stay few, as in real traffic. */
function makeRequests(count: number, offset: number) {
  return Array.from({ length: count }, (_, i) => {
    const callId = String(9_000_000_000_000_000_000n + BigInt(offset + Math.floor(i / 3)));
    const signed = signRingoverJwt(ringoverBody(LIFECYCLE[i % 3]!, callId, { direction: 'in', from_number: '33612345678', to_number: '33187654321' }), { key: SECRET });
    return { body: signed.body, headers: signed.headers };
  });
}

type Requests = ReturnType<typeof makeRequests>;

/** Cycles through a pool of requests across calls, so the engine never sees the same event twice. */
function cursor(requests: Requests) {
  let next = 0;
  return () => requests[next++ % requests.length]!;
}

async function load(name: string, url: string, take: () => Requests[number], seconds: number): Promise<Measured> {
  const result = await autocannon({
    url: `${url}/webhooks/ringover`,
    connections: CONNECTIONS,
    duration: seconds,
    method: 'POST',
    requests: [
      {
        setupRequest: (req) => {
          const r = take();
          return { ...req, method: 'POST', path: '/webhooks/ringover', headers: r.headers, body: r.body };
        },
      },
    ],
  });
  return { name, rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, non2xx: result.non2xx, errors: result.errors };
}

export async function run(): Promise<void> {
  process.stdout.write(`webhooks: ${CONNECTIONS} connections, ${ROUNDS} alternating rounds of ${DURATION_S} s per target; signing requests…\n`);
  const forEngine = cursor(makeRequests(300_000, 0));
  const forBare = cursor(makeRequests(50_000, 10_000_000));
  const forMinimal = cursor(makeRequests(300_000, 20_000_000));

  const bare = await startNode(['-e', BARE_SERVER]);
  const minimal = await startNode([join(import.meta.dirname, 'support/minimal-ingest-server.ts')], { RINGOVER_WEBHOOK_SECRET: SECRET });
  const engine = await startEngine({ RINGOVER_WEBHOOK_SECRET: SECRET });
  try {
    // Each warms up until steady: the engine's JIT and store settle only after some 20,000 requests.
    await load('warm-up', bare.info.public!, forBare, WARM_UP_S);
    await load('warm-up', minimal.info.public!, forMinimal, WARM_UP_S);
    await load('warm-up', engine.info.public!, forEngine, WARM_UP_S);
    const rounds: { bare: Measured; minimal: Measured; ingest: Measured }[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const bareRound = await load('bare', bare.info.public!, forBare, DURATION_S);
      const minimalRound = await load('minimal', minimal.info.public!, forMinimal, DURATION_S);
      const ingestRound = await load('ingest', engine.info.public!, forEngine, DURATION_S);
      rounds.push({ bare: bareRound, minimal: minimalRound, ingest: ingestRound });
    }
    const combine = (name: string, all: Measured[]): Measured => ({
      name,
      rps: all.reduce((sum, m) => sum + m.rps, 0) / all.length,
      p50: Math.max(...all.map((m) => m.p50)),
      p99: Math.max(...all.map((m) => m.p99)),
      non2xx: all.reduce((sum, m) => sum + m.non2xx, 0),
      errors: all.reduce((sum, m) => sum + m.errors, 0),
    });
    const baseline = combine('bare node:http (200 at once)', rounds.map((r) => r.bare));
    const least = combine('least durable receiver (JWT + one insert)', rounds.map((r) => r.minimal));
    const ingest = combine('Ringside: verify + durable store', rounds.map((r) => r.ingest));
    const ratio = ingest.rps / baseline.rps;
    printTable(
      'Webhook ingest (same machine, same run; requests/s averaged over rounds, latency = worst round)',
      ['target', 'requests/s', 'ratio to bare', 'p50 ms', 'p99 ms', 'non-2xx', 'errors'],
      [baseline, least, ingest].map((m) => [m.name, fixed(m.rps, 0), fixed(m.rps / baseline.rps, 2), m.p50, m.p99, m.non2xx, m.errors]),
    );
    process.stdout.write(
      `\nper round (bare / least / Ringside requests/s, Ringside ratio and p99): ${rounds.map((r) => `${fixed(r.bare.rps, 0)} / ${fixed(r.minimal.rps, 0)} / ${fixed(r.ingest.rps, 0)}, ${fixed(r.ingest.rps / r.bare.rps, 2)}, ${r.ingest.p99} ms`).join('; ')}\n`,
    );
    const withinBudget = ratio >= 0.4 && ingest.p99 <= 20 && ingest.non2xx === 0 && ingest.errors === 0;
    process.stdout.write(`ratio ${fixed(ratio, 2)} (budget ≥ 0.40), p99 ${ingest.p99} ms (budget ≤ 20 ms): ${withinBudget ? 'within budget' : 'OVER BUDGET'}\n`);
  } finally {
    await Promise.all([stop(bare.child), stop(minimal.child), stop(engine.child)]);
  }
}
