import { isIP } from 'node:net';

/**
 * SSRF protection for webhook delivery. A subscription URL is checked when it is registered
 * (checkWebhookUrl) and its host is checked again when delivery connects (resolveAndCheck), because a
 * name that resolved to a public address at registration can later resolve to an internal one.
 */

export interface SsrfPolicy {
  /** Admin allowlist from CANON_WEBHOOK_ALLOW: CIDRs (IPv4 or IPv6, e.g. "127.0.0.1/32", "10.0.0.0/8", "::1/128") and host names ("hooks.internal", exact match, case-insensitive). */
  readonly allow: readonly string[];
  /** NODE_ENV=production: outside the allowlist, only https URLs. */
  readonly production: boolean;
}

export type SsrfErrorCode = 'INVALID_URL' | 'UNSUPPORTED_SCHEME' | 'CREDENTIALS_IN_URL' | 'HTTPS_REQUIRED' | 'BLOCKED_ADDRESS';

export class SsrfError extends Error {
  constructor(
    readonly code: SsrfErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'SsrfError';
  }
}

/** Parses CANON_WEBHOOK_ALLOW (comma or whitespace separated); throws Error naming a bad entry. */
export function parseAllowlist(value: string | undefined): string[] {
  return (value ?? '')
    .split(/[\s,]+/)
    .filter((entry) => entry !== '')
    .map((entry) => describeAllowEntry(parseAllowEntry(entry)));
}

/** Registration-time check of a subscription URL. Throws SsrfError; returns the parsed URL. */
export function checkWebhookUrl(url: string, policy: SsrfPolicy): URL {
  const parsed = parseAbsoluteUrl(url);
  const shown = parsed.username === '' && parsed.password === '' ? url.trim() : withoutCredentials(parsed);
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new SsrfError('UNSUPPORTED_SCHEME', `${shown}: the scheme ${parsed.protocol} is not supported (use https, or http outside production)`);
  }
  if (parsed.username !== '' || parsed.password !== '') {
    // The URL is stored and logged; credentials belong in the signing secret, not in the address.
    throw new SsrfError('CREDENTIALS_IN_URL', `${shown}: a user name or password in the URL is not allowed`);
  }
  const allowlist = compileAllowlist(policy.allow);
  const host = hostOf(parsed);
  const allowlisted = isHostAllowlisted(host, allowlist);
  if (!allowlisted) {
    const blocked = blockedReasonForHost(host);
    if (blocked) throw blockedError(shown, blocked);
  }
  if (policy.production && parsed.protocol !== 'https:' && !allowlisted) {
    throw new SsrfError('HTTPS_REQUIRED', `${shown}: only https URLs are allowed in production (or allowlist the host with CANON_WEBHOOK_ALLOW)`);
  }
  return parsed;
}

/**
 * Connect-time check (DNS rebinding): throws SsrfError BLOCKED_ADDRESS if ANY address the host resolves
 * to is blocked and not allowlisted; returns the addresses. Connect to one of the returned addresses,
 * not to the name again, or a second lookup can answer differently.
 */
export async function resolveAndCheck(
  url: URL,
  policy: SsrfPolicy,
  lookup: (host: string) => Promise<{ address: string; family: number }[]>,
): Promise<string[]> {
  // The policy may have changed since registration, and the URL may not have come from checkWebhookUrl.
  checkWebhookUrl(url.href, policy);
  const host = hostOf(url);
  if (isIP(host) !== 0) return [host];
  const addresses = (await lookup(url.hostname)).map((result) => result.address);
  const allowlist = compileAllowlist(policy.allow);
  // The admin vouched for the name itself, typically because it is internal.
  if (isHostAllowlisted(host, allowlist)) return addresses;
  for (const address of addresses) {
    const reason = blockedReason(address);
    if (reason && !isAddressAllowlisted(address, allowlist)) {
      throw blockedError(withoutCredentials(url), `${host} resolves to ${address}, ${reason}`);
    }
  }
  return addresses;
}

