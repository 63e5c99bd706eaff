// A media server as the provider runs one: it opens the call's stream (ringover-streamer
// protocol), sends the caller's voice as 20 ms PCMU RTP packets at real-time pace, and keeps
// what comes back: commands in order, speech decoded. It reacts like a phone line: `break` drops
// the speech still queued, `transfer` ends the call, `digits` are noted.
import { WebSocket } from 'ws';
import { encodeUlaw } from '../audio/g711.ts';
import { decodePcm16 } from '../audio/pcm.ts';
import { CLOSE } from '../streamer/port.ts';
import { buildRtp, PT_PCMU } from '../streamer/rtp.ts';
import type { Clip } from './clips.ts';

const PACKET_SAMPLES = 160; // 20 ms at 8 kHz
const PACKET_MS = 20;

export interface Received {
  /** performance.now() when the message arrived. */
  at: number;
  text: string;
  message: Record<string, unknown>;
}

export type MediaEnd = 'closed' | 'transferred' | 'refused';

/** One shared clock for every simulated stream: one timer, however many calls. */
export class PacketClock {
  private readonly streams = new Set<SimulatedMediaServer>();
  private timer: NodeJS.Timeout | undefined;

  add(stream: SimulatedMediaServer): void {
    this.streams.add(stream);
    this.timer ??= setInterval(() => {
      const now = performance.now();
      for (const s of this.streams) s.sendDue(now);
    }, 5);
  }

  remove(stream: SimulatedMediaServer): void {
    this.streams.delete(stream);
    if (this.streams.size === 0 && this.timer) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }
}

export const sharedClock = new PacketClock();

/** One step of a caller's script: a line said (PCM16 at 8 kHz) or keys pressed, then a pause. */
export type CallerStep = { samples: Int16Array; pauseAfterMs: number } | { keys: string; pauseAfterMs: number };

/** One RTP packet of the caller's side: PCMU audio, or a telephone-event report (RFC 4733). */
type ScriptPacket = Uint8Array | { event: Uint8Array; first: boolean };

export interface MediaServerOptions {
  /** Stream server base, e.g. `ws://127.0.0.1:8000`. */
  target: string;
  token: string;
  callId: string;
  /** What the caller says, in turn, with pauses between lines; none: silence until `speak`. */
  clips: Clip[];
  pauseMs?: number;
  /** Instead of `clips` (which repeat): these steps once, in order, then silence. */
  script?: CallerStep[];
  clock?: PacketClock;
}

/** When a line `speak` was asked to say went out (performance.now()). */
export interface Spoken {
  /** The first voiced packet was sent. */
  startedAt: number;
  /** The last voiced packet was sent, plus its 20 ms: the end of the caller's speech. */
  endedAt: number;
}

export class SimulatedMediaServer {
  readonly callId: string;
  readonly received: Received[] = [];
  /** Speech received (raw streamAudio), decoded, with its rate. */
  readonly speech: { sampleRate: number; samples: Int16Array; at: number }[] = [];
  readonly digits: string[] = [];
  transferredTo: string | undefined;
  /** When each RTP packet went out (performance.now()), by packet index since the stream began. */
  readonly sentAt: number[] = [];
  readonly ended: Promise<MediaEnd>;
  private readonly ws: WebSocket;
  private readonly clock: PacketClock;
  private readonly packets: ScriptPacket[];
  private readonly loop: boolean;
  /** The RTP timestamp of the key press being sent (its packets all carry its start). */
  private eventStart = 0;
  /** Lines asked for with `speak`, played before anything else. */
  private readonly queue: { payload: Uint8Array; voiced: boolean; line?: { spoken: Partial<Spoken>; done: (s: Spoken) => void } }[] = [];
  private next = 0;
  private scriptAt = 0;
  private nextAt = 0;
  private sequence = Math.floor(Math.random() * 0xffff);
  private timestamp = Math.floor(Math.random() * 0xffffffff);
  private readonly ssrc = Math.floor(Math.random() * 0xffffffff);
  private playingUntil = 0;
  private finish!: (how: MediaEnd) => void;
  private readonly waiting = new Set<(received: Received) => void>();

