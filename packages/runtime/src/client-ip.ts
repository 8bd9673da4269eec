import type { IncomingMessage } from "node:http";
import ipaddr from "ipaddr.js";
import proxyaddr from "proxy-addr";

/**
 * The header in which the gateway tells a subgraph the client's address (the one the gateway resolved, never one a
 * client sent: the gateway forwards no client header). A subgraph reads it only on a call that carries a valid internal
 * token, so nobody outside the stack can set it.
 */
export const CLIENT_IP_HEADER = "x-shop-client-ip";

/** Which peers' `X-Forwarded-For` to believe: proxy-addr's compiled trust function. */
export type TrustedProxies = (address: string, hop: number) => boolean;

/** Compiles TRUSTED_PROXIES (addresses, CIDR ranges, `loopback`, `linklocal`, `uniquelocal`); empty trusts nobody. */
export function trustedProxies(list: readonly string[]): TrustedProxies {
  return proxyaddr.compile([...list]);
}

/**
 * The client's address: the socket's peer, unless that peer is a trusted proxy, in which case `X-Forwarded-For` is read
 * from the right, hop by hop, while each hop is trusted too (proxy-addr); the first untrusted address is the client.
 * A forwarded entry that is not an address at all is not believed: the last proxy that handed it over is the client
 * then. IPv4-mapped IPv6 (`::ffff:10.0.0.1`) is given as IPv4. "unknown" only for a socket already gone.
 */
export function clientIpOf(req: IncomingMessage, trust: TrustedProxies): string {
  const chain = proxyaddr.all(req, trust);
  for (let index = chain.length - 1; index >= 0; index--) {
    const address = chain[index]!;
    if (ipaddr.isValid(address)) return canonicalIp(address);
  }
  return "unknown";
}

/** IPv4 as dotted quad (also when it came IPv4-mapped), IPv6 in its short form; anything else unchanged. */
export function canonicalIp(address: string): string {
  return ipaddr.isValid(address) ? ipaddr.process(address).toString() : address;
}

/**
 * What a per-IP limit counts by: an IPv4 address, or an IPv6 address's /64. One subscriber is routinely given a whole
 * /64, so counting single IPv6 addresses would hand an attacker 2^64 fresh allowances.
 */
export function ipRateLimitKey(address: string): string {
  if (!ipaddr.isValid(address)) return address;
  const ip = ipaddr.process(address);
  if (ip.kind() === "ipv4") return ip.toString();
  const parts = (ip as ipaddr.IPv6).parts.slice(0, 4).map((part) => part.toString(16));
  return `${parts.join(":")}::/64`;
}

/** The address a call inside the stack says its client has, when it is one; null for none or anything else. */
export function forwardedClientIp(header: string | string[] | undefined): string | null {
  const value = Array.isArray(header) ? header[0] : header;
  return value && ipaddr.isValid(value) ? canonicalIp(value) : null;
}