/** True when the address (canonical IPv4 dotted or IPv6 text) is in a blocked range. */
export function isBlockedAddress(address: string): boolean {
  return blockedReason(address) !== undefined;
}

// ---------------------------------------------------------------------------------------------------
// Blocked ranges

interface Ip {
  readonly family: 4 | 6;
  readonly value: bigint;
}

interface Cidr {
  readonly network: Ip;
  readonly prefix: number;
}

interface BlockedRange {
  readonly cidr: Cidr;
  /** Completes "<address> is …". */
  readonly description: string;
}

const BLOCKED_IPV4: readonly BlockedRange[] = [
  blocked('0.0.0.0/8', 'a "this network" address'),
  blocked('10.0.0.0/8', 'a private address'),
  blocked('100.64.0.0/10', 'a shared (carrier-grade NAT) address'),
  blocked('127.0.0.0/8', 'a loopback address'),
  blocked('169.254.0.0/16', 'a link-local address'),
  blocked('172.16.0.0/12', 'a private address'),
  blocked('192.0.0.0/24', 'an IETF protocol assignment address'),
  blocked('192.0.2.0/24', 'a documentation address'),
  blocked('192.168.0.0/16', 'a private address'),
  blocked('198.18.0.0/15', 'a benchmarking address'),
  blocked('198.51.100.0/24', 'a documentation address'),
  blocked('203.0.113.0/24', 'a documentation address'),
  blocked('224.0.0.0/4', 'a multicast address'),
  blocked('240.0.0.0/4', 'a reserved address'),
];

const BLOCKED_IPV6: readonly BlockedRange[] = [
  blocked('::/128', 'the unspecified address'),
  blocked('::1/128', 'a loopback address'),
  blocked('fc00::/7', 'a unique local (private) address'),
  blocked('fe80::/10', 'a link-local address'),
  // Deprecated site-local: no longer assigned, but some stacks still route it internally.
  blocked('fec0::/10', 'a site-local address'),
  blocked('ff00::/8', 'a multicast address'),
  blocked('2001:db8::/32', 'a documentation address'),
  blocked('100::/64', 'a discard address'),
];

const IPV4_MAPPED = blocked('::ffff:0:0/96', 'an IPv4-mapped address');

/** IPv6 ranges that carry an IPv4 address in their last 32 bits: that address decides. */
const IPV4_EMBEDDING: readonly BlockedRange[] = [
  IPV4_MAPPED,
  blocked('64:ff9b::/96', 'a NAT64 address'),
  // Deprecated IPv4-compatible form (::a.b.c.d); some stacks still reach the IPv4 host through it.
  blocked('::/96', 'an IPv4-compatible address'),
];

function blocked(cidr: string, description: string): BlockedRange {
  return { cidr: parseCidr(cidr)!, description };
}

/** Why the address is blocked (completing "<address> is …"), or undefined when it is not. Non-addresses are blocked. */
function blockedReason(address: string): string | undefined {
  const ip = parseIp(address);
  if (!ip) return 'not an IP address';
  if (ip.family === 4) return blockedRangeOf(ip, BLOCKED_IPV4)?.description;
  const direct = blockedRangeOf(ip, BLOCKED_IPV6);
  if (direct) return direct.description;
  const embedding = blockedRangeOf(ip, IPV4_EMBEDDING);
  if (!embedding) return undefined;
  const ipv4 = embeddedIpv4(ip);
  const inner = blockedRangeOf(ipv4, BLOCKED_IPV4);
  return inner && `${embedding.description} of ${formatIpv4(ipv4.value)}, ${inner.description}`;
}

function blockedRangeOf(ip: Ip, ranges: readonly BlockedRange[]): BlockedRange | undefined {
  return ranges.find((range) => cidrContains(range.cidr, ip));
}

