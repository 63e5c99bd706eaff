// The catalog's problem messages are worded by kind in the system's language (French in
// test/integration/cli-says-what-to-do-in-english-and-french.test.ts); in English each reads exactly
// as the catalog wrote it, and a message of an unknown kind passes through unchanged.
import { describe, expect, it } from 'vitest';
import { problemWords } from '../../../../electron/engine/config/problem-words.ts';
import { systemLanguage } from '../../../../electron/engine/words.ts';

const CATALOG_MESSAGES = [
  'must be a port number from 0 to 65535 (0 picks a free port)',
  'must be at least 8 characters: a shorter secret is easily guessed',
  'must be at least 16 characters',
  'must be at most 2000 characters',
  'must be an HTTP header name',
  'must be a URL like http://localhost:8080/v1',
  'must be an http(s) URL like https://calls.example.com',
  'must be a date like 2025-03-01T00:00:00Z',
  'must be a domain name like ringside.ngrok.app',
  'must be a number of milliseconds',
  'must be a whole number of milliseconds',
  'must be 100 ms or more',
  'must be 60000 ms or less',
  'must be a whole number',
  'must be 500 or less',
  'must be hide or keep',
  'must be openai, local or off',
];

describe.runIf(systemLanguage() === 'en')('setting problems in English', () => {
  it('read as the catalog wrote them', () => {
    for (const message of CATALOG_MESSAGES) expect(problemWords(message)).toBe(message);
    expect(problemWords('must be something no kind knows')).toBe('must be something no kind knows');
  });
});
