/**
 * `npm run bench internal-tokens`: what one internal token costs, in microseconds per operation on one core. Ed25519
 * sign and verify (keys imported once, as the services do) beside the HS256 token the shop used before per-service
 * keys, and the paths a request really takes: a reused token (createInternalTokenIssuer) and a remembered
 * verification (rememberVerified).
 */
import { webcrypto } from "node:crypto";
import { writeFileSync } from "node:fs";
import { SignJWT, jwtVerify } from "jose";
import { createInternalTokenIssuer, generateInternalKeys, rememberVerified, signInternalToken, verifyInternalToken } from "@shop/runtime";
import { table } from "./lib";

const ROUNDS = 5000;
const keys = generateInternalKeys();
const viewer = { userId: "11111111-1111-4111-8111-111111111111", role: "CUSTOMER" as const };

/** Mean microseconds of `run` over ROUNDS, after as many rounds of warm-up. */
async function microseconds(run: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < ROUNDS; i++) await run();
  const start = performance.now();
  for (let i = 0; i < ROUNDS; i++) await run();
  return Math.round(((performance.now() - start) * 10_000) / ROUNDS) / 10;
}

const hmac = await webcrypto.subtle.importKey(
  "raw",
  webcrypto.getRandomValues(new Uint8Array(32)),
  { name: "HMAC", hash: "SHA-256" },
  false,
  ["sign", "verify"],
);
const hs256 = () =>
  new SignJWT({ svc: "gateway", role: viewer.role })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(viewer.userId)
    .setExpirationTime("60s")
    .sign(hmac);
const hs256Token = await hs256();
const token = await signInternalToken(keys, { service: "gateway", audience: "cart", viewer });
const issue = createInternalTokenIssuer(keys, "gateway");
const remembered = rememberVerified((text) => verifyInternalToken(keys, "cart", text));

const rows = [
  ["Ed25519 sign (signInternalToken)", await microseconds(() => signInternalToken(keys, { service: "gateway", audience: "cart", viewer }))],
  ["Ed25519 verify (verifyInternalToken)", await microseconds(() => verifyInternalToken(keys, "cart", token))],
  ["HS256 sign (before per-service keys)", await microseconds(hs256)],
  ["HS256 verify (before per-service keys)", await microseconds(() => jwtVerify(hs256Token, hmac, { algorithms: ["HS256"] }))],
  ["reused token (createInternalTokenIssuer)", await microseconds(() => issue("cart", viewer))],
  ["remembered verification (rememberVerified)", await microseconds(() => remembered(token))],
].map(([operation, us]) => ({ operation: String(operation), "µs per call": Number(us) }));

const result = `## Internal tokens\n\n${ROUNDS} rounds each, one process.\n\n${table(rows)}\n`;
writeFileSync("bench/results/internal-tokens.md", result);
console.log(result);
