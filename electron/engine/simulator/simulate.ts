// Simulated calls, as a provider would make them: signed webhooks (ringing → answered → hangup)
// around a media stream of the caller's voice.
import { loadClips, type Clip } from './clips.ts';
import { PacketClock, SimulatedMediaServer, sharedClock, type CallerStep } from './media-server.ts';
import { RingoverWebhookSender, type RingoverCallData } from './webhook-sender.ts';

export interface SimulationOptions {
  /** Engine public URL for webhooks, e.g. http://127.0.0.1:8000. */
  webhooks: string;
  /** Stream server URL (the same listener unless RINGOVER_WEBSOCKET_PORT differs). */
  target: string;
  webhookKey: string;
  streamToken: string;
  clips?: Clip[];
  clock?: PacketClock;
}

let counter = 0;

/** A fresh Ringover-like call id: 19 digits, above 2^53 like the real ones. */
export function newCallId(): string {
  counter = (counter + 1) % 1_000_000;
  return String(7_000_000_000_000_000_000n + BigInt(Date.now() % 1e9) * 1_000_000n + BigInt(counter));
}

export interface CallPlan {
  data: RingoverCallData;
  /** Seconds from answer to hang-up (unless transferred first). */
  durationSeconds: number;
  ringingMs?: number;
  /** What the caller says and presses, once (else the clips, in turn and again). */
  script?: CallerStep[];
}

export class SimulatedCall {
  readonly plan: CallPlan;
  media: SimulatedMediaServer | undefined;
  outcome: 'completed' | 'transferred' | 'failed' | undefined;
  error: Error | undefined;
  private readonly options: SimulationOptions;
  private readonly webhooks: RingoverWebhookSender;
  private hangUp!: () => void;
  private readonly hungUp = new Promise<void>((resolve) => (this.hangUp = resolve));

  constructor(plan: CallPlan, options: SimulationOptions) {
    this.plan = plan;
    this.options = options;
    this.webhooks = new RingoverWebhookSender(options.webhooks, options.webhookKey);
  }

  get callId(): string {
    return this.plan.data.callId;
  }

  /** Plays the whole call; resolves when it is over. Never throws: failures land in `error`. */
  async run(): Promise<this> {
    try {
      await this.expectOk(this.webhooks.send('ringing', this.plan.data));
      await delay(this.plan.ringingMs ?? 800);
      await this.expectOk(this.webhooks.send('answered', this.plan.data));
      const clips = this.options.clips ?? loadClips();
      const offset = Number(BigInt(this.callId) % BigInt(clips.length));
      this.media = await SimulatedMediaServer.connect({
        target: this.options.target,
        token: this.options.streamToken,
        callId: this.callId,
        clips: [...clips.slice(offset), ...clips.slice(0, offset)],
        ...(this.plan.script && { script: this.plan.script }),
        clock: this.options.clock ?? sharedClock,
      });
      this.media.startAudio();
      const ending = await Promise.race([
        this.media.ended,
        delay(this.plan.durationSeconds * 1000).then(() => 'timeout' as const),
        this.hungUp.then(() => 'timeout' as const),
      ]);
      this.media.stop();
      this.outcome = ending === 'transferred' ? 'transferred' : 'completed';
      await this.expectOk(this.webhooks.send('hangup', { ...this.plan.data, durationSeconds: this.plan.durationSeconds }));
    } catch (error) {
      this.outcome = 'failed';
      this.error = error as Error;
      this.media?.stop();
    }
    return this;
  }

  /** Ends the call now (the caller hangs up). */
  end(): void {
    this.hangUp();
  }

  private async expectOk(status: Promise<number>): Promise<void> {
    const code = await status;
    if (code !== 200) throw new Error(`webhook answered HTTP ${code}`);
  }
}

const PEOPLE = [
  { name: 'Claire Dubois', number: '+33612345678' },
  { name: 'James Whitfield', number: '+447700900123' },
  { name: 'Aisha Khan', number: '+447911123456' },
  { name: 'Lucas Martin', number: '+33698765432' },
  { name: 'Maria González', number: '+34612345678' },
  { name: 'Tom Becker', number: '+4915123456789' },
];
const AGENTS = [
  { firstname: 'Ringside', lastname: 'Bot', email: 'bot@ringside.example' },
  { firstname: 'Nora', lastname: 'Lindqvist', email: 'nora@ringside.example' },
];

/** A plausible inbound call to the support line. */
export function plannedCall(index: number, durationSeconds: number): CallPlan {
  const person = PEOPLE[index % PEOPLE.length]!;
  return {
    durationSeconds,
    data: {
      callId: newCallId(),
      direction: 'in',
      from: person.number,
      fromName: person.name,
      to: '+33187654321',
      agent: AGENTS[index % AGENTS.length]!,
    },
  };
}

export interface SimulationRun {
  calls: SimulatedCall[];
  done: Promise<SimulatedCall[]>;
  /** Starts no more calls and hangs up those in progress; `done` resolves once they are over. */
  stop(): void;
}

/** Starts `count` calls, `rate` per second, each `durationSeconds` long. */
export function simulate(count: number, rate: number, durationSeconds: number, options: SimulationOptions): SimulationRun {
  const calls: SimulatedCall[] = [];
  const finished: Promise<SimulatedCall>[] = [];
  const stopped = new AbortController();
  const started = (async () => {
    for (let i = 0; i < count && !stopped.signal.aborted; i++) {
      const call = new SimulatedCall(plannedCall(i, durationSeconds), options);
      calls.push(call);
      finished.push(call.run());
      if (i < count - 1) await delay(1000 / rate, stopped.signal);
    }
  })();
  return {
    calls,
    done: started.then(() => Promise.all(finished)),
    stop() {
      stopped.abort();
      for (const call of calls) call.end();
    },
  };
}

/** Waits `ms`, or less when `signal` aborts first. */
export const delay = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });
