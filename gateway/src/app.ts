import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import cors from "cors";
import { ApolloGateway } from "@apollo/gateway";
import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginLandingPageLocalDefault } from "@apollo/server/plugin/landingPage/default";
import { ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import type { GraphQLSchema } from "graphql";
import { ApolloArmor } from "@escape.tech/graphql-armor";
import {
  apolloHandler,
  createErrorFormatter,
  createLogger,
  listen,
  sendError,
  signInternalToken,
  type ShopConfig,
  type SubgraphName,
} from "@shop/runtime";
import { createGatewayContext, type GatewayContext } from "./context";
import { InternalDataSource } from "./data-source";
import { serviceUnavailablePlugin } from "./http-status";
import { serveSubscriptions } from "./subscriptions/server";

const supergraphPath = fileURLToPath(new URL("../../schema/supergraph.graphql", import.meta.url));

/**
 * The gateway: Apollo Server + Apollo Gateway on the committed supergraph, JWT verified once, operation limits,
 * Sandbox and CORS in development, introspection off in production; errors clean in every mode (runtime
 * `createErrorFormatter`) with deliberate HTTP statuses (./http-status); subscriptions over graphql-ws on the same
 * `/graphql` (./subscriptions).
 */
export async function startGateway(config: ShopConfig) {
  const log = createLogger("gateway", config.logLevel);
  const production = config.env === "production";
  const serviceToken = () => signInternalToken(config.internalTokenSecret, { service: "gateway", viewer: null });
  // @apollo/gateway otherwise probes cloud metadata endpoints and exports usage metrics to Apollo on its own;
  // a shop backend should not phone home unless its operators opt in (APOLLO_TELEMETRY_DISABLED=false).
  process.env.APOLLO_TELEMETRY_DISABLED ??= "true";
  const gateway = new ApolloGateway({
    supergraphSdl: readFileSync(supergraphPath, "utf8"),
    // Routing URLs come from the environment, not from the composed file, so any deployment can move a subgraph.
    buildService: ({ name }) => new InternalDataSource({ url: config.subgraphs[name as SubgraphName].url }, serviceToken, name, log),
    logger: log,
  });
  // Subscriptions validate against the API schema (what clients see), kept current by the gateway.
  let apiSchema: GraphQLSchema | undefined;
  gateway.onSchemaLoadOrUpdate((schema) => (apiSchema = schema.apiSchema));
  const armor = new ApolloArmor({
    maxDepth: { n: config.limits.maxDepth },
    maxAliases: { n: config.limits.maxAliases },
    maxTokens: { n: config.limits.maxTokens },
    blockFieldSuggestion: { enabled: production },
  }).protect();
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    introspection: !production,
    formatError: createErrorFormatter(log, production),
    includeStacktraceInErrorResponses: false,
    // stopOnSignal owns shutdown; Apollo's own signal handlers would race it and hang stop().
    stopOnTerminationSignals: false,
    validationRules: armor.validationRules,
    allowBatchedHttpRequests: false,
    plugins: [
      ...armor.plugins,
      serviceUnavailablePlugin,
      production ? ApolloServerPluginLandingPageDisabled() : ApolloServerPluginLandingPageLocalDefault({ embed: true }),
    ],
  });
  await apollo.start();

  const allowCors = cors({ origin: config.corsOrigins, credentials: true, maxAge: 600 });
  const graphql = apolloHandler(apollo, (req) => createGatewayContext(config, req.headers.authorization));
  const http = await listen(
    (req, res) =>
      new Promise<void>((resolve, reject) => {
        allowCors(req, res, () => {
          const path = new URL(req.url ?? "/", "http://x").pathname;
          if (path === "/health") {
            res.writeHead(200, { "content-type": "application/json" }).end('{"status":"ok","service":"gateway"}');
            return resolve();
          }
          if (path !== "/graphql") {
            sendError(res, 404, `No route ${path}: GraphQL is served at /graphql`, "NOT_FOUND");
            return resolve();
          }
          graphql(req, res).then(resolve, reject);
        });
      }),
    config.gatewayPort,
    config.host,
  );
  // graphql-ws on the same server and path: `upgrade` requests never reach the HTTP handler above.
  const subscriptions = serveSubscriptions({
    server: http.server,
    config,
    log,
    apollo,
    schema: () => apiSchema!,
    validationRules: armor.validationRules,
  });
  const url = `${http.origin}/graphql`;
  log.info({ url }, "gateway ready");
  return {
    url,
    /** Open graphql-ws connections. */
    subscriptionConnections: subscriptions.connectionCount,
    stop: async () => {
      // Close the sockets first: upgraded connections no longer belong to the HTTP server and would hold close().
      await subscriptions.close();
      await http.close();
      await apollo.stop();
    },
  };
}
