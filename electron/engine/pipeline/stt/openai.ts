// Speech-to-text through the openai SDK (`POST /audio/transcriptions`): OpenAI's models, or any
// OpenAI-compatible server (whisper.cpp, faster-whisper servers…).
import type OpenAI from 'openai';
import { toFile } from 'openai';
import { encodeWav } from '../../audio/wav.ts';
import type { SpeechToText } from './stt.ts';

export class OpenAISpeechToText implements SpeechToText {
  private readonly client: OpenAI;
  private readonly model: string;
  /** ISO 639-1 language of the caller ("en", "fr"). */
  private readonly language: string;

  constructor(client: OpenAI, model: string, language: string) {
    this.client = client;
    this.model = model;
    this.language = language;
  }

  async transcribe(audio: Int16Array, sampleRate: number, signal: AbortSignal): Promise<string> {
    const file = await toFile(encodeWav(audio, sampleRate), 'speech.wav', { type: 'audio/wav' });
    const result = await this.client.audio.transcriptions.create({ file, model: this.model, language: this.language, response_format: 'json' }, { signal });
    return result.text.trim();
  }
}
