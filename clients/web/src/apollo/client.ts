import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from "@apollo/client";
import { SetContextLink } from "@apollo/client/link/context";
import { GraphQLWsLink } from "@apollo/client/link/subscriptions";
import { isSubscriptionOperation } from "@apollo/client/utilities";
import { createClient } from "graphql-ws";
import { webSocketUrlOf } from "../config";
import type { SessionStore } from "../session/session-store";

/**
 * One Apollo Client per signed-in identity (the app makes a new one when the viewer changes, so no cached cart or
 * order outlives its owner): queries and mutations over HTTP, subscriptions over graphql-ws on the same /graphql
 * path, both carrying the session's bearer token. Returns a `dispose` that closes the socket.
 */
export function createShopClient(gatewayUrl: string, session: SessionStore) {
  const http = new HttpLink({ uri: gatewayUrl });
  const auth = new SetContextLink(async (previous) => {
    const token = await session.validToken();
    const headers = previous.headers as Record<string, string> | undefined;
    return token ? { headers: { ...headers, authorization: `Bearer ${token}` } } : {};
  });
  const sockets = createClient({
    url: webSocketUrlOf(gatewayUrl),
    lazy: true,
    // Authentication happens once per connection, in connection_init (gateway/src/subscriptions).
    connectionParams: async () => {
      const token = await session.validToken();
      return token ? { authorization: `Bearer ${token}` } : {};
    },
    // A dropped socket comes back by itself; each subscription starts again with the server's current state.
    retryAttempts: Infinity,
    shouldRetry: () => true,
  });
  const link = ApolloLink.split(({ query }) => isSubscriptionOperation(query), new GraphQLWsLink(sockets), auth.concat(http));
  const client = new ApolloClient({ link, cache: createCache() });
  return {
    client,
    dispose: () => {
      client.stop();
      void sockets.dispose();
    },
  };
}

/** The normalized cache: entities by id; the value types without one (Money, Inventory) live inside their owner. */
function createCache() {
  return new InMemoryCache({
    typePolicies: {
      Product: { fields: { inventory: { merge: true } } },
      Query: {
        fields: {
          // The viewer's one cart: whatever Cart a mutation answers is the cart.
          cart: { merge: true },
        },
      },
    },
  });
}
