// A flood of slow, unauthenticated bodies must not grow the engine's memory without bound: the
// bodies read at once share a budget; past it a request is refused (503), and a finished or
// abandoned body gives its bytes back.
import { PassThrough } from 'node:stream';
import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { BodiesBusyError, BodyBudget, readBody } from '../../../../electron/engine/net/respond.ts';

const request = () => Object.assign(new PassThrough(), { headers: {} }) as unknown as IncomingMessage & PassThrough;

describe('bodies read at once', () => {
  it('are refused past their shared budget, and give their bytes back when done or gone', async () => {
    const budget = new BodyBudget(100);
    const first = request();
    const reading = readBody(first, 1000, undefined, budget);
    first.write(Buffer.alloc(80));
    await new Promise((resolve) => setImmediate(resolve));

    const second = request();
    const refused = readBody(second, 1000, undefined, budget);
    second.write(Buffer.alloc(40));
    await expect(refused).rejects.toBeInstanceOf(BodiesBusyError);

    first.end(Buffer.alloc(10));
    expect((await reading).length).toBe(90);

    const third = request();
    const after = readBody(third, 1000, undefined, budget);
    third.end(Buffer.alloc(100));
    expect((await after).length).toBe(100);

    const gone = request();
    void readBody(gone, 1000, undefined, budget).catch(() => undefined);
    gone.write(Buffer.alloc(100));
    await new Promise((resolve) => setImmediate(resolve));
    expect(budget.take(1)).toBe(false); // the abandoned body still holds its 100 bytes
    gone.destroy();
    await new Promise((resolve) => setImmediate(resolve));
    expect(budget.take(100)).toBe(true);
  });
});