  private constructor(ws: WebSocket, options: MediaServerOptions) {
    this.ws = ws;
    this.callId = options.callId;
    this.clock = options.clock ?? sharedClock;
    this.packets = options.script ? packetizeScript(options.script) : options.clips.length ? packetize(options.clips, options.pauseMs ?? 2500) : [SILENCE];
    this.loop = !options.script;
    this.ended = new Promise((resolve) => (this.finish = resolve));
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      if (!isBinary) this.receive(data.toString('utf8'));
    });
    ws.on('close', () => this.stop('closed'));
  }

  /** Opens the stream; rejects with the HTTP status when the upgrade is refused. */
  static connect(options: MediaServerOptions): Promise<SimulatedMediaServer> {
    const url = `${options.target.replace(/^http/, 'ws').replace(/\/+$/, '')}/stream/${options.callId}?token=${encodeURIComponent(options.token)}`;
    const ws = new WebSocket(url, { perMessageDeflate: false });
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(new SimulatedMediaServer(ws, options)));
      ws.once('unexpected-response', (_req, res) => reject(Object.assign(new Error(`stream refused: HTTP ${res.statusCode}`), { status: res.statusCode })));
      ws.once('error', reject);
    });
  }

  /** Starts sending the caller's voice in real time. */
  startAudio(): void {
    this.nextAt = performance.now();
    this.clock.add(this);
  }

  /** Sends every packet due by `now` (called by the shared clock). */
  sendDue(now: number): void {
    if (this.ws.readyState !== WebSocket.OPEN) return;
    while (this.nextAt <= now) {
      const queued = this.queue.shift();
      const next = queued?.payload ?? (this.loop || this.scriptAt < this.packets.length ? this.packets[this.scriptAt++ % this.packets.length]! : SILENCE);
      if (queued?.line && queued.voiced) {
        queued.line.spoken.startedAt ??= now;
        queued.line.spoken.endedAt = now + PACKET_MS;
      }
      if (queued?.line && this.queue.every((q) => q.line !== queued.line)) queued.line.done(queued.line.spoken as Spoken);
      this.sentAt.push(now);
      if (next instanceof Uint8Array) {
        this.ws.send(buildRtp({ payloadType: PT_PCMU, marker: this.next === 0, sequence: this.sequence, timestamp: this.timestamp, ssrc: this.ssrc, payload: next }));
      } else {
        if (next.first) this.eventStart = this.timestamp;
        this.ws.send(buildRtp({ payloadType: PT_TELEPHONE_EVENT, marker: next.first, sequence: this.sequence, timestamp: this.eventStart, ssrc: this.ssrc, payload: next.event }));
      }
      this.sequence = (this.sequence + 1) & 0xffff;
      this.timestamp = (this.timestamp + PACKET_SAMPLES) >>> 0;
      this.next++;
      this.nextAt += PACKET_MS;
    }
  }

  /** The caller says `samples` (8 kHz) now, ahead of the script; resolves once it has been sent. */
  speak(samples: Int16Array): Promise<Spoken> {
    return new Promise((done) => {
      const line = { spoken: {}, done };
      const encoded = encodeUlaw(samples);
      for (let i = 0; i < encoded.length; i += PACKET_SAMPLES) {
        const payload = new Uint8Array(PACKET_SAMPLES).fill(0xff);
        payload.set(encoded.subarray(i, i + PACKET_SAMPLES));
        let energy = 0;
        for (let j = i; j < Math.min(samples.length, i + PACKET_SAMPLES); j++) energy += samples[j]! * samples[j]!;
        this.queue.push({ payload, voiced: Math.sqrt(energy / PACKET_SAMPLES) > VOICED_RMS, line });
      }
    });
  }

  /** Sends an arbitrary frame (tests use it for malformed or JSON frames). */
  sendRaw(data: Buffer | string): void {
    this.ws.send(data);
  }

  /** Milliseconds of received speech not yet played to the caller. */
  queuedMs(now = performance.now()): number {
    return Math.max(0, this.playingUntil - now);
  }

  /** Resolves with the next message to arrive, or undefined when none came within `timeoutMs`. */
  nextMessage(timeoutMs: number): Promise<Received | undefined> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => (this.waiting.delete(arrived), resolve(undefined)), timeoutMs);
      const arrived = (received: Received) => (clearTimeout(timer), this.waiting.delete(arrived), resolve(received));
      this.waiting.add(arrived);
    });
  }

  /** Messages other than speech, in arrival order. */
  get commands(): Received[] {
    return this.received.filter((r) => r.message.type !== 'streamAudio');
  }

  stop(how: MediaEnd = 'closed'): void {
    this.clock.remove(this);
    if (this.ws.readyState === WebSocket.OPEN) this.ws.close(CLOSE.normal, 'call ended');
    this.finish(how);
  }

  private receive(text: string): void {
    const at = performance.now();
    let message: Record<string, unknown>;
    try {
      message = JSON.parse(text) as Record<string, unknown>;
    } catch {
      return;
    }
    const received = { at, text, message };
    this.received.push(received);
    for (const arrived of this.waiting) arrived(received);
    if (message.type === 'streamAudio') {
      const data = message.data as { audioDataType: string; sampleRate: number; audioData: string };
      if (data.audioDataType !== 'raw') return;
      const samples = decodePcm16(Buffer.from(data.audioData, 'base64'));
      this.speech.push({ sampleRate: data.sampleRate, samples, at });
      this.playingUntil = Math.max(this.playingUntil, at) + (samples.length / data.sampleRate) * 1000;
      return;
    }
    switch (message.event) {
      case 'break':
        this.playingUntil = at; // what was queued is never heard
        return;
      case 'digits':
        this.digits.push(String(message.data));
        return;
      case 'transfer':
        this.transferredTo = String(message.data);
        this.stop('transferred');
        return;
    }
  }
}

