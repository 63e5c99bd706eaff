// Taking over a call: the supervisor's microphone (echo cancellation on), captured at 16 kHz and
// sent into the call as `streamAudio` in 100 ms pieces, in order. Stopping ends every track, also
// one the browser hands over after the stop was asked (a take-over left while the browser asked).
import { ApiError } from '../../../../shared/api.ts';
import type { Bridge } from '../../bridge/index.ts';
import { i18n } from '../../i18n/index.ts';
import workletUrl from './mic-capture.worklet.ts?worker&url';

export const MIC_RATE = 16000;

export function pcmBase64(floats: Float32Array): string {
  const bytes = new Uint8Array(floats.length * 2);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < floats.length; i++) view.setInt16(i * 2, Math.round(Math.max(-1, Math.min(1, floats[i]!)) * 32767), true);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x2000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x2000));
  return btoa(binary);
}

/** What to do when the microphone was refused: where that answer is changed, here. */
export function microphoneBlocked(desktop: boolean, userAgent: string): string {
  const where = !desktop ? i18n.t('microphone.allowInBrowser') : /Macintosh/.test(userAgent) ? i18n.t('microphone.allowOnMac') : i18n.t('microphone.allowInMenu');
  return i18n.t('microphone.blocked', { where });
}

export interface MicrophoneHandlers {
  /** The microphone is on: the supervisor's voice goes to the call from now on. */
  live(): void;
  /** It stopped working after it started (unplugged, or the voice no longer reaches the call). */
  failed(message: string): void;
}

export class MicrophoneStreamer {
  private stream: MediaStream | undefined;
  private context: AudioContext | undefined;
  private sending: Promise<void> = Promise.resolve();
  private failed = false;
  /** Bumped by every start and stop: a start that finds it changed was stopped meanwhile. */
  private generation = 0;

  /**
   * Starts capturing for `callId`. Rejects with a message a supervisor can act on when the
   * microphone cannot be used; resolves without starting when `stop()` came first.
   */
  async start(api: Bridge, callId: string, handlers: MicrophoneHandlers): Promise<void> {
    this.stop();
    const generation = ++this.generation;
    const current = () => generation === this.generation;
    this.failed = false;
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ audio: { echoCancellation: true, noiseSuppression: true, autoGainControl: true, channelCount: 1 } });
    } catch (error) {
      if (!current()) return;
      const name = (error as DOMException).name;
      throw new Error(
        name === 'NotAllowedError'
          ? microphoneBlocked(window.ringside !== undefined, navigator.userAgent)
          : name === 'NotFoundError'
            ? i18n.t('microphone.notFound')
            : i18n.t('microphone.couldNotStart', { name }),
      );
    }
    if (!current()) return endTracks(stream);
    this.stream = stream;
    for (const track of stream.getAudioTracks()) {
      track.addEventListener('ended', () => current() && handlers.failed(i18n.t('microphone.stopped')));
    }
    const context = new AudioContext({ sampleRate: MIC_RATE, latencyHint: 'interactive' });
    this.context = context;
    await context.audioWorklet.addModule(workletUrl);
    if (!current()) return;
    const source = context.createMediaStreamSource(stream);
    const capture = new AudioWorkletNode(context, 'ringside-capture', { numberOfInputs: 1, numberOfOutputs: 0 });
    capture.port.onmessage = (message: MessageEvent<Float32Array>) => {
      if (!current()) return;
      const audio = pcmBase64(message.data);
      this.sending = this.sending.then(async () => {
        if (this.failed || !current()) return;
        try {
          await api.sendCommand(callId, { type: 'streamAudio', sampleRate: MIC_RATE, audioDataType: 'raw', audio });
        } catch (error) {
          if (!current()) return;
          this.failed = true;
          handlers.failed(error instanceof ApiError ? i18n.t('microphone.notReachingBecause', { reason: error.message }) : i18n.t('microphone.notReaching'));
        }
      });
    };
    source.connect(capture);
    handlers.live();
  }

  get active(): boolean {
    return this.stream !== undefined;
  }

  /** Ends capture: every track stopped (the browser's "in use" mark goes), nothing more sent. */
  stop(): void {
    this.generation++;
    if (this.stream) endTracks(this.stream);
    this.stream = undefined;
    void this.context?.close().catch(() => undefined);
    this.context = undefined;
  }
}

function endTracks(stream: MediaStream): void {
  for (const track of stream.getTracks()) track.stop();
}
