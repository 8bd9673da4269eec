import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { canonicalIp, clientIpOf, forwardedClientIp, ipRateLimitKey, trustedProxies } from "./client-ip";

/** What the gateway sees of a request: the socket's peer and the X-Forwarded-For header. */
function requestFrom(peer: string | undefined, forwardedFor?: string): IncomingMessage {
  return { socket: { remoteAddress: peer }, headers: forwardedFor === undefined ? {} : { "x-forwarded-for": forwardedFor } } as never;
}

describe("clientIpOf", () => {
  it("is the socket's peer when no proxy is trusted, whatever X-Forwarded-For says", () => {
    const trust = trustedProxies([]);

    expect(clientIpOf(requestFrom("203.0.113.7"), trust)).toBe("203.0.113.7");
    expect(clientIpOf(requestFrom("203.0.113.7", "198.51.100.1"), trust)).toBe("203.0.113.7");
    expect(clientIpOf(requestFrom("127.0.0.1", "198.51.100.1"), trust)).toBe("127.0.0.1");
  });

  it("believes X-Forwarded-For from a trusted peer, hop by hop from the right, up to the first untrusted address", () => {
    const trust = trustedProxies(["10.0.0.0/8", "127.0.0.1"]);

    expect(clientIpOf(requestFrom("127.0.0.1", "198.51.100.1"), trust)).toBe("198.51.100.1");
    // The client put a fake hop first; the trusted load balancer 10.0.0.2 appended the address it saw.
    expect(clientIpOf(requestFrom("127.0.0.1", "1.2.3.4, 198.51.100.1, 10.0.0.2"), trust)).toBe("198.51.100.1");
    // A peer outside the list is the client, whatever it forwards.
    expect(clientIpOf(requestFrom("192.0.2.9", "198.51.100.1"), trust)).toBe("192.0.2.9");
  });

  it("stops at the last trusted proxy when every hop is trusted", () => {
    expect(clientIpOf(requestFrom("127.0.0.1", "10.0.0.3, 10.0.0.2"), trustedProxies(["10.0.0.0/8", "loopback"]))).toBe("10.0.0.3");
  });

  it("does not believe a forwarded entry that is not an address: the proxy that handed it over is the client", () => {
    const trust = trustedProxies(["loopback"]);

    expect(clientIpOf(requestFrom("127.0.0.1", "not-an-ip"), trust)).toBe("127.0.0.1");
    expect(clientIpOf(requestFrom("127.0.0.1", "198.51.100.1, <script>"), trust)).toBe("127.0.0.1");
  });

  it("gives IPv4-mapped IPv6 peers as IPv4, and 'unknown' for a socket already gone", () => {
    expect(clientIpOf(requestFrom("::ffff:203.0.113.7"), trustedProxies([]))).toBe("203.0.113.7");
    expect(clientIpOf(requestFrom(undefined), trustedProxies([]))).toBe("unknown");
  });

  it("refuses a TRUSTED_PROXIES entry that is not an address, range or known name", () => {
    expect(() => trustedProxies(["10.0.0.0/33"])).toThrow();
    expect(() => trustedProxies(["proxy.internal"])).toThrow();
  });
});

describe("ipRateLimitKey", () => {
  it("counts IPv4 by address and IPv6 by its /64, however the address is written", () => {
    expect(ipRateLimitKey("203.0.113.7")).toBe("203.0.113.7");
    expect(ipRateLimitKey("::ffff:203.0.113.7")).toBe("203.0.113.7");
    expect(ipRateLimitKey("2001:db8:a:b:1:2:3:4")).toBe("2001:db8:a:b::/64");
    expect(ipRateLimitKey("2001:0db8:000a:000b:ffff::1")).toBe("2001:db8:a:b::/64");
    expect(ipRateLimitKey("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(ipRateLimitKey("2001:db8:a:c::1")).not.toBe(ipRateLimitKey("2001:db8:a:b::1"));
  });
});

describe("forwardedClientIp", () => {
  it("takes an address in canonical form, and nothing else", () => {
    expect(forwardedClientIp("198.51.100.1")).toBe("198.51.100.1");
    expect(forwardedClientIp("2001:0db8::0001")).toBe("2001:db8::1");
    expect(forwardedClientIp(["198.51.100.1", "10.0.0.1"])).toBe("198.51.100.1");
    expect(forwardedClientIp("unknown")).toBeNull();
    expect(forwardedClientIp(undefined)).toBeNull();
    expect(forwardedClientIp("")).toBeNull();
  });

  it("canonicalIp leaves what is not an address unchanged", () => {
    expect(canonicalIp("unknown")).toBe("unknown");
  });
});
