// Source addresses and ranges in CIDR notation (`203.0.113.0/24`, `2001:db8::/32`, a bare address),
// as the stream source allow-list and the trusted proxies are written: one list of entries
// separated by commas, spaces or new lines. Checked here (no Node module: the console uses it too);
// matched in the engine with Node's BlockList.

export interface AddressRange {
  address: string;
  prefix: number;
  family: 'ipv4' | 'ipv6';
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

function isIpv6(text: string): boolean {
  if (!/^[0-9a-f:.]+$/i.test(text) || text.split('::').length > 2) return false;
  const [head = '', tail] = text.split('::');
  const groups = [...head.split(':'), ...(tail === undefined ? [] : tail.split(':'))].filter((g) => g !== '');
  const last = groups.at(-1);
  const v4Tail = last !== undefined && last.includes('.');
  if (v4Tail && !IPV4.test(last)) return false;
  const hex = v4Tail ? groups.slice(0, -1) : groups;
  if (!hex.every((g) => /^[0-9a-f]{1,4}$/i.test(g))) return false;
  const count = hex.length + (v4Tail ? 2 : 0);
  return tail === undefined ? count === 8 : count < 8;
}

/** The entries of `text`, each checked; throws an Error naming the first entry that is not an address or range. */
export function parseAddressRanges(text: string): AddressRange[] {
  return text
    .split(/[\s,;]+/)
    .filter(Boolean)
    .map((entry) => {
      const [address = '', prefixText, extra] = entry.split('/');
      const family = IPV4.test(address) ? 'ipv4' : isIpv6(address) ? 'ipv6' : undefined;
      const max = family === 'ipv4' ? 32 : 128;
      const prefix = prefixText === undefined ? max : /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : NaN;
      if (!family || extra !== undefined || !(prefix >= 0 && prefix <= max)) throw new Error(`“${entry.slice(0, 60)}” is not an address or a range like 203.0.113.0/24 or 2001:db8::/32`);
      return { address, prefix, family };
    });
}

/** A setting holding such a list: unset or empty means none. */
export function addressRangesRefinement(text: string): true | string {
  try {
    parseAddressRanges(text);
    return true;
  } catch (error) {
    return (error as Error).message;
  }
}
