// A stream's facts (port.ts `StreamFacts`), kept current by the streamer as frames arrive.
import type { JitterStats } from './jitter-buffer.ts';
import type { Dialect, Encoding, Framing, StreamFacts } from './port.ts';

/** A stream's facts, as the streamer updates them: the jitter buffer's counters are read, not copied. */
export class LiveFacts implements StreamFacts {
  framing: Framing | undefined;
  encoding: Encoding | undefined;
  sampleRate: number | undefined;
  dialect: Dialect | undefined;
  framesReceived = 0;
  framesMalformed = 0;
  lastFrameAt: number | undefined;
  private formats = 0;
  private readonly jitter: JitterStats;

  constructor(jitter: JitterStats) {
    this.jitter = jitter;
  }

  get framesLost(): number {
    return this.jitter.lost;
  }
  get duplicates(): number {
    return this.jitter.duplicates;
  }
  get late(): number {
    return this.jitter.late;
  }
  get changes(): number {
    return this.formats + this.framesMalformed + this.jitter.lost + this.jitter.duplicates + this.jitter.late;
  }

  /** The audio now arriving is framed, encoded and timed so; cheap when nothing changed. */
  format(framing: Framing, encoding: Encoding, sampleRate: number): void {
    if (framing === this.framing && encoding === this.encoding && sampleRate === this.sampleRate) return;
    this.framing = framing;
    this.encoding = encoding;
    this.sampleRate = sampleRate;
    this.formats++;
  }

  speaks(dialect: Dialect): void {
    if (dialect === this.dialect) return;
    this.dialect = dialect;
    this.formats++;
  }
}
