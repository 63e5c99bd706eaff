// JSON from peers is walked within limits before anything parses it: depth, size, duplicate keys.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePeerJson } from '../../../../electron/engine/json/peer-json.ts';
import { JsonRefusedError, MAX_JSON_DEPTH, walkJson } from '../../../../electron/engine/json/walk-json.ts';

const nested = (depth: number, inner = '1') => '['.repeat(depth) + inner + ']'.repeat(depth);
const refusal = (text: string, limits?: Parameters<typeof walkJson>[2]) => {
  try {
    walkJson(text, undefined, limits);
  } catch (error) {
    if (error instanceof JsonRefusedError) return error;
    throw error;
  }
  return undefined;
};
const unlimited = { maxDepth: Infinity, maxValues: Infinity, refuseDuplicateKeys: false };

describe('JSON walked within limits', () => {
  it('accepts exactly what JSON.parse accepts (limits aside)', () => {
    const mutated = fc
      .tuple(fc.json(), fc.nat(), fc.constantFrom('', '{', '}', '[', ']', ',', ':', '"', '\\', '\\u12', '-', '0', '1e', '.', ' ', 'tru', '\u0001', '\n'))
      .map(([json, at, insert]) => json.slice(0, at % (json.length + 1)) + insert + json.slice(at % (json.length + 1)));
    fc.assert(
      fc.property(fc.oneof(fc.json(), mutated, fc.string()), (text) => {
        let parses = true;
        try {
          JSON.parse(text);
        } catch {
          parses = false;
        }
        expect(refusal(text, unlimited) === undefined).toBe(parses);
      }),
      { numRuns: 5000 },
    );
  });

  it(`refuses nesting deeper than ${MAX_JSON_DEPTH} levels, naming the limit`, () => {
    expect(refusal(nested(MAX_JSON_DEPTH))).toBeUndefined();
    const error = refusal(nested(MAX_JSON_DEPTH + 1))!;
    expect(error.problem).toBe('depth');
    expect(error.message).toMatch(/nests deeper than 64 levels/);
    expect(() => parsePeerJson(`{"data":{"tags":${nested(4000)}}}`)).toThrow(/nests deeper than 64 levels/);
  });

  it('stops at the limit: a megabyte of open brackets is refused after 65 characters', () => {
    const error = refusal('['.repeat(1024 * 1024))!;
    expect(error.problem).toBe('depth');
    expect(error.position).toBe(MAX_JSON_DEPTH);
  });

  it('refuses more values than the bound, where it is crossed', () => {
    const error = refusal(`[${'0,'.repeat(20)}0]`, { maxValues: 10 })!;
    expect(error.problem).toBe('size');
    expect(error.position).toBeLessThan(25);
    expect(refusal(`[${'0,'.repeat(100_001)}0]`)?.problem).toBe('size');
  });

  it('refuses a key twice in one object at any depth, however it is spelled', () => {
    for (const text of [
      '{"event":"voicemail","resource":"call","event":"answered"}',
      '{"data":{"a":1,"b":[{"id":1,"id":2}]}}',
      '{"api_token":"x","api_tok\\u0065n":"y"}',
      '{"a\\/b":1,"a/b":2}',
    ]) {
      const error = refusal(text);
      expect(error?.problem, text).toBe('duplicate-key');
    }
    expect(refusal('{"a":{"x":1},"b":{"x":1}}')).toBeUndefined(); // the same key in two objects is fine
    expect(refusal('{"a":1,"a":2}', { refuseDuplicateKeys: false })).toBeUndefined();
  });

  it('reports each value with its decoded key and depth, and stops when asked', () => {
    const seen: string[] = [];
    const text = '{"a\\u0062": [1, {"c": true}], "d": "e", "f": 2}';
    const end = walkJson(text, {
      value(kind, start, endAt, key, depth) {
        seen.push(`${kind}:${key ?? '-'}:${depth}:${text.slice(start, endAt)}`);
        return key === 'd';
      },
    });
    expect(seen).toEqual(['number:-:2:1', 'literal:c:3:true', 'object:-:2:{"c": true}', 'array:ab:1:[1, {"c": true}]', 'string:d:1:"e"']);
    expect(text.slice(end)).toBe(', "f": 2}');
  });
});
