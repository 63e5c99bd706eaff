// JSON from peers (stream frames, console requests, answers from servers we call): walked within
// limits first, so a deep or huge text is refused after bounded work instead of reaching the
// built-in parser (which copes with depth, but then JSON.stringify and structured clone do not).
import { walkJson, type JsonLimits } from './walk-json.ts';

export { JsonRefusedError, MAX_JSON_DEPTH, MAX_JSON_VALUES, type JsonLimits } from './walk-json.ts';

/**
 * Parses JSON text from a peer.
 * @throws JsonRefusedError (with a message that names the problem and where) when the text is
 * not JSON or breaks a limit: depth 64, 100,000 values, duplicate keys unless allowed.
 */
export function parsePeerJson(text: string, limits?: JsonLimits): unknown {
  walkJson(text, undefined, limits);
  return JSON.parse(text);
}

