import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from "node:crypto";
import { DEVELOPMENT_INTERNAL_KEYS } from "./development-internal-keys";
import type { EnvSource } from "./env";
import { SUBGRAPHS, WORKERS, type SubgraphName, type WorkerName } from "./subgraphs";

/** Every service that signs internal tokens: the gateway, each subgraph and each worker. */
export type InternalService = "gateway" | SubgraphName | WorkerName;
export const INTERNAL_SERVICES: readonly InternalService[] = ["gateway", ...SUBGRAPHS, ...WORKERS];

/** An Ed25519 key as a JWK: `x` is the public key; `d`, the private half, only on signing keys. */
export interface Ed25519Jwk {
  kty: "OKP";
  crv: "Ed25519";
  x: string;
  d?: string;
}

/**
 * Who may sign internal tokens as whom. Every process knows every service's public key (it verifies whoever calls
 * it), and holds only the signing keys it was given: in production its own, so a subgraph taken over can sign as
 * itself and nobody else.
 */
export interface InternalKeys {
  publicKeys: Readonly<Record<InternalService, Ed25519Jwk>>;
  signingKeys: Readonly<Partial<Record<InternalService, Ed25519Jwk>>>;
}

export const PUBLIC_KEYS_VARIABLE = "INTERNAL_PUBLIC_KEYS";

/** `GATEWAY_INTERNAL_SIGNING_KEY`, `CART_INTERNAL_SIGNING_KEY`, …: the variable holding a service's private key. */
export function signingKeyVariable(service: InternalService): string {
  return `${service.toUpperCase()}_INTERNAL_SIGNING_KEY`;
}

/**
 * The internal keys the environment configures. INTERNAL_PUBLIC_KEYS is a JSON object naming every service, each
 * value a public JWK or an SPKI PEM; `<SERVICE>_INTERNAL_SIGNING_KEY` a private JWK (JSON) or a PKCS#8 PEM, and it
 * must belong to that service's public key. Neither set: the published development keys. Throws one message naming
 * every bad variable, like parseEnv.
 */
export function internalKeysFrom(source: EnvSource): InternalKeys {
  const problems: string[] = [];
  const given = source[PUBLIC_KEYS_VARIABLE]?.trim();
  const publicKeys = given ? parsePublicKeys(given, problems) : publicHalves(DEVELOPMENT_INTERNAL_KEYS);
  const signingKeys: Partial<Record<InternalService, Ed25519Jwk>> = {};
  for (const service of INTERNAL_SERVICES) {
    const variable = signingKeyVariable(service);
    const text = source[variable]?.trim();
    const key = text ? parseKey(text, "private", (message) => problems.push(`${variable}: ${message}`)) : undefined;
    if (key && publicKeys && key.x !== publicKeys[service].x) {
      problems.push(
        `${variable}: is not the private half of ${PUBLIC_KEYS_VARIABLE}.${service}${given ? "" : " (unset: the development keys)"}`,
      );
    } else if (key) signingKeys[service] = key;
    else if (!text && !given) signingKeys[service] = DEVELOPMENT_INTERNAL_KEYS[service];
  }
  if (problems.length > 0 || !publicKeys) {
    throw new Error(`Invalid environment (shared config):\n${problems.map((problem) => `  ${problem}`).join("\n")}`);
  }
  return { publicKeys, signingKeys };
}

/** The variables that hold a published development key (empty when every key is the operator's own). */
export function developmentKeysIn(keys: InternalKeys): string[] {
  const published = new Set(Object.values(DEVELOPMENT_INTERNAL_KEYS).map((key) => key.x));
  return Object.values(keys.publicKeys).some((key) => published.has(key.x)) ? [PUBLIC_KEYS_VARIABLE] : [];
}

/** The key `service` signs with; throws (the service does not start) when its variable is not set. */
export function signingKeyOf(keys: InternalKeys, service: InternalService): Ed25519Jwk {
  const key = keys.signingKeys[service];
  if (!key) {
    throw new Error(
      `${signingKeyVariable(service)} is not set: the ${service} service signs its internal calls with it ` +
        `(npm run keys:internal prints a key set)`,
    );
  }
  return key;
}

