import { describe, expect, it } from 'vitest';
import { statsDue } from '../../../../electron/engine/calls/sessions.ts';

describe('when a call’s stream figures go out on the live feed', () => {
  it('sends the first figures and every change at once', () => {
    expect(statsDue(undefined, { version: 1, framesReceived: 10 }, false)).toBe(true);
    expect(statsDue({ version: 1, framesReceived: 10 }, { version: 2, framesReceived: 10 }, false)).toBe(true);
    expect(statsDue({ version: 1, framesReceived: 10 }, { version: 2, framesReceived: 60 }, false)).toBe(true);
  });

  it('holds a frame count that only grew until the counters are due, and sends nothing unchanged', () => {
    expect(statsDue({ version: 3, framesReceived: 10 }, { version: 3, framesReceived: 60 }, false)).toBe(false);
    expect(statsDue({ version: 3, framesReceived: 10 }, { version: 3, framesReceived: 60 }, true)).toBe(true);
    expect(statsDue({ version: 3, framesReceived: 60 }, { version: 3, framesReceived: 60 }, true)).toBe(false);
  });
});
