import { forbidden, type BaseContext } from "@shop/runtime";

/**
 * Internal fields answer sibling services only (the order subgraph's checkout). The gateway never exposes them
 * (@inaccessible), and this holds even if it did: a call the gateway signed is refused.
 */
export function assertServiceCaller(who: Pick<BaseContext, "caller">, field: string): void {
  if (who.caller === "gateway") throw forbidden(`${field} is internal: only sibling services may call it`);
}