/** A fresh key pair for every service (what `npm run keys:internal` prints, and what each test stack uses). */
export function generateInternalKeys(): InternalKeys {
  const signingKeys = Object.fromEntries(
    INTERNAL_SERVICES.map((service) => [service, toJwk(generateKeyPairSync("ed25519").privateKey, "private")]),
  ) as Record<InternalService, Ed25519Jwk>;
  return { publicKeys: publicHalves(signingKeys), signingKeys };
}

/** The environment that configures `keys` (INTERNAL_PUBLIC_KEYS and every signing key it holds), as JSON JWKs. */
export function internalKeysEnv(keys: InternalKeys): Record<string, string> {
  return {
    [PUBLIC_KEYS_VARIABLE]: JSON.stringify(keys.publicKeys),
    ...Object.fromEntries(
      INTERNAL_SERVICES.flatMap((service) => {
        const key = keys.signingKeys[service];
        return key ? [[signingKeyVariable(service), JSON.stringify(key)]] : [];
      }),
    ),
  };
}

function publicHalves(keys: Readonly<Record<InternalService, Ed25519Jwk>>): Record<InternalService, Ed25519Jwk> {
  return Object.fromEntries(INTERNAL_SERVICES.map((service) => [service, { kty: "OKP", crv: "Ed25519", x: keys[service].x }])) as Record<
    InternalService,
    Ed25519Jwk
  >;
}

function parsePublicKeys(text: string, problems: string[]): Record<InternalService, Ed25519Jwk> | undefined {
  const problem = (message: string) => problems.push(`${PUBLIC_KEYS_VARIABLE}: ${message}`);
  let map: unknown;
  try {
    map = JSON.parse(text);
  } catch {
    return void problem('must be a JSON object, {"gateway": <public JWK or PEM>, "user": …}');
  }
  if (typeof map !== "object" || map === null || Array.isArray(map)) return void problem("must be a JSON object of service names");
  const entries = map as Record<string, unknown>;
  const unknown = Object.keys(entries).filter((name) => !(INTERNAL_SERVICES as readonly string[]).includes(name));
  const missing = INTERNAL_SERVICES.filter((service) => !Object.hasOwn(entries, service));
  if (unknown.length > 0) problem(`names no such service: ${unknown.join(", ")}`);
  if (missing.length > 0) problem(`needs the public key of every service; missing: ${missing.join(", ")}`);
  const keys: Partial<Record<InternalService, Ed25519Jwk>> = {};
  for (const service of INTERNAL_SERVICES) {
    if (!Object.hasOwn(entries, service)) continue;
    const key = parseKey(entries[service], "public", (message) => problem(`${service}: ${message}`));
    if (key) keys[service] = key;
  }
  return Object.keys(keys).length === INTERNAL_SERVICES.length && unknown.length === 0
    ? (keys as Record<InternalService, Ed25519Jwk>)
    : undefined;
}

/** A JWK (object or JSON text) or a PEM, read by node:crypto so a bad key stops the service at start, not at first call. */
function parseKey(value: unknown, half: "public" | "private", problem: (message: string) => void): Ed25519Jwk | undefined {
  try {
    const jwk = typeof value === "string" && value.startsWith("{") ? (JSON.parse(value) as unknown) : value;
    // A private key here would be handed to every service: refuse it rather than derive its public half.
    const isPrivate = typeof jwk === "string" ? jwk.includes("PRIVATE KEY") : typeof jwk === "object" && jwk !== null && "d" in jwk;
    if (half === "public" && isPrivate) return void problem("is a private key: give the public half only");
    const input = typeof jwk === "string" ? { key: jwk } : { key: jwk as never, format: "jwk" as const };
    const key = half === "public" ? createPublicKey(input) : createPrivateKey(input);
    if (key.asymmetricKeyType !== "ed25519") return void problem(`is a ${key.asymmetricKeyType ?? "symmetric"} key, not Ed25519`);
    return toJwk(key, half);
  } catch {
    return void problem(`is not an Ed25519 ${half} key (a JWK, or a ${half === "public" ? "SPKI" : "PKCS#8"} PEM)`);
  }
}

function toJwk(key: KeyObject, half: "public" | "private"): Ed25519Jwk {
  const { x, d } = key.export({ format: "jwk" });
  return { kty: "OKP", crv: "Ed25519", x: x!, ...(half === "private" ? { d: d! } : {}) };
}
