/** Where the app finds the gateway: served as /config.json by whatever serves the build (scripts/lib/web-server.ts). */
export interface WebConfig {
  /** The gateway's GraphQL endpoint over HTTP; subscriptions use the same path over WebSocket. */
  gatewayUrl: string;
}

/** `npm start`'s gateway: the answer when no /config.json is served (`vite dev`). */
const DEFAULT_CONFIG: WebConfig = { gatewayUrl: "http://localhost:4000/graphql" };

export async function loadConfig(): Promise<WebConfig> {
  const response = await fetch("/config.json").catch(() => undefined);
  if (!response?.ok || !response.headers.get("content-type")?.includes("json")) return DEFAULT_CONFIG;
  return { ...DEFAULT_CONFIG, ...((await response.json()) as Partial<WebConfig>) };
}

/** The graphql-ws URL of a gateway: its HTTP URL with the ws scheme. */
export function webSocketUrlOf(gatewayUrl: string): string {
  return gatewayUrl.replace(/^http/, "ws");
}
