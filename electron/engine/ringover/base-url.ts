// Which Ringover API a key belongs to. Ringover hosts accounts in two regions: keys made on the US
// platform start with `US_` and are only known to https://public-api-us.ringover.com/v2; every
// other key goes to https://public-api.ringover.com/v2 (Ringover's API reference, "Authentication").

export const RINGOVER_EU_API = 'https://public-api.ringover.com/v2';
export const RINGOVER_US_API = 'https://public-api-us.ringover.com/v2';

/**
 * The base URL for `key`: the configured one when it was changed from the default (a stand-in, a
 * proxy), else the region's own API, chosen from the key's prefix. No trailing slash.
 */
export function ringoverBaseUrl(key: string | undefined, configured: string): string {
  const base = configured.replace(/\/+$/, '');
  if (base !== RINGOVER_EU_API) return base;
  return key?.startsWith('US_') ? RINGOVER_US_API : RINGOVER_EU_API;
}
