// The fast exact parser must agree with the reference: JSON.parse with a source-text reviver.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseJsonExact } from '../../../../electron/engine/webhooks/json-exact.ts';

const ID_KEY = /(^id$|_id$|Id$|^uuid$|_uuid$)/;
type Reviver = (this: unknown, key: string, value: unknown, context?: { source?: string }) => unknown;
const reference: Reviver = (key, value, context) => {
  if (typeof value !== 'number' || !context?.source) return value;
  if (ID_KEY.test(key)) return context.source;
  if (/^-?\d{16,}$/.test(context.source)) return context.source;
  return value;
};
const parseReference = (text: string) => JSON.parse(text, reference as (k: string, v: unknown) => unknown);

const key = fc.oneof(fc.constantFrom('id', 'call_id', 'callId', 'uuid', 'user_id', 'idle', 'valid', 'duration', 'n'), fc.string({ maxLength: 6 }));
const number = fc.oneof(
  fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }).map(String),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((d) => JSON.stringify(d)),
  fc.constantFrom('0', '-0', '1e3', '12.50', '9007199254740993', '1234567890987654400', '-1234567890987654321'),
);
const value: fc.Arbitrary<string> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    number,
    fc.string({ maxLength: 8 }).map((s) => JSON.stringify(s)),
    fc.constantFrom('true', 'false', 'null', '"a\\"b:1"', '"12345678901234567890"'),
    fc.array(tie('value'), { maxLength: 4 }).map((items) => `[${items.join(', ')}]`),
    // Each key once per object: a key twice is refused (see exact-json.test.ts).
    fc
      .uniqueArray(fc.tuple(key, tie('value')), { maxLength: 4, selector: ([k]) => k })
      .map((members) => `{ ${members.map(([k, v]) => `${JSON.stringify(k)} :${v}`).join(',\n')} }`),
  ),
})).value;

describe('exact JSON parsing', () => {
  it('agrees with the source-text reviver on any JSON', () => {
    fc.assert(
      fc.property(value, (text) => {
        expect(parseJsonExact(text)).toEqual(parseReference(text));
      }),
      { numRuns: 3000 },
    );
  });
});
