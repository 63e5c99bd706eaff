// "My own URL" and test events: an address only this machine or its network reaches (loopback,
// private, link-local, local names) is named, so the console can warn that no provider reaches it.
import { describe, expect, it } from 'vitest';
import { unreachableHost } from '../../../shared/access.ts';

describe('addresses no provider can reach', () => {
  it('are loopback, private, shared, link-local and unspecified addresses, and local names', () => {
    for (const url of [
      'http://127.0.0.1:8000',
      'http://localhost:8000',
      'https://10.1.2.3',
      'https://172.20.0.5',
      'https://192.168.1.10/x',
      'https://100.64.0.1',
      'http://169.254.10.1',
      'http://0.0.0.0:8000',
      'http://[::1]:8000',
      'http://[fd12:3456::1]',
      'http://[fe80::1]',
      'https://ringside.local',
      'https://pbx.lan',
      'https://server',
    ]) {
      expect(unreachableHost(url), url).toBeDefined();
    }
    expect(unreachableHost('http://127.0.0.1:9')).toBe('127.0.0.1');
  });

  it('leave out public addresses and names, and what does not parse', () => {
    for (const url of ['https://calls.example.com', 'https://8.8.8.8', 'https://172.32.0.1', 'https://[2001:db8::1]', 'not a url', '']) expect(unreachableHost(url), url).toBeUndefined();
  });
});
