import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP } from 'node:net';
import { DomainError } from '../shared/domain-error.js';

/**
 * Outbound safety for webhook URLs. A webhook makes Roster send requests where an admin says: it
 * must not become a way into the network Roster runs in. So only `https` URLs, and the address a
 * name resolves to must not be private, loopback, link-local or otherwise not public — checked
 * when the connection is made (the lookup below), so a name that resolves to a public address when
 * the endpoint is saved and to 127.0.0.1 when it is called (DNS rebinding) is still refused.
 * WEBHOOK_ALLOW_HTTP=true lifts both rules, for development and loopback tests.
 */
const notPublic = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  notPublic.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b:1::', 48],
  ['100::', 64],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  notPublic.addSubnet(network, prefix, 'ipv6');
}

/** Whether an IP address is one webhooks must not reach (IPv4-mapped IPv6 is judged as its IPv4). */
export function isNonPublicAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped) return notPublic.check(mapped, 'ipv4');
  const family = isIP(address);
  if (family === 0) return true;
  return notPublic.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/** The rules an endpoint URL is held to. */
export interface OutboundPolicy {
  /** WEBHOOK_ALLOW_HTTP: http URLs and non-public addresses allowed (development, loopback tests). */
  readonly allowInsecure: boolean;
}

/** Checks an endpoint URL when it is saved; answers it normalised. */
export function checkEndpointUrl(text: string, policy: OutboundPolicy): string {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw new DomainError('VALIDATION_FAILED', `"${text}" is not a URL; give the receiver's full address, e.g. https://example.com/webhooks/roster.`, 'url');
  }
  if (url.protocol !== 'https:' && !(policy.allowInsecure && url.protocol === 'http:')) {
    throw new DomainError(
      'VALIDATION_FAILED',
      `Webhook URLs must use https (got ${url.protocol.replace(':', '')}); WEBHOOK_ALLOW_HTTP=true allows http for development.`,
      'url',
    );
  }
  if (url.username || url.password) throw new DomainError('VALIDATION_FAILED', 'Put no credentials in the webhook URL: verify the signature instead.', 'url');
  if (url.href.length > 2_000) throw new DomainError('VALIDATION_FAILED', 'The webhook URL is longer than 2,000 characters.', 'url');
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (!policy.allowInsecure && (host === 'localhost' || host.endsWith('.localhost') || (isIP(host) !== 0 && isNonPublicAddress(host)))) {
    throw new DomainError('VALIDATION_FAILED', `${host} is not a public address; webhooks are sent to public https receivers only.`, 'url');
  }
  return url.href;
}

/** Raised when a connection is refused by the policy (at connect time). */
export class BlockedAddressError extends Error {
  override name = 'BlockedAddressError';
  readonly code = 'WEBHOOK_ADDRESS_BLOCKED';
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for http(s).request that refuses non-public addresses (unless the policy allows
 * them): the check happens on the very addresses the socket will connect to.
 */
export function guardedLookup(policy: OutboundPolicy) {
  return (hostname: string, options: object, callback: LookupCallback): void => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) {
        callback(error, []);
        return;
      }
      const allowed = policy.allowInsecure ? addresses : addresses.filter((entry) => !isNonPublicAddress(entry.address));
      if (allowed.length === 0) {
        callback(new BlockedAddressError(`${hostname} resolves only to addresses that are not public (${addresses.map((a) => a.address).join(', ')})`), []);
        return;
      }
      if ((options as { all?: boolean }).all) callback(null, allowed);
      else callback(null, allowed[0]?.address ?? '', allowed[0]?.family);
    });
  };
}

/** For a URL whose host is an IP literal (no lookup happens): whether the policy refuses it. */
export function literalAddressRefused(url: URL, policy: OutboundPolicy): boolean {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return !policy.allowInsecure && isIP(host) !== 0 && isNonPublicAddress(host);
}