const SILENCE = encodeUlaw(new Int16Array(PACKET_SAMPLES));
/** Above the clips' noise floor (RMS ≈ 4): soft consonants at the end of a word are speech too. */
const VOICED_RMS = 60;

/** The dynamic payload type PBXes most often give telephone events. */
const PT_TELEPHONE_EVENT = 101;
const KEY_CODES = '0123456789*#ABCD';
/** A key is held 100 ms (5 packets, then its end sent twice more, as RFC 4733 §2.5.1.4 asks), 100 ms apart. */
const KEY_PACKETS = 5;

/** One key press as telephone-event packets (RFC 4733 §2.3): growing duration, the E bit on the end. */
function keyPress(key: string): ScriptPacket[] {
  const code = KEY_CODES.indexOf(key.toUpperCase());
  if (code < 0) return [];
  const report = (duration: number, end: boolean) => Uint8Array.of(code, (end ? 0x80 : 0) | 10, duration >> 8, duration & 0xff);
  const packets: ScriptPacket[] = [];
  for (let i = 1; i <= KEY_PACKETS; i++) packets.push({ event: report(i * PACKET_SAMPLES, i === KEY_PACKETS), first: i === 1 });
  for (let i = 0; i < 2; i++) packets.push({ event: report(KEY_PACKETS * PACKET_SAMPLES, true), first: false });
  for (let i = 0; i < 5; i++) packets.push(SILENCE);
  return packets;
}

/** A caller's script as packets: lines as 20 ms PCMU payloads, keys as telephone events, pauses as silence. */
function packetizeScript(steps: CallerStep[]): ScriptPacket[] {
  const packets: ScriptPacket[] = [];
  for (const step of steps) {
    if ('keys' in step) for (const key of step.keys) packets.push(...keyPress(key));
    else {
      const encoded = encodeUlaw(step.samples);
      for (let i = 0; i < encoded.length; i += PACKET_SAMPLES) {
        const payload = new Uint8Array(PACKET_SAMPLES).fill(0xff);
        payload.set(encoded.subarray(i, i + PACKET_SAMPLES));
        packets.push(payload);
      }
    }
    for (let t = 0; t < step.pauseAfterMs; t += PACKET_MS) packets.push(SILENCE);
  }
  return packets;
}

/** The caller's lines as 20 ms PCMU payloads, with silent pauses between them. */
function packetize(clips: Clip[], pauseMs: number): Uint8Array[] {
  const silence = SILENCE;
  const packets: Uint8Array[] = [];
  for (const clip of clips) {
    const encoded = encodeUlaw(clip.samples);
    for (let i = 0; i + PACKET_SAMPLES <= encoded.length; i += PACKET_SAMPLES) packets.push(encoded.subarray(i, i + PACKET_SAMPLES));
    for (let t = 0; t < pauseMs; t += PACKET_MS) packets.push(silence);
  }
  return packets.length ? packets : [silence];
}
