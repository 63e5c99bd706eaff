// A webhook load generator in its own process, so its sending never delays what the bench times:
// 50 connections post HMAC-signed Ringover deliveries (each call rings, is answered and hangs up:
// three distinct events) for a number of seconds. Args: url seconds first-call-number secret
// [connections]. Prints one JSON line: {rps, p50, p99, non2xx, errors}.
import autocannon from 'autocannon';
import { ringoverBody, signRingoverHmac } from '../../fakes/webhook-signers.ts';

const [url, seconds, first, secret, connections = '50'] = process.argv.slice(2) as [string, string, string, string, string?];
const LIFECYCLE = ['ringing', 'answered', 'hangup'] as const;
/** More than any target answers in the time given, so no event is ever sent twice. */
const count = Math.ceil(Number(seconds) * 30_000);
const requests = Array.from({ length: count }, (_, i) => {
  const callId = String(9_000_000_000_000_000_000n + BigInt(first) + BigInt(Math.floor(i / 3)));
  return signRingoverHmac(ringoverBody(LIFECYCLE[i % 3]!, callId, { direction: 'in', from_number: '33612345678', to_number: '33187654321' }), secret);
});
let next = 0;
const result = await autocannon({
  url: `${url}/webhooks/ringover`,
  connections: Number(connections),
  duration: Number(seconds),
  method: 'POST',
  requests: [{ setupRequest: (req) => ({ ...req, ...requests[next++ % count]!, method: 'POST' }) }],
});
process.stdout.write(JSON.stringify({ rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, non2xx: result.non2xx, errors: result.errors, sent: next }) + '\n');
