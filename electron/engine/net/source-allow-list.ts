// The stream source allow-list: when set, only these addresses and ranges (CIDR) may open a media
// stream or deliver a webhook on the public listener (Ringover's media servers, the providers'
// webhook senders); anyone else gets 403. Off by default. Behind the built-in tunnel or a reverse
// proxy the peer is the proxy, so the source is read from `X-Forwarded-For`, but only when the
// peer is a configured trusted proxy: from anyone else that header is a claim, not a fact.
import { BlockList, isIP } from 'node:net';
import type { IncomingMessage } from 'node:http';
import { parseAddressRanges } from '../../../shared/address-ranges.ts';

export interface SourceRules {
  /** The allowed sources (CIDR list); unset or empty: every source is allowed. */
  streamAllowList?: string;
  /** Proxies whose `X-Forwarded-For` is believed (CIDR list). */
  trustedProxies?: string;
}

/** What the gate decided: allowed, or refused with the source it saw. */
export type SourceVerdict = { ok: true } | { ok: false; source: string };

/** A v4 address Node reports in its v6-mapped form (`::ffff:203.0.113.7`) as itself. */
const plain = (address: string) => (address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address);

function blockListOf(text: string): BlockList {
  const list = new BlockList();
  for (const range of parseAddressRanges(text)) list.addSubnet(range.address, range.prefix, range.family);
  return list;
}

const contains = (list: BlockList, address: string): boolean => {
  const family = isIP(address);
  return family !== 0 && list.check(address, family === 4 ? 'ipv4' : 'ipv6');
};

/**
 * The client address of `req`: the peer, or, when the peer is a trusted proxy, the nearest address
 * in `X-Forwarded-For` that is not itself a trusted proxy (read right to left, as each proxy appends).
 */
export function sourceOf(req: IncomingMessage, trusted: BlockList | undefined): string {
  let source = plain(req.socket.remoteAddress ?? '');
  if (!trusted || !contains(trusted, source)) return source;
  const forwarded = String(req.headers['x-forwarded-for'] ?? '')
    .split(',')
    .map((hop) => plain(hop.trim()))
    .filter(Boolean);
  for (let i = forwarded.length - 1; i >= 0; i--) {
    source = forwarded[i]!;
    if (isIP(source) === 0) return source; // not an address: refused below, never believed
    if (!contains(trusted, source)) return source;
  }
  return source;
}

/**
 * The client address of each request as the team listener records it (the audit trail, the sign-in
 * limit per address): the peer, or behind a configured trusted proxy the address it forwarded. The
 * list is compiled once per change of the setting's text.
 */
export function clientAddress(rules: () => Pick<SourceRules, 'trustedProxies'>): (req: IncomingMessage) => string {
  let compiled: { text: string; trusted: BlockList | undefined } | undefined;
  return (req) => {
    const { trustedProxies = '' } = rules();
    if (compiled?.text !== trustedProxies) compiled = { text: trustedProxies, trusted: trustedProxies.trim() ? blockListOf(trustedProxies) : undefined };
    // A forwarded value that is not an address is kept as said (short), never mistaken for one.
    return sourceOf(req, compiled.trusted).slice(0, 64) || '-';
  };
}

/** Decides per request; compiles each list once per change of the settings' text. */
export function sourceGate(rules: () => SourceRules): (req: IncomingMessage) => SourceVerdict {
  let compiled: { allowText: string; proxyText: string; allow?: BlockList; trusted?: BlockList } | undefined;
  return (req) => {
    const { streamAllowList = '', trustedProxies = '' } = rules();
    if (!streamAllowList.trim()) return { ok: true };
    if (compiled?.allowText !== streamAllowList || compiled.proxyText !== trustedProxies) {
      compiled = { allowText: streamAllowList, proxyText: trustedProxies, allow: blockListOf(streamAllowList), trusted: trustedProxies.trim() ? blockListOf(trustedProxies) : undefined };
    }
    const source = sourceOf(req, compiled.trusted);
    return contains(compiled.allow!, source) ? { ok: true } : { ok: false, source: source.slice(0, 64) };
  };
}
