/**
 * The peer gateways of bench/gateways.ts, each in its own process, started with one argument:
 * - `hive`: Hive Gateway's runtime (`@graphql-hive/gateway-runtime`, what the `hive-gateway` CLI serves) with its Rust
 *   query planner (`@graphql-hive/router-runtime`), on node:http, default settings otherwise.
 * - `apollo`: a stock `@apollo/gateway` inside `@apollo/server`'s standalone server, default settings otherwise.
 *
 * Both serve the committed supergraph with its routing URLs rewritten to this environment's `<NAME>_URL`s, listen on
 * PEER_PORT, and carry one small plugin each: our subgraphs refuse a call without the internal token, so the plugin
 * verifies the client's `Authorization: Bearer` JWT once per request and signs an internal token for that viewer, as
 * our gateway does (gateway/src/context.ts).
 *
 * Hive Gateway shares identical in-flight subgraph requests, and a header added in `onFetch` is not part of that
 * sharing key: per-viewer credentials must go through `propagateHeaders.fromClientToSubgraphs`, whose headers are.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { ApolloGateway, RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from "@apollo/gateway";
import { ApolloServer } from "@apollo/server";
import { startStandaloneServer } from "@apollo/server/standalone";
import {
  createInternalTokenIssuer,
  INTERNAL_TOKEN_HEADER,
  loadConfig,
  SUBGRAPHS,
  viewerFromAuthorization,
  type ShopConfig,
  type SubgraphName,
  type Viewer,
} from "@shop/runtime";

/** The committed supergraph, each `@join__graph(name: "x", url: …)` pointing at this environment's X_URL. */
export function supergraphFor(config: ShopConfig): string {
  // From the repository root, where the benchmark starts every peer (this file may run from a compiled copy).
  const sdl = readFileSync(resolve(process.cwd(), "schema/supergraph.graphql"), "utf8");
  let rewritten = sdl;
  for (const name of SUBGRAPHS) {
    const pattern = new RegExp(`(@join__graph\\(name: "${name}", url: ")[^"]*(")`);
    if (!pattern.test(rewritten)) throw new Error(`supergraph.graphql has no join__graph for ${name}`);
    rewritten = rewritten.replace(pattern, `$1${config.subgraphs[name].url}$2`);
  }
  return rewritten;
}

/**
 * The internal token of one client request for one subgraph: its `Authorization` verified once per request, the token
 * for (subgraph, viewer) reused as our gateway reuses it (createInternalTokenIssuer), so all three sign alike.
 */
function internalTokens(config: ShopConfig) {
  const issue = createInternalTokenIssuer(config.internalKeys, "gateway");
  return async (viewer: Promise<Viewer | null>, subgraph: string) => issue(subgraph.toLowerCase() as SubgraphName, await viewer);
}

/** The part of Hive Gateway's runtime API used here. */
interface HiveGatewayModules {
  createGatewayRuntime: (config: {
    supergraph: string;
    unifiedGraphHandler: unknown;
    transports: Record<string, unknown>;
    logging: string;
    propagateHeaders: { fromClientToSubgraphs: (payload: { request: Request; subgraphName: string }) => Promise<Record<string, string>> };
  }) => (req: IncomingMessage, res: ServerResponse) => unknown;
  unifiedGraphHandler: unknown;
  httpTransport: unknown;
}

/**
 * Hive Gateway's packages are loaded by name at run time, out of the type checker's sight: their declarations pull
 * the DOM library into the whole tests/ program (through @whatwg-node/fetch), which would retype every test's `fetch`
 * answers. The options used are typed above; a mistake in them shows in the answers check before timing.
 */
async function loadHive(): Promise<HiveGatewayModules> {
  const byName = (name: string) => import(name) as Promise<Record<string, any>>;
  const [runtime, router, http] = await Promise.all([
    byName("@graphql-hive/gateway-runtime"),
    byName("@graphql-hive/router-runtime"),
    byName("@graphql-mesh/transport-http"),
  ]);
  return {
    createGatewayRuntime: runtime.createGatewayRuntime,
    unifiedGraphHandler: router.unifiedGraphHandler,
    httpTransport: http.default,
  };
}

async function runHive(config: ShopConfig, port: number) {
  const { createGatewayRuntime, unifiedGraphHandler, httpTransport } = await loadHive();
  // One viewer per client request, however many subgraph calls its plan makes.
  const viewers = new WeakMap<Request, Promise<Viewer | null>>();
  const tokenFor = internalTokens(config);
  const gateway = createGatewayRuntime({
    supergraph: supergraphFor(config),
    unifiedGraphHandler,
    // The transport the `hive-gateway` CLI brings along; the runtime alone would import it by name.
    transports: { http: httpTransport },
    logging: "error",
    propagateHeaders: {
      fromClientToSubgraphs: async ({ request, subgraphName }) => {
        let viewer = viewers.get(request);
        if (!viewer) viewers.set(request, (viewer = viewerFromAuthorization(config.jwt.secret, request.headers.get("authorization"))));
        return { [INTERNAL_TOKEN_HEADER]: await tokenFor(viewer, subgraphName) };
      },
    },
  });
  await new Promise<void>((resolve) => createServer((req, res) => void gateway(req, res)).listen(port, config.host, resolve));
}

interface ApolloPeerContext {
  viewer?: Promise<Viewer | null>;
}

/** The peer's plugin: the internal token for this subgraph on every call to it. */
class InternalTokenDataSource extends RemoteGraphQLDataSource<ApolloPeerContext> {
  constructor(
    url: string,
    private readonly subgraph: string,
    private readonly tokenFor: ReturnType<typeof internalTokens>,
  ) {
    super({ url });
  }

  override async willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<ApolloPeerContext>) {
    request.http?.headers.set(INTERNAL_TOKEN_HEADER, await this.tokenFor(context.viewer ?? Promise.resolve(null), this.subgraph));
  }
}

async function runApollo(config: ShopConfig, port: number) {
  process.env.APOLLO_TELEMETRY_DISABLED ??= "true"; // no metrics sent out of a benchmark (nor cloud metadata probes)
  const tokenFor = internalTokens(config);
  const server = new ApolloServer<ApolloPeerContext>({
    gateway: new ApolloGateway({
      supergraphSdl: supergraphFor(config),
      buildService: ({ url, name }) => new InternalTokenDataSource(url!, name, tokenFor),
    }),
  });
  await startStandaloneServer(server, {
    listen: { port, host: config.host },
    context: async ({ req }) => {
      const viewer = viewerFromAuthorization(config.jwt.secret, req.headers.authorization);
      // Refused later, in the data source that awaits it; unawaited until then.
      viewer.catch(() => undefined);
      return { viewer };
    },
  });
}

const role = process.argv[2];
const config = loadConfig();
const port = Number(process.env.PEER_PORT);
if (role === "hive") await runHive(config, port);
else if (role === "apollo") await runApollo(config, port);
else throw new Error(`bench/gateways-peers.ts: unknown peer "${role}" (hive or apollo)`);