/** A host name or IP literal blocked at registration, with the reason; undefined when it may be used. */
function blockedReasonForHost(host: string): string | undefined {
  if (isIP(host) !== 0) {
    const reason = blockedReason(host);
    return reason && `${host} is ${reason}`;
  }
  // Resolvers answer these with loopback without asking DNS (RFC 6761).
  if (host === 'localhost' || host.endsWith('.localhost')) return `${host} is a loopback host name`;
  return undefined;
}

function blockedError(shownUrl: string, why: string): SsrfError {
  return new SsrfError('BLOCKED_ADDRESS', `${shownUrl}: ${why} (blocked; allow it with CANON_WEBHOOK_ALLOW)`);
}

// ---------------------------------------------------------------------------------------------------
// Allowlist

type AllowEntry = { readonly kind: 'cidr'; readonly cidr: Cidr } | { readonly kind: 'host'; readonly host: string };

interface Allowlist {
  readonly cidrs: readonly Cidr[];
  readonly hosts: ReadonlySet<string>;
}

function compileAllowlist(entries: readonly string[]): Allowlist {
  const parsed = entries.map(parseAllowEntry);
  return {
    cidrs: parsed.flatMap((entry) => (entry.kind === 'cidr' ? [entry.cidr] : [])),
    hosts: new Set(parsed.flatMap((entry) => (entry.kind === 'host' ? [entry.host] : []))),
  };
}

function parseAllowEntry(entry: string): AllowEntry {
  const text = entry.trim();
  if (text.includes('/')) {
    const cidr = parseCidr(text);
    if (!cidr) throw new Error(`CANON_WEBHOOK_ALLOW: "${entry}" is not a valid CIDR (expected e.g. 10.0.0.0/8 or fd00::/8)`);
    return { kind: 'cidr', cidr };
  }
  // A bare address allows just that address.
  const ip = parseIp(text);
  if (ip) return { kind: 'cidr', cidr: { network: ip, prefix: bitsOf(ip.family) } };
  const host = normalizeHostName(text);
  if (!isValidHostName(host)) {
    throw new Error(`CANON_WEBHOOK_ALLOW: "${entry}" is neither a CIDR, an IP address nor a host name`);
  }
  return { kind: 'host', host };
}

function describeAllowEntry(entry: AllowEntry): string {
  return entry.kind === 'host' ? entry.host : `${formatIp(entry.cidr.network)}/${entry.cidr.prefix}`;
}

function isHostAllowlisted(host: string, allowlist: Allowlist): boolean {
  if (isIP(host) !== 0) return isAddressAllowlisted(host, allowlist);
  return allowlist.hosts.has(normalizeHostName(host));
}

function isAddressAllowlisted(address: string, allowlist: Allowlist): boolean {
  const ip = parseIp(address);
  if (!ip) return false;
  // ::ffff:a.b.c.d is the IPv4 host itself, so an IPv4 entry covers it.
  const mapped = cidrContains(IPV4_MAPPED.cidr, ip) ? embeddedIpv4(ip) : undefined;
  return allowlist.cidrs.some((cidr) => cidrContains(cidr, ip) || (mapped !== undefined && cidrContains(cidr, mapped)));
}

/** Hostnames compare case-insensitively and with or without the root dot. */
function normalizeHostName(host: string): string {
  return host.toLowerCase().replace(/\.$/, '');
}

function isValidHostName(host: string): boolean {
  const labels = host.split('.');
  // A numeric last label makes the URL parser read the whole host as an IPv4 address, never as a name.
  return host.length <= 253 && labels.every((label) => HOST_LABEL.test(label)) && !/^(?:\d+|0x[\da-f]*)$/.test(labels[labels.length - 1]);
}

const HOST_LABEL = /^[a-z\d_](?:[a-z\d_-]{0,61}[a-z\d_])?$/;

// ---------------------------------------------------------------------------------------------------
// URLs

