import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import cors from "cors";
import { ApolloGateway } from "@apollo/gateway";
import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginLandingPageLocalDefault } from "@apollo/server/plugin/landingPage/default";
import { ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
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

const supergraphPath = fileURLToPath(new URL("../../schema/supergraph.graphql", import.meta.url));

/**
 * The gateway: Apollo Server + Apollo Gateway on the committed supergraph, JWT verified once, operation limits,
 * Sandbox and CORS in development, introspection off and errors masked in production.
 */
export async function startGateway(config: ShopConfig) {
  const log = createLogger("gateway", config.logLevel);
  const production = config.env === "production";
  const serviceToken = () => signInternalToken(config.internalTokenSecret, { service: "gateway", viewer: null });
  const gateway = new ApolloGateway({
    supergraphSdl: readFileSync(supergraphPath, "utf8"),
    // Routing URLs come from the environment, not from the composed file, so any deployment can move a subgraph.
    buildService: ({ name }) => new InternalDataSource({ url: config.subgraphs[name as SubgraphName].url }, serviceToken),
    logger: log,
  });
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
  const url = `${http.origin}/graphql`;
  log.info({ url }, "gateway ready");
  return {
    url,
    stop: async () => {
      await http.close();
      await apollo.stop();
    },
  };
}
