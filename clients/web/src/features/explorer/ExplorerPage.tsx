import { createGraphiQLFetcher } from "@graphiql/toolkit";
import { GraphiQL } from "graphiql";
import "graphiql/setup-workers/vite";
import "graphiql/style.css";
import { createClient } from "graphql-ws";
import { useEffect, useMemo } from "react";
import { webSocketUrlOf } from "../../config";
import { useSession } from "../../session/session-context";
import { EXAMPLE_TABS } from "./examples";

/**
 * GraphiQL, bundled (no CDN), on the gateway: queries and mutations over HTTP, subscriptions over graphql-ws. Signed
 * in, it sends the session's token on both, so the examples that need a customer work at once.
 */
export function ExplorerPage() {
  const { store } = useSession();
  const gatewayUrl = store.gatewayUrl;
  const { fetcher, dispose } = useMemo(() => {
    const sockets = createClient({
      url: webSocketUrlOf(gatewayUrl),
      lazy: true,
      connectionParams: async () => {
        const token = await store.validToken();
        return token ? { authorization: `Bearer ${token}` } : {};
      },
    });
    const http = createGraphiQLFetcher({ url: gatewayUrl, wsClient: sockets });
    return {
      fetcher: (async (params, options) => {
        const token = await store.validToken();
        const headers = { ...(token ? { authorization: `Bearer ${token}` } : {}), ...options?.headers };
        return http(params, { ...options, headers });
      }) satisfies typeof http,
      dispose: () => void sockets.dispose(),
    };
  }, [gatewayUrl, store]);
  useEffect(() => dispose, [dispose]);
  return (
    <div className="explorer">
      <GraphiQL fetcher={fetcher} defaultTabs={EXAMPLE_TABS} />
    </div>
  );
}
