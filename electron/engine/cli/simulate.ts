// `npm run simulate -- --calls N --rate R --duration S [--target URL] [--webhooks URL]`: calls as a
// provider makes them, against a running engine.
import { envName } from '../../../shared/setting-names.ts';
import { simulate } from '../simulator/simulate.ts';
import { fail } from './fail.ts';
import { parseFlags } from './flags.ts';
import { onStopRequest } from './stop-requests.ts';

/** The engine's own variables, read here too: the simulator signs and streams as the provider would. */
const WEBHOOK_SECRET = envName('ringoverWebhookSecret');
const CALL_KEY = envName('ringoverWebhookKeyCall');
const STREAM_TOKEN = envName('ringoverStreamerAuthToken');

const USAGE = `Usage: npm run simulate -- [options]

  --calls N         how many calls (default 5)
  --rate R          calls started per second (default 1)
  --duration S      seconds each call lasts once answered (default 30)
  --webhooks URL    the engine's public URL for webhooks (default http://127.0.0.1:8000)
  --target URL      the stream server's URL (default: the webhooks URL)

Needs the engine's secrets in the environment: ${WEBHOOK_SECRET} (or ${CALL_KEY})
and ${STREAM_TOKEN}.`;

export async function simulateCommand(argv: string[]): Promise<void> {
  const values = parseFlags(
    argv,
    { calls: { type: 'string' }, rate: { type: 'string' }, duration: { type: 'string' }, target: { type: 'string' }, webhooks: { type: 'string' } },
    USAGE,
  );
  const number = (name: string, fallback: number, min: number) => {
    const raw = values[name];
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!Number.isFinite(n) || n < min) fail(`--${name} must be a number of at least ${min} (got "${String(raw)}")`);
    return n;
  };
  const calls = number('calls', 5, 1);
  const rate = number('rate', 1, 0.01);
  const duration = number('duration', 30, 1);
  const webhooks = String(values.webhooks ?? 'http://127.0.0.1:8000');
  const target = String(values.target ?? webhooks);
  const webhookKey = process.env[CALL_KEY] || process.env[WEBHOOK_SECRET];
  const streamToken = process.env[STREAM_TOKEN];
  if (!webhookKey) fail(`set ${WEBHOOK_SECRET} (or ${CALL_KEY}) to the engine's webhook secret`);
  if (!streamToken) fail(`set ${STREAM_TOKEN} to the engine's stream token`);

  process.stdout.write(`Simulating ${calls} call(s), ${rate}/s, ${duration} s each: webhooks to ${webhooks}, streams to ${target}\n`);
  const run = simulate(calls, rate, duration, { webhooks, target, webhookKey, streamToken });
  // Asked to stop (Ctrl-C, a signal, or npm's shell gone): every call hangs up as a caller would,
  // and the results below are printed as usual.
  onStopRequest(async () => {
    run.stop();
    await run.done;
  });
  const finished = await run.done;
  for (const call of finished) {
    const media = call.media;
    const speechSeconds = media ? media.speech.reduce((sum, s) => sum + s.samples.length / s.sampleRate, 0) : 0;
    const commands = media?.commands.map((c) => String(c.message.event)).join(', ') || 'none';
    process.stdout.write(
      `${call.callId}  ${call.outcome}${call.error ? ` (${call.error.message})` : ''}  commands: ${commands}  speech received: ${speechSeconds.toFixed(1)} s\n`,
    );
  }
  const failed = finished.filter((c) => c.outcome === 'failed').length;
  process.exit(failed ? 1 : 0);
}
