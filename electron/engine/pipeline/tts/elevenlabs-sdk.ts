// ElevenLabs' SDK, loaded when first wanted: it is thousands of modules (seconds of start-up on a
// busy machine), which an engine speaking through OpenAI should never pay for. `loadElevenLabs()`
// is called as soon as the settings choose ElevenLabs, so the first caller does not wait for it.

type Sdk = typeof import('@elevenlabs/elevenlabs-js');

let loading: Promise<Sdk> | undefined;

/** The SDK's module, loaded once (a failed load is tried again on the next call). */
export function loadElevenLabs(): Promise<Sdk> {
  loading ??= import('@elevenlabs/elevenlabs-js').catch((error: unknown) => {
    loading = undefined;
    throw new Error(`the ElevenLabs SDK could not be loaded (${(error as Error).message}): reinstall Ringside, or choose openai as the text-to-speech provider`);
  });
  return loading;
}
