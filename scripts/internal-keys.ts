import { generateInternalKeys, internalKeysEnv, INTERNAL_SERVICES, PUBLIC_KEYS_VARIABLE, signingKeyVariable } from "@shop/runtime";

/**
 * `npm run keys:internal`: a fresh Ed25519 key pair for every service, printed as environment lines for a .env file
 * (docker compose) or, with `--kubernetes`, as the `shop-internal-keys` Secret's entries for
 * `kubectl create secret generic shop-internal-keys --from-env-file=…`. Every service gets INTERNAL_PUBLIC_KEYS and
 * only its own signing key.
 */
const env = internalKeysEnv(generateInternalKeys());
const kubernetes = process.argv.includes("--kubernetes");
const lines = kubernetes
  ? [`public-keys=${env[PUBLIC_KEYS_VARIABLE]}`, ...INTERNAL_SERVICES.map((service) => `${service}=${env[signingKeyVariable(service)]}`)]
  : Object.entries(env).map(([name, value]) => `${name}='${value}'`);
process.stdout.write(`${lines.join("\n")}\n`);
