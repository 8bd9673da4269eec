import type { ShopConfig } from "@shop/runtime";

/** How long one subgraph's /livez may take before the gateway counts it unreachable. */
const SUBGRAPH_PROBE_TIMEOUT_MS = 2000;

/**
 * The gateway is ready when it can reach every subgraph: each answers its `/livez` in time. Liveness, not readiness,
 * of the subgraphs: a subgraph whose database is down is still reachable, and its own `/readyz` takes it out of its
 * own traffic; the gateway would answer the other subgraphs' fields meanwhile. Throws naming those it cannot reach.
 */
export async function subgraphsReachable(subgraphs: ShopConfig["subgraphs"]): Promise<void> {
  const probes = Object.entries(subgraphs).map(async ([name, { url }]) => {
    const answer = await fetch(new URL("/livez", url), { signal: AbortSignal.timeout(SUBGRAPH_PROBE_TIMEOUT_MS) }).catch(() => null);
    return answer?.ok ? null : name;
  });
  const unreachable = (await Promise.all(probes)).filter((name) => name !== null);
  if (unreachable.length > 0) throw new Error(`cannot reach subgraph(s): ${unreachable.join(", ")}`);
}
