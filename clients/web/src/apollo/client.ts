import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from "@apollo/client";
import { SetContextLink } from "@apollo/client/link/context";
import { ErrorLink } from "@apollo/client/link/error";
import { GraphQLWsLink } from "@apollo/client/link/subscriptions";
import { isSubscriptionOperation } from "@apollo/client/utilities";
import { createClient } from "graphql-ws";
import { tap } from "rxjs";
import { webSocketUrlOf } from "../config";
import type { SessionStore } from "../session/session-store";
import { CART_TOKEN_HEADER, guestTokenOf, isRefusedToken, withoutGuestToken } from "./guest-cart";

/**
 * One Apollo Client per signed-in identity (the app makes a new one when the viewer changes, so no cached cart or
 * order outlives its owner): queries and mutations over HTTP, subscriptions over graphql-ws on the same /graphql
 * path, both carrying the session's bearer token. Returns a `dispose` that closes the socket.
 */
export function createShopClient(gatewayUrl: string, session: SessionStore) {
  const http = new HttpLink({ uri: gatewayUrl });
  // Signed in, the bearer token; signed out, the guest cart's token when there is one (set anew on every try, so a
  // retry without a refused token really goes without it).
  const auth = new SetContextLink(async (previous) => {
    const token = await session.validToken();
    const { authorization: _, [CART_TOKEN_HEADER]: __, ...headers } = (previous.headers ?? {}) as Record<string, string>;
    if (token) return { headers: { ...headers, authorization: `Bearer ${token}` } };
    const guestCart = session.guestCartToken;
    return { headers: guestCart ? { ...headers, [CART_TOKEN_HEADER]: guestCart } : headers, sentGuestCart: guestCart };
  });
  // Every cart mutation answers the newest guest token (each change renews it): keep it for the next request.
  const keepGuestToken = new ApolloLink((operation, forward) =>
    forward(operation).pipe(
      tap((result) => {
        const token = guestTokenOf(result.data);
        if (token && !session.current) session.setGuestCartToken(token);
      }),
    ),
  );
  // A forged, expired or merged guest token refuses the whole request: forget it and ask once more without it (header
  // and sign-in argument alike), so the visitor is never locked out; the retry carries no token, so it stops there.
  const dropRefusedToken = new ErrorLink(({ error, operation, forward }) => {
    const sent = (operation.getContext() as { sentGuestCart?: string | null }).sentGuestCart;
    if (!sent || !isRefusedToken(error)) return;
    if (session.guestCartToken === sent) session.setGuestCartToken(null);
    operation.variables = withoutGuestToken(operation.variables, sent);
    return forward(operation);
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
  const link = ApolloLink.split(
    ({ query }) => isSubscriptionOperation(query),
    new GraphQLWsLink(sockets),
    ApolloLink.from([dropRefusedToken, auth, keepGuestToken, http]),
  );
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
