// What the bot said in one turn, placed on the playback clock sentence by sentence, so that when
// the caller cuts in we know what they actually heard.

interface Part {
  text: string;
  startsAt: number;
  durationMs: number;
}

export class SpokenLine {
  private readonly parts: Part[] = [];
  private endsAt = 0;

  /** A sentence begins playing when its first audio is queued (after what is already queued). */
  begin(text: string, now: number): void {
    const startsAt = Math.max(now, this.endsAt);
    this.parts.push({ text, startsAt, durationMs: 0 });
    this.endsAt = startsAt;
  }

  /** More audio of the current sentence was queued. */
  extend(durationMs: number): void {
    const part = this.parts.at(-1);
    if (!part) return;
    part.durationMs += durationMs;
    this.endsAt = part.startsAt + part.durationMs;
  }

  /** When the last queued audio will have been heard. */
  get finishesAt(): number {
    return this.endsAt;
  }

  get text(): string {
    return this.parts.map((p) => p.text).join(' ');
  }

  /** The words heard by `at`: whole sentences that finished, and the share of the one cut off. */
  heard(at: number): string {
    const words: string[] = [];
    for (const part of this.parts) {
      if (at >= part.startsAt + part.durationMs) {
        words.push(part.text);
        continue;
      }
      if (at > part.startsAt && part.durationMs > 0) {
        const split = part.text.split(/\s+/);
        const count = Math.floor((split.length * (at - part.startsAt)) / part.durationMs);
        if (count > 0) words.push(split.slice(0, count).join(' '));
      }
      break;
    }
    return words.join(' ');
  }
}
