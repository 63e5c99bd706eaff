import { describe, expect, it } from 'vitest';
import { compactJson, parseJsonExact, topLevelMembers } from '../../../../electron/engine/webhooks/json-exact.ts';

describe('exact JSON', () => {
  it('keeps call ids above 2^53 exactly, as strings', () => {
    const parsed = parseJsonExact('{"data":{"call_id":1234567890987654321,"n":9007199254740993}}') as { data: Record<string, unknown> };
    expect(parsed.data.call_id).toBe('1234567890987654321');
    expect(parsed.data.n).toBe('9007199254740993');
  });

  it('turns every id-like number into a string, and leaves other numbers alone', () => {
    const parsed = parseJsonExact('{"id":12,"userId":7,"channel_id":3,"duration":12.5,"count":4}') as Record<string, unknown>;
    expect(parsed).toEqual({ id: '12', userId: '7', channel_id: '3', duration: 12.5, count: 4 });
  });

  it('reads keys spelled with escapes as their value', () => {
    const parsed = parseJsonExact('{"call\\u005fid":12,"n\\"_id":3,"n\\"":4}') as Record<string, unknown>;
    expect(parsed).toEqual({ call_id: '12', 'n"_id': '3', 'n"': 4 });
    expect([...topLevelMembers('{"a\\u0062":1,"plain":2}')!.keys()]).toEqual(['ab', 'plain']);
  });

  it('compacts whitespace outside strings only', () => {
    expect(compactJson('{ "a" : "x y\\" z" ,\n\t"b":[1, 2] }')).toBe('{"a":"x y\\" z","b":[1,2]}');
  });

  it('lists top-level members with their exact source text', () => {
    const members = topLevelMembers('{"a": {"b": [1, "}"]}, "c": 1234567890987654321, "d": "x"}');
    expect([...members!.entries()]).toEqual([
      ['a', '{"b":[1,"}"]}'],
      ['c', '1234567890987654321'],
      ['d', '"x"'],
    ]);
  });

  it('answers undefined for text that is not an object', () => {
    expect(topLevelMembers('[1,2]')).toBeUndefined();
    expect(topLevelMembers('{garbage')).toBeUndefined();
    expect(topLevelMembers('{"a\\u12":1}')).toBeUndefined();
  });
});
