// `npm run simulate -- --calls N --rate R --duration S [--target URL] [--webhooks URL]`: calls as a
// provider makes them, against a running engine. Its secrets come from the environment or, when
// unset, from the demo of a Ringside running on this machine (what it made up for the run).
import { envName } from '../../../shared/setting-names.ts';
import { defaultDataDir } from '../config/load.ts';
import { readRunningDemo } from '../config/running-demo.ts';
import { simulate } from '../simulator/simulate.ts';
import { say } from '../words.ts';
import { fail } from './fail.ts';
import { parseFlags } from './flags.ts';
import { onStopRequest } from './stop-requests.ts';

/** The engine's own variables, read here too: the simulator signs and streams as the provider would. */
const WEBHOOK_SECRET = envName('ringoverWebhookSecret');
const CALL_KEY = envName('ringoverWebhookKeyCall');
const STREAM_TOKEN = envName('ringoverStreamerAuthToken');
const DATA_DIR = envName('dataDir');
const NAMES = { secret: WEBHOOK_SECRET, key: CALL_KEY, token: STREAM_TOKEN };

export async function simulateCommand(argv: string[]): Promise<void> {
  const values = parseFlags(
    argv,
    { calls: { type: 'string' }, rate: { type: 'string' }, duration: { type: 'string' }, target: { type: 'string' }, webhooks: { type: 'string' } },
    say('cli.simulate.usage', NAMES),
  );
  const number = (name: string, fallback: number, min: number) => {
    const raw = values[name];
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!Number.isFinite(n) || n < min) fail(say('cli.simulate.atLeast', { name, min, value: String(raw) }));
    return n;
  };
  const calls = number('calls', 5, 1);
  const rate = number('rate', 1, 0.01);
  const duration = number('duration', 30, 1);
  // Checked before anything else is said: "notaurl" is a typo, not a Ringside that is not listening.
  if (values.webhooks !== undefined) address('webhooks', values.webhooks, ['http:', 'https:']);
  if (values.target !== undefined) address('target', values.target, ['http:', 'https:', 'ws:', 'wss:']);
  let webhookKey = process.env[CALL_KEY] || process.env[WEBHOOK_SECRET];
  let streamToken = process.env[STREAM_TOKEN];
  // Nothing set here: the demo of this user's running Ringside made its secrets up; use those.
  const demo = webhookKey && streamToken ? undefined : readRunningDemo(process.env[DATA_DIR] || defaultDataDir());
  const found = demo && values.webhooks === undefined;
  webhookKey ||= demo?.webhookKey;
  streamToken ||= demo?.streamToken;
  const webhooks = String(values.webhooks ?? (found ? demo.webhooks : 'http://127.0.0.1:8000'));
  const target = String(values.target ?? (found ? demo.target : webhooks));
  if (!webhookKey) fail(say('cli.simulate.needsSecret', NAMES));
  if (!streamToken) fail(say('cli.simulate.needsToken', NAMES));
  // Said only as it is: the running Ringside's address when it is the one called, else only its
  // secrets (the user gave --webhooks), else nothing of it.
  const demoSecrets = demo && (demo.webhookKey === webhookKey || demo.streamToken === streamToken);
  if (found) process.stdout.write(`${say('cli.simulate.foundDemo', { url: demo.webhooks })}\n`);
  else if (demoSecrets) process.stdout.write(`${say('cli.simulate.demoSecrets', { url: webhooks })}\n`);
  if (!(await listening(webhooks))) fail(say('cli.simulate.notListening', { url: webhooks }));

  process.stdout.write(`${say('cli.simulate.starting', { calls, rate, duration, webhooks, target })}\n`);
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
    const commands = media?.commands.map((c) => String(c.message.event)).join(', ') || say('cli.simulate.noCommands');
    const error = call.error ? ` (${describeFailure(call.error, { webhooks, target })})` : '';
    process.stdout.write(`${say('cli.simulate.result', { callId: call.callId, outcome: call.outcome, error, commands, speech: speechSeconds.toFixed(1) })}\n`);
  }
  const failed = finished.filter((c) => c.outcome === 'failed').length;
  process.exit(failed ? 1 : 0);
}

/** Ends the command with a plain message unless `raw` (the value of `--name`) is an absolute URL of one of `protocols`. */
function address(name: string, raw: unknown, protocols: string[]): void {
  const value = String(raw);
  const parsed = URL.canParse(value) ? new URL(value) : undefined;
  if (!parsed || !protocols.includes(parsed.protocol)) fail(say('cli.simulate.notUrl', { name, value, example: `${protocols[0]}//127.0.0.1:8000` }));
}

/** Whether anything answers HTTP at `url` (any status will do: the calls say what is wrong with it). */
async function listening(url: string): Promise<boolean> {
  try {
    await fetch(new URL('/healthz', url), { signal: AbortSignal.timeout(5000) });
    return true;
  } catch {
    return false;
  }
}

/**
 * What a simulated call's failure means for the person running it: nothing listening, or a secret
 * the engine refused (and which setting to fix), else the failure as it came.
 */
export function describeFailure(error: Error, { webhooks, target }: { webhooks: string; target: string }): string {
  const code = (error.cause as NodeJS.ErrnoException | undefined)?.code ?? (error as NodeJS.ErrnoException).code;
  if (code === 'ECONNREFUSED' || error.message === 'fetch failed') return say('cli.simulate.notListening', { url: error.message.startsWith('stream') ? target : webhooks });
  if (/^webhook answered HTTP 401\b/.test(error.message)) {
    return say('cli.simulate.wrongSecret', { url: webhooks, ...NAMES, where: `${say('settingGroups.ringover')}, ${say('settingFields.ringoverWebhookSecret.label')}` });
  }
  if ((error as { status?: number }).status === 401) {
    return say('cli.simulate.wrongToken', { url: target, ...NAMES, where: `${say('settingGroups.streamer')}, ${say('settingFields.ringoverStreamerAuthToken.label')}` });
  }
  return error.message;
}
