// A peer that sends a body one byte per chunk must not make the engine re-copy and re-screen the
// whole start on every byte (a 390 KB body once held the event loop for over a minute).
import { Readable } from 'node:stream';
import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { readBody, SCREENED_BYTES } from '../../../../electron/engine/net/respond.ts';

/** A request whose body arrives as `body.length` one-byte chunks. */
function byteByByte(body: Buffer): IncomingMessage {
  const stream = Readable.from((function* () {
    for (let i = 0; i < body.length; i++) yield body.subarray(i, i + 1);
  })(), { objectMode: false });
  return Object.assign(stream, { headers: {} }) as unknown as IncomingMessage;
}

describe('reading a body cut into one-byte chunks', () => {
  it('screens its start a few times at doubling sizes, not once per byte, and returns it whole', async () => {
    const body = Buffer.from(`{"x":"${'a'.repeat(200_000)}"}`);
    const seen: number[] = [];
    const read = await readBody(byteByByte(body), 1024 * 1024, (start) => void seen.push(start?.length ?? -1));
    expect(read.equals(body)).toBe(true);
    expect(seen[0]).toBe(-1); // before anything is read
    expect(seen.length).toBeLessThanOrEqual(3 + Math.log2(SCREENED_BYTES));
    expect(seen.at(-1)).toBe(SCREENED_BYTES);
  });

  it('still refuses at the screen as soon as the start shows the problem', async () => {
    const body = Buffer.from(`{"api_token":"wrong"${' '.repeat(100_000)}}`);
    const refusal = new Error('wrong token');
    await expect(
      readBody(byteByByte(body), 1024 * 1024, (start) => {
        if (start && start.includes('wrong')) throw refusal;
      }),
    ).rejects.toBe(refusal);
  });

  it('screens a short body from its first byte, at doubling sizes, and whole once it has ended', async () => {
    const seen: string[] = [];
    await readBody(byteByByte(Buffer.from('{"a":1}')), 1024, (start) => void seen.push(start?.toString() ?? ''));
    expect(seen).toEqual(['', '{', '{"', '{"a"', '{"a":1}']);
  });
});
