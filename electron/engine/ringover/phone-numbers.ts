// Phone numbers compared in E.164, whatever way they were written: Ringover's API and webhooks send
// `33612345678` (no plus), contacts hold `+33 6 12 34 56 78` or `06 12 34 56 78`. Parsing is
// libphonenumber-js's (Google's metadata: country codes, trunk prefixes, lengths), so a national
// number and its international form meet on one key.
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

/**
 * `raw` in E.164 (`+33612345678`), or undefined when it is not a phone number (an extension, a
 * withheld number). Digits without a plus or a trunk `0` are taken as international, as Ringover
 * writes them; a national number (leading `0`) is read in `country`.
 */
export function toE164(raw: string | undefined, country: CountryCode = 'FR'): string | undefined {
  if (!raw) return undefined;
  const compact = raw.replace(/[\s().-]/g, '');
  if (!/^(\+|00)?\d{6,17}$/.test(compact)) return undefined;
  const international = compact.startsWith('+') ? compact : compact.startsWith('00') ? `+${compact.slice(2)}` : compact.startsWith('0') ? undefined : `+${compact}`;
  const parsed = international ? parsePhoneNumberFromString(international) : parsePhoneNumberFromString(compact, country);
  return parsed?.isPossible() ? parsed.number : undefined;
}

/** The digits Ringover's API takes for a number (E.164 without the plus), as a JSON number-safe string. */
export const ringoverDigits = (e164: string): string => e164.replace(/^\+/, '');
