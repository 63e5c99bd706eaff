// The pipeline's three models for one call, each behind its stage's one-method interface: through
// the openai SDK (OpenAI, or any OpenAI-compatible server), and for speech ElevenLabs when the
// settings choose it; another vendor is one file in stt/, llm/ or tts/ and one line here.
import type { EngineConfig } from '../config/schema.ts';
import { OpenAILanguageModel } from './llm/openai.ts';
import type { LanguageModel } from './llm/llm.ts';
import type { ModelClients } from './models.ts';
import { OpenAISpeechToText } from './stt/openai.ts';
import type { SpeechToText } from './stt/stt.ts';
import { ElevenLabsTextToSpeech, elevenLabsSettings } from './tts/elevenlabs.ts';
import { OpenAITextToSpeech } from './tts/openai.ts';
import type { TextToSpeech } from './tts/tts.ts';

export interface SpeechModels {
  stt: SpeechToText;
  llm: LanguageModel;
  tts: TextToSpeech;
}

export function speechModels(config: EngineConfig, clients: ModelClients): SpeechModels {
  return {
    stt: new OpenAISpeechToText(clients.stt, config.sttModel, config.botLanguage),
    llm: new OpenAILanguageModel(clients.llm, config.llmModel),
    tts: config.ttsProvider === 'elevenlabs' ? new ElevenLabsTextToSpeech(elevenLabsSettings(config)) : new OpenAITextToSpeech(clients.tts, config.ttsModel, config.ttsVoice),
  };
}
