// Taking over a call: the supervisor's microphone (echo cancellation on), captured at 16 kHz and
// sent into the call as `streamAudio` in 100 ms pieces, in order.
import { ApiError } from '../../../../shared/api.ts';
import type { Bridge } from '../../bridge/index.ts';
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
  const where = !desktop
    ? 'allow it for Ringside in the browser’s site settings'
    : /Macintosh/.test(userAgent)
      ? 'allow Ringside in System Settings → Privacy & Security → Microphone'
      : 'turn on File → Use Microphone for Take Over, then take over again';
  return `Microphone blocked: ${where} (the bot stays silent meanwhile)`;
}

export class MicrophoneStreamer {
  private stream: MediaStream | undefined;
  private context: AudioContext | undefined;
  private sending: Promise<void> = Promise.resolve();
  private failed = false;

  /** Rejects with a message a supervisor can act on when the microphone cannot be used. */
  async start(api: Bridge, callId: string, onError: (message: string) => void): Promise<void> {
    this.stop();
    this.failed = false;
    try {
      this.stream = await navigator.mediaDevices.getUserMedia({ audio: { echoCancellation: true, noiseSuppression: true, autoGainControl: true, channelCount: 1 } });
    } catch (error) {
      const name = (error as DOMException).name;
      throw new Error(
        name === 'NotAllowedError'
          ? microphoneBlocked(window.ringside !== undefined, navigator.userAgent)
          : name === 'NotFoundError'
            ? 'No microphone found: plug one in and take over again'
            : `The microphone could not start (${name})`,
      );
    }
    const context = new AudioContext({ sampleRate: MIC_RATE, latencyHint: 'interactive' });
    this.context = context;
    await context.audioWorklet.addModule(workletUrl);
    const source = context.createMediaStreamSource(this.stream);
    const capture = new AudioWorkletNode(context, 'ringside-capture', { numberOfInputs: 1, numberOfOutputs: 0 });
    capture.port.onmessage = (message: MessageEvent<Float32Array>) => {
      const audio = pcmBase64(message.data);
      this.sending = this.sending.then(async () => {
        if (this.failed) return;
        try {
          await api.sendCommand(callId, { type: 'streamAudio', sampleRate: MIC_RATE, audioDataType: 'raw', audio });
        } catch (error) {
          this.failed = true;
          onError(error instanceof ApiError ? `Your voice is not reaching the call: ${error.message}` : 'Your voice is not reaching the call');
        }
      });
    };
    source.connect(capture);
  }

  get active(): boolean {
    return this.stream !== undefined;
  }

  stop(): void {
    for (const track of this.stream?.getTracks() ?? []) track.stop();
    this.stream = undefined;
    void this.context?.close();
    this.context = undefined;
  }
}
