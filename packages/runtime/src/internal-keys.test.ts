import { createPrivateKey, generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { DEVELOPMENT_INTERNAL_KEYS } from "./development-internal-keys";
import { developmentKeysIn, generateInternalKeys, INTERNAL_SERVICES, internalKeysEnv, internalKeysFrom } from "./internal-keys";
import { loadConfig } from "./config";
import { refusalOf } from "./testing/env";

const own = generateInternalKeys();
const ownEnv = internalKeysEnv(own);

describe("internalKeysFrom", () => {
  it("gives every service its published development key when nothing is set, and says so", () => {
    const keys = internalKeysFrom({});

    expect(keys.signingKeys).toEqual(DEVELOPMENT_INTERNAL_KEYS);
    expect(developmentKeysIn(keys)).toEqual(["INTERNAL_PUBLIC_KEYS"]);
  });

  it("reads the operator's keys: every public key, and only the signing keys this process is given", () => {
    const keys = internalKeysFrom({
      INTERNAL_PUBLIC_KEYS: ownEnv.INTERNAL_PUBLIC_KEYS,
      CART_INTERNAL_SIGNING_KEY: ownEnv.CART_INTERNAL_SIGNING_KEY,
    });

    expect(keys.publicKeys).toEqual(own.publicKeys);
    expect(keys.signingKeys).toEqual({ cart: own.signingKeys.cart });
    expect(developmentKeysIn(keys)).toEqual([]);
  });

  it("takes PEM as well as JWK: SPKI public keys, a PKCS#8 signing key", () => {
    const pairs = Object.fromEntries(INTERNAL_SERVICES.map((service) => [service, generateKeyPairSync("ed25519")]));
    const keys = internalKeysFrom({
      INTERNAL_PUBLIC_KEYS: JSON.stringify(
        Object.fromEntries(
          Object.entries(pairs).map(([service, pair]) => [service, pair.publicKey.export({ type: "spki", format: "pem" })]),
        ),
      ),
      ORDER_INTERNAL_SIGNING_KEY: pairs.order!.privateKey.export({ type: "pkcs8", format: "pem" }) as string,
    });

    expect(keys.signingKeys.order!.x).toBe(keys.publicKeys.order.x);
    expect(keys.signingKeys.order!.d).toBe(pairs.order!.privateKey.export({ format: "jwk" }).d);
  });

  it("names every problem at once: a missing or unknown service, a key that is not Ed25519, a private key published", () => {
    const rsa = generateKeyPairSync("rsa", { modulusLength: 2048 }).publicKey.export({ format: "jwk" });
    const { gateway: _, ...withoutGateway } = own.publicKeys;
    const publicKeys = { ...withoutGateway, cart: rsa, order: own.signingKeys.order, billing: own.publicKeys.user };

    expect(refusalOf(internalKeysFrom, { INTERNAL_PUBLIC_KEYS: JSON.stringify(publicKeys) })).toBe(
      [
        "Invalid environment (shared config):",
        "  INTERNAL_PUBLIC_KEYS: names no such service: billing",
        "  INTERNAL_PUBLIC_KEYS: needs the public key of every service; missing: gateway",
        "  INTERNAL_PUBLIC_KEYS: cart: is a rsa key, not Ed25519",
        "  INTERNAL_PUBLIC_KEYS: order: is a private key: give the public half only",
      ].join("\n"),
    );
    expect(refusalOf(internalKeysFrom, { INTERNAL_PUBLIC_KEYS: "[1, 2]" })).toContain("INTERNAL_PUBLIC_KEYS: must be a JSON object");
  });

  it("refuses a signing key that is not the private half of its service's public key", () => {
    const strangers = internalKeysEnv(generateInternalKeys());

    expect(
      refusalOf(internalKeysFrom, {
        INTERNAL_PUBLIC_KEYS: ownEnv.INTERNAL_PUBLIC_KEYS!,
        GATEWAY_INTERNAL_SIGNING_KEY: strangers.GATEWAY_INTERNAL_SIGNING_KEY!,
        // The cart's own key, given as the order's: a subgraph cannot be configured to sign as another.
        ORDER_INTERNAL_SIGNING_KEY: ownEnv.CART_INTERNAL_SIGNING_KEY!,
        USER_INTERNAL_SIGNING_KEY: "not a key",
      }),
    ).toBe(
      [
        "Invalid environment (shared config):",
        "  GATEWAY_INTERNAL_SIGNING_KEY: is not the private half of INTERNAL_PUBLIC_KEYS.gateway",
        "  USER_INTERNAL_SIGNING_KEY: is not an Ed25519 private key (a JWK, or a PKCS#8 PEM)",
        "  ORDER_INTERNAL_SIGNING_KEY: is not the private half of INTERNAL_PUBLIC_KEYS.order",
      ].join("\n"),
    );
    // A key of one's own beside the development public keys belongs to none of them.
    expect(refusalOf(internalKeysFrom, { CART_INTERNAL_SIGNING_KEY: ownEnv.CART_INTERNAL_SIGNING_KEY! })).toContain(
      "CART_INTERNAL_SIGNING_KEY: is not the private half of INTERNAL_PUBLIC_KEYS.cart (unset: the development keys)",
    );
  });
});

describe("the development keys in production", () => {
  it("are refused even when only one service's public key is a development one", () => {
    const publicKeys = { ...own.publicKeys, inventory: { ...DEVELOPMENT_INTERNAL_KEYS.inventory, d: undefined } };
    const env = {
      NODE_ENV: "production",
      JWT_SECRET: "a-real-client-token-secret-of-32-chars-or-more",
      ADMIN_PASSWORD: "a-real-admin-password",
      INTERNAL_PUBLIC_KEYS: JSON.stringify(publicKeys),
    };

    expect(refusalOf(loadConfig, env)).toBe("NODE_ENV=production refuses the development defaults of: INTERNAL_PUBLIC_KEYS. Set them.");
    expect(loadConfig({ ...env, INTERNAL_PUBLIC_KEYS: ownEnv.INTERNAL_PUBLIC_KEYS! }).env).toBe("production");
  });

  it("are a set nobody uses twice: each service has a key of its own", () => {
    expect(new Set(Object.values(DEVELOPMENT_INTERNAL_KEYS).map((key) => key.x)).size).toBe(INTERNAL_SERVICES.length);
    for (const [service, key] of Object.entries(DEVELOPMENT_INTERNAL_KEYS)) {
      expect(createPrivateKey({ key, format: "jwk" }).export({ format: "jwk" }).x, service).toBe(key.x);
    }
  });
});
