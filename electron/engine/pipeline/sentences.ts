// Cuts streamed text into sentences as they complete, so speech can start on the first one while
// the LLM is still writing the rest.

/** A sentence ends at . ! ? … (or a line break) followed by a space, or at the end of the text. */
const END = /[.!?…]+["')\]]*\s+|\n+/g;
/** Words whose period does not end a sentence ("Dr. Smith", "e.g. this"). */
const ABBREVIATION = /(?:^|\s)(?:mr|mrs|ms|dr|st|sr|jr|prof|no|vs|etc|approx|e\.g|i\.e|[a-z])\.["')\]]*\s+$/i;
/** A clause this long without an ending is spoken anyway, cut after a comma or a space. */
const LONG = 160;

export async function* sentences(text: AsyncIterable<string>): AsyncGenerator<string> {
  let buffer = '';
  for await (const piece of text) {
    buffer += piece;
    for (let sentence = cut(buffer); sentence; sentence = cut(buffer)) {
      buffer = buffer.slice(sentence.length);
      if (sentence.trim()) yield sentence.trim();
    }
  }
  if (buffer.trim()) yield buffer.trim();
}

/** The first complete sentence at the start of `buffer` (with its trailing space), if any. */
function cut(buffer: string): string | undefined {
  END.lastIndex = 0;
  for (let match = END.exec(buffer); match; match = END.exec(buffer)) {
    const end = match.index + match[0].length;
    if (!ABBREVIATION.test(buffer.slice(0, end))) return buffer.slice(0, end);
  }
  if (buffer.length <= LONG) return undefined;
  const comma = buffer.lastIndexOf(', ', LONG);
  if (comma > 40) return buffer.slice(0, comma + 2);
  const space = buffer.lastIndexOf(' ', LONG);
  return buffer.slice(0, space > 40 ? space + 1 : LONG);
}
