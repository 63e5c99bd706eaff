// A phone number as a person types it, in any format, as Ringside compares it: E.164.
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

export interface ComparableNumber {
  /** `+33612345678` */
  e164: string;
  /** The national significant number's digits (`612345678`): how it appears inside every format. */
  national: string;
}

/**
 * `input` (`+33 6 12 34 56 78`, `06 12 34 56 78`, `0033612345678`) as E.164; national numbers are
 * read as numbers of `country`. Undefined when it cannot be a phone number.
 */
export function comparableNumber(input: string | undefined, country: CountryCode = 'FR'): ComparableNumber | undefined {
  if (!input) return undefined;
  const parsed = parsePhoneNumberFromString(input.replace(/^00/, '+'), country);
  if (!parsed?.isPossible()) return undefined;
  return { e164: parsed.number, national: parsed.nationalNumber };
}
