// Numbers as speech-to-text writes them: digit groups ("4532 0151", "4532-0151") and words, in
// English ("four five three two", "double four", "forty two") and French ("quatre cinq trois deux",
// "quarante-deux", "soixante-dix-sept", "vingt et un"). Each number becomes a chunk with the digits
// it stands for and where it is in the text, so that a card number can be looked for across chunks.

/** One spoken or written number: its digits as said ("42" for "forty two"), and its place in the text [start, end). */
export interface NumberChunk {
  digits: string;
  start: number;
  end: number;
}

const UNITS: Record<string, number> = {
  zero: 0, oh: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9,
  zéro: 0, un: 1, une: 1, deux: 2, trois: 3, quatre: 4, cinq: 5, sept: 7, huit: 8, neuf: 9,
};
const TEENS: Record<string, number> = {
  ten: 10, eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
  dix: 10, onze: 11, douze: 12, treize: 13, quatorze: 14, quinze: 15, seize: 16,
};
const TENS: Record<string, number> = {
  twenty: 20, thirty: 30, forty: 40, fourty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
  vingt: 20, vingts: 20, trente: 30, quarante: 40, cinquante: 50, soixante: 60,
};
/** Said before a digit to repeat it ("double four" is 44). English only: French speakers say each digit. */
const REPEAT: Record<string, number> = { double: 2, triple: 3 };
/** Words people say between digits that do not end the number. */
const FILLERS = new Set(['um', 'uh', 'er', 'erm', 'euh', 'hum', 'heu', 'ben']);
/** What may stand between the parts of one number: spaces, dashes, dots, commas (never "/", which makes a date). */
const GAP = /^[\s\-.,–]*$/;

interface Token {
  text: string;
  word: string;
  start: number;
  end: number;
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(/[\p{L}\p{N}]+|[^\p{L}\p{N}]+/gu)) {
    tokens.push({ text: match[0], word: match[0].toLowerCase(), start: match.index, end: match.index + match[0].length });
  }
  return tokens;
}

const isWord = (token: Token | undefined) => token !== undefined && /[\p{L}\p{N}]/u.test(token.text);
const unitOf = (token: Token | undefined) => (token && token.word in UNITS ? UNITS[token.word] : undefined);
const joined = (token: Token | undefined) => token !== undefined && GAP.test(token.text);

/**
 * The runs of numbers in `text`: each run is the chunks that follow one another with only gaps or
 * fillers between them (a word that is not a number ends a run).
 */
export function numberRuns(text: string): NumberChunk[][] {
  const tokens = tokenize(text);
  const runs: NumberChunk[][] = [];
  let run: NumberChunk[] = [];
  const endRun = () => {
    if (run.length) runs.push(run);
    run = [];
  };
  let i = 0;
  while (i < tokens.length) {
    const token = tokens[i]!;
    if (!isWord(token)) {
      if (!GAP.test(token.text)) endRun();
      i++;
      continue;
    }
    const read = readNumber(tokens, i);
    if (read) {
      run.push(read.chunk);
      i = read.next;
    } else {
      if (!FILLERS.has(token.word)) endRun();
      i++;
    }
  }
  endRun();
  return runs;
}

/** The number starting at token `i` (a digit group, or number words), and the token after it; undefined when none starts there. */
function readNumber(tokens: Token[], i: number): { chunk: NumberChunk; next: number } | undefined {
  const token = tokens[i]!;
  const chunk = (digits: string, last: number) => ({ chunk: { digits, start: token.start, end: tokens[last]!.end }, next: last + 1 });
  if (/^\d+$/.test(token.text)) return chunk(token.text, i);
  const word = token.word;
  // "double four", "triple zero"
  if (word in REPEAT && joined(tokens[i + 1])) {
    const unit = unitOf(tokens[i + 2]);
    if (unit !== undefined) return chunk(String(unit).repeat(REPEAT[word]!), i + 2);
  }
  // French 70–99: "soixante-dix(-sept)", "soixante et onze", "quatre-vingt(s)(-dix)(-trois)"
  let tens: number | undefined;
  let last = i;
  if (word === 'quatre' && tokens[i + 1]?.text === '-' && /^vingts?$/.test(tokens[i + 2]?.word ?? '')) {
    tens = 80;
    last = i + 2;
  } else if (word in TENS) {
    tens = TENS[word];
  }
  if (tens !== undefined) {
    const after = compoundAfter(tokens, last, tens);
    return after ? chunk(String(after.value), after.last) : chunk(String(tens), last);
  }
  if (word in TEENS) {
    // "dix-sept", "dix-huit", "dix-neuf"
    if (word === 'dix' && tokens[i + 1]?.text === '-') {
      const unit = unitOf(tokens[i + 2]);
      if (unit !== undefined && unit >= 7) return chunk(String(10 + unit), i + 2);
    }
    return chunk(String(TEENS[word]), i);
  }
  const unit = unitOf(token);
  return unit === undefined ? undefined : chunk(String(unit), i);
}

/**
 * What follows a tens word at `last` in one number: a unit ("forty two", "quarante-deux"), "et un"
 * / "et onze" in French, a teen after 60 or 80 in French ("soixante-dix", "quatre-vingt-treize").
 */
function compoundAfter(tokens: Token[], last: number, tens: number): { value: number; last: number } | undefined {
  const gap = tokens[last + 1];
  if (!joined(gap)) return undefined;
  let next = last + 2;
  if (tokens[next]?.word === 'et' && joined(tokens[next + 1])) next += 2;
  const word = tokens[next]?.word ?? '';
  if ((tens === 60 || tens === 80) && word in TEENS && TEENS[word]! < 20) {
    if (word === 'dix' && tokens[next + 1]?.text === '-') {
      const unit = unitOf(tokens[next + 2]);
      if (unit !== undefined && unit >= 7) return { value: tens + 10 + unit, last: next + 2 };
    }
    return { value: tens + TEENS[word]!, last: next };
  }
  const unit = unitOf(tokens[next]);
  // "forty oh" is 40 then 0, not 40: a zero never completes a tens word.
  if (unit !== undefined && unit > 0) return { value: tens + unit, last: next };
  return undefined;
}
