// Text-to-speech through the openai SDK (`POST /audio/speech`, `response_format: 'pcm'`): OpenAI's
// voices, or any OpenAI-compatible speech server.
import type OpenAI from 'openai';
import { Pcm16Chunks } from '../../audio/pcm.ts';
import type { TextToSpeech } from './tts.ts';

export class OpenAITextToSpeech implements TextToSpeech {
  /** `pcm` is raw 24 kHz, 16-bit, mono, whatever the line. */
  rateFor(): number {
    return 24000;
  }

  private readonly client: OpenAI;
  private readonly model: string;
  private readonly voice: string;

  constructor(client: OpenAI, model: string, voice: string) {
    this.client = client;
    this.model = model;
    this.voice = voice;
  }

  async *synthesize(text: string, signal: AbortSignal): AsyncGenerator<Int16Array> {
    const response = await this.client.audio.speech.create({ model: this.model, voice: this.voice, input: text, response_format: 'pcm' }, { signal });
    if (!response.body) return;
    const pcm = new Pcm16Chunks(); // chunks may split a 16-bit sample
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      const samples = pcm.push(chunk);
      if (samples.length) yield samples;
    }
  }
}
