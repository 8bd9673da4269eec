import { createHash } from "node:crypto";
import type { AddressInput } from "@shop/runtime";
import type { StockLine } from "../../siblings";

function sha256(value: unknown): string {
  return createHash("sha256").update(JSON.stringify(value)).digest("hex");
}

/** What the client sent besides the key: the same key with a different address or token is another request. */
export function requestFingerprint(input: { shippingAddress: AddressInput; paymentToken: string }): string {
  const { name, line1, line2, city, postalCode, country } = input.shippingAddress;
  return sha256({ address: [name, line1, line2 ?? null, city, postalCode, country], token: input.paymentToken });
}

/** The cart a checkout bought, independent of line order: the same key with another cart is another request. */
export function cartFingerprint(lines: readonly StockLine[]): string {
  return sha256(lines.map((line) => [line.productId, line.quantity] as const).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