function parseAbsoluteUrl(url: string): URL {
  try {
    return new URL(url);
  } catch {
    throw new SsrfError('INVALID_URL', `${JSON.stringify(url)} is not a valid absolute URL`);
  }
}

/** The URL's host without IPv6 brackets or the root dot: a name, an IPv4 dotted quad or IPv6 text. */
function hostOf(url: URL): string {
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  return isIP(host) !== 0 ? host : normalizeHostName(host);
}

/** The URL as it may appear in an error message: without secrets. */
function withoutCredentials(url: URL): string {
  const copy = new URL(url.href);
  copy.username = '';
  copy.password = '';
  return copy.href;
}

// ---------------------------------------------------------------------------------------------------
// Address arithmetic

function bitsOf(family: 4 | 6): number {
  return family === 4 ? 32 : 128;
}

/** Parses IPv4 dotted or IPv6 text (a zone such as %eth0 is ignored); undefined for anything else. */
function parseIp(address: string): Ip | undefined {
  const text = address.replace(/%.*$/, '');
  const family = isIP(text);
  if (family === 4) return { family: 4, value: parseIpv4(text) };
  if (family === 6) return { family: 6, value: parseIpv6(text) };
  return undefined;
}

/** Only called on text isIP accepts as IPv4. */
function parseIpv4(text: string): bigint {
  return text.split('.').reduce((value, octet) => (value << 8n) | BigInt(octet), 0n);
}

/** Only called on text isIP accepts as IPv6. */
function parseIpv6(text: string): bigint {
  // A trailing dotted quad (::ffff:1.2.3.4) stands for the last two groups.
  const dotted = /^(.*:)(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  const hex = dotted ? `${dotted[1]}${ipv4AsGroups(parseIpv4(dotted[2]))}` : text;
  const [head, tail] = hex.split('::');
  const headGroups = head === '' ? [] : head.split(':');
  const tailGroups = tail === undefined || tail === '' ? [] : tail.split(':');
  const zeros = Array<string>(8 - headGroups.length - tailGroups.length).fill('0');
  return [...headGroups, ...zeros, ...tailGroups].reduce((value, group) => (value << 16n) | BigInt(`0x${group}`), 0n);
}

function ipv4AsGroups(value: bigint): string {
  return `${(value >> 16n).toString(16)}:${(value & 0xffffn).toString(16)}`;
}

function embeddedIpv4(ip: Ip): Ip {
  return { family: 4, value: ip.value & 0xffffffffn };
}

function parseCidr(text: string): Cidr | undefined {
  const match = /^([^/]+)\/(\d{1,3})$/.exec(text.trim());
  if (!match) return undefined;
  const network = parseIp(match[1]);
  const prefix = Number(match[2]);
  if (!network || match[1].includes('%') || prefix > bitsOf(network.family)) return undefined;
  return { network, prefix };
}

function cidrContains(cidr: Cidr, ip: Ip): boolean {
  if (cidr.network.family !== ip.family) return false;
  const hostBits = BigInt(bitsOf(ip.family) - cidr.prefix);
  return ip.value >> hostBits === cidr.network.value >> hostBits;
}

function formatIp(ip: Ip): string {
  return ip.family === 4 ? formatIpv4(ip.value) : formatIpv6(ip.value);
}

function formatIpv4(value: bigint): string {
  return [24n, 16n, 8n, 0n].map((shift) => ((value >> shift) & 0xffn).toString()).join('.');
}

function formatIpv6(value: bigint): string {
  const groups = [112n, 96n, 80n, 64n, 48n, 32n, 16n, 0n].map((shift) => ((value >> shift) & 0xffffn).toString(16)).join(':');
  // The URL parser writes IPv6 in the compressed RFC 5952 form, the same text url.hostname shows.
  return new URL(`http://[${groups}]/`).hostname.slice(1, -1);
}
