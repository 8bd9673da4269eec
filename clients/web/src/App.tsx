import { ApolloProvider } from "@apollo/client/react";
import { useEffect, useMemo, useState } from "react";
import { RouterProvider } from "react-router";
import { createShopClient } from "./apollo/client";
import { router } from "./routes";
import { SessionProvider, useSession } from "./session/session-context";
import { SessionStore } from "./session/session-store";

export function App({ gatewayUrl }: { gatewayUrl: string }) {
  const [store] = useState(() => new SessionStore(gatewayUrl));
  return (
    <SessionProvider store={store}>
      <ClientForViewer gatewayUrl={gatewayUrl} />
    </SessionProvider>
  );
}

/** A fresh Apollo Client (cache and socket) whenever the signed-in identity changes. */
function ClientForViewer({ gatewayUrl }: { gatewayUrl: string }) {
  const { store, viewer } = useSession();
  const viewerId = viewer?.id ?? null;
  // Keyed by the viewer's id, not the token: a renewed token keeps the client (the links read the token per request).
  const shop = useMemo(() => createShopClient(gatewayUrl, store), [gatewayUrl, store, viewerId]);
  useEffect(() => shop.dispose, [shop]);
  return (
    <ApolloProvider client={shop.client}>
      <RouterProvider router={router} />
    </ApolloProvider>
  );
}
