// What the bot said in one turn, sentence by sentence with the length of each one's audio, so that
// when the speech is cut we know which words the caller actually heard.

interface Part {
  text: string;
  durationMs: number;
}

export class SpokenLine {
  private readonly parts: Part[] = [];
  private totalMs = 0;

  /** A sentence begins; its audio follows what is already queued. */
  begin(text: string): void {
    this.parts.push({ text, durationMs: 0 });
  }

  /** More words of the current sentence (a speech-to-speech model's transcript, as it streams). */
  append(text: string): void {
    const part = this.parts.at(-1);
    if (part) part.text += text;
    else this.parts.push({ text, durationMs: 0 });
  }

  /** More audio of the current sentence was queued (`durationMs` of it). */
  extend(durationMs: number): void {
    let part = this.parts.at(-1);
    if (!part) this.parts.push((part = { text: '', durationMs: 0 })); // audio ahead of its words
    part.durationMs += durationMs;
    this.totalMs += durationMs;
  }

  /** Audio queued for this turn so far, in ms. */
  get queuedMs(): number {
    return this.totalMs;
  }

  get text(): string {
    return this.parts.map((p) => p.text).join(' ');
  }

  /**
   * The words heard once `heardMs` of this turn's audio has played: whole sentences, and the share
   * of the one cut off. A sentence with no audio yet was not heard (unless audio after it was).
   */
  heard(heardMs: number): string {
    const words: string[] = [];
    let silent: string[] = [];
    let startsAt = 0;
    for (const part of this.parts) {
      if (part.durationMs === 0) {
        silent.push(part.text);
        continue;
      }
      if (heardMs <= startsAt) break;
      words.push(...silent);
      silent = [];
      if (heardMs >= startsAt + part.durationMs) {
        words.push(part.text);
        startsAt += part.durationMs;
        continue;
      }
      const split = part.text.split(/\s+/);
      const count = Math.floor((split.length * (heardMs - startsAt)) / part.durationMs);
      if (count > 0) words.push(split.slice(0, count).join(' '));
      break;
    }
    return words.join(' ');
  }
}
