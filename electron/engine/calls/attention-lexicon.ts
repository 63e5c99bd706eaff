// The words the attention scorer listens for, per language (English and French; other languages
// use the English lists): a caller's frustration, a caller asking for a person, and a bot saying it
// did not understand. Deliberately small and literal: each entry is a phrase matched on word
// boundaries in the normalized text (lower case, accents kept, punctuation as spaces).

export interface Lexicon {
  frustration: readonly string[];
  askForPerson: readonly string[];
  notUnderstood: readonly string[];
}

const EN: Lexicon = {
  frustration: [
    'ridiculous', 'unacceptable', 'useless', 'frustrated', 'frustrating', 'annoyed', 'angry', 'furious', 'fed up', 'sick of',
    'waste of time', 'wasting my time', 'terrible', 'awful', 'hopeless', 'stupid', 'this is a joke', 'not happy', 'so annoying',
    'for the third time', 'i already told you', 'i already said', 'are you even listening', 'damn', 'hell',
  ],
  askForPerson: [
    'a human', 'real person', 'a person', 'an agent', 'an operator', 'a representative', 'someone real', 'talk to someone',
    'speak to someone', 'speak to a manager', 'your manager', 'a supervisor', 'customer service', 'transfer me',
  ],
  notUnderstood: [
    "didn't catch", 'did not catch', "didn't understand", 'did not understand', "didn't get that", 'could you repeat',
    'can you repeat', 'please repeat', "i'm not sure i understood", 'sorry, what', 'say that again',
  ],
};

const FR: Lexicon = {
  frustration: [
    'inadmissible', 'inacceptable', 'ridicule', 'scandaleux', 'honteux', 'nul', 'inutile', 'marre', 'ras le bol', 'agacé', 'agacée',
    'énervé', 'énervée', 'furieux', 'furieuse', 'en colère', 'pas content', 'pas contente', 'perte de temps', "c'est une blague",
    'je vous ai déjà dit', 'je l’ai déjà dit', "je l'ai déjà dit", 'vous ne comprenez rien', 'n’importe quoi', "n'importe quoi",
  ],
  askForPerson: [
    'un humain', 'une vraie personne', 'quelqu’un', "quelqu'un", 'un conseiller', 'une conseillère', 'un agent', 'un opérateur',
    'un responsable', 'le service client', 'passez moi', 'passez-moi', 'transférez moi', 'transférez-moi',
  ],
  notUnderstood: [
    "je n'ai pas compris", 'je n’ai pas compris', "je n'ai pas bien compris", 'je n’ai pas bien compris', 'pouvez vous répéter',
    'pouvez-vous répéter', 'pourriez vous répéter', 'pourriez-vous répéter', 'pardon, je', 'vous pouvez répéter',
  ],
};

const LEXICONS: Record<string, Lexicon> = { en: EN, fr: FR };

/** The lexicon of `language` (`en`, `fr-FR`…); English for a language without one. */
export const lexiconFor = (language: string): Lexicon => LEXICONS[language.slice(0, 2).toLowerCase()] ?? EN;

/** Lower case, apostrophes as one character, punctuation as single spaces, padded with a space each side. */
export function normalize(text: string): string {
  const flat = text
    .toLowerCase()
    .replace(/[’‘`]/g, "'")
    .replace(/[^\p{L}\p{N}']+/gu, ' ')
    .trim();
  return ` ${flat} `;
}

/** The phrases of `phrases` that `normalized` (from `normalize`) contains as whole words. */
export function phrasesIn(normalized: string, phrases: readonly string[]): string[] {
  return phrases.filter((phrase) => normalized.includes(normalize(phrase)));
}

/** Words of a normalized line, without the shortest (articles, "yes", "ok"), for comparing lines. */
export const contentWords = (normalized: string): Set<string> => new Set(normalized.split(' ').filter((word) => word.length > 2));

/**
 * Whether two normalized lines say the same thing: identical, or (both of at least 3 content
 * words) the shorter one's words at least 75% in the other (the overlap coefficient), which a
 * repeat said with more words ("I want to cancel my order" / "This is ridiculous, I said I want to
 * cancel my order!") still is.
 */
export function sameThing(a: string, b: string): boolean {
  if (a === b) return a.trim().length > 0;
  const wa = contentWords(a);
  const wb = contentWords(b);
  if (wa.size < 3 || wb.size < 3) return false;
  let shared = 0;
  for (const word of wa) if (wb.has(word)) shared++;
  return shared / Math.min(wa.size, wb.size) >= 0.75;
}
