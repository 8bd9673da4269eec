import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parse } from "graphql";
import type { Logger } from "pino";
import type { ShopConfig } from "./config";
import type { SubgraphName } from "./subgraphs";
import { connectDatabase, type Database } from "./db";
import type { InternalFields } from "./internal-fields";
import { createLogger } from "./logger";
import { migrateDatabase } from "./migrate";
import { startSubgraph, type BaseContext, type ResolverMap } from "./subgraph";
import { startTracing } from "./tracing";

/** Where a subgraph package keeps its committed migrations, given the package folder. */
export function migrationsFolderOf(packageRoot: URL): string {
  return fileURLToPath(new URL("drizzle", packageRoot));
}

/** What a subgraph opens besides its database: exposed to its context and tests, closed on stop. */
export interface Resources {
  /** Checked by `/health` in addition to the database; what it resolves to is added to the answer (see startSubgraph). */
  health?(): Promise<void | Record<string, unknown>>;
  /** Closes what `open` opened (stops background jobs, quits clients). */
  close?(): Promise<void>;
}

export interface SubgraphServiceOptions<TSchema extends Record<string, unknown>, C extends BaseContext, R extends Resources> {
  name: SubgraphName;
  config: ShopConfig;
  /** The subgraph package folder (`new URL("..", import.meta.url)` from src/app.ts): schema.graphql and drizzle/. */
  packageRoot: URL;
  /** The drizzle tables. */
  schema: TSchema;
  resolvers: ResolverMap<C>;
  /**
   * Which sibling services may call each internal (@inaccessible) field, one entry per field; the subgraph refuses
   * to start when an @inaccessible field of its schema.graphql has none. Omitted: it has no internal fields.
   */
  internalFields?: InternalFields;
  /** Opens Redis, sibling clients or background jobs once migrations are applied. */
  open?(database: Database<TSchema>, log: Logger): Promise<R>;
  /** Builds the per-request context (fresh DataLoaders). */
  context(base: BaseContext, database: Database<TSchema>, resources: R): C;
  /**
   * Serve the schema's `Subscription` fields over graphql-ws on `/graphql` too (default false). The init timeout is
   * SUBSCRIPTION_INIT_TIMEOUT_MS; there is no per-connection cap here, because the gateway multiplexes all its clients
   * over one connection and caps each client connection itself (MAX_SUBSCRIPTIONS_PER_CONNECTION).
   */
  subscriptions?: boolean;
}

/**
 * The one start sequence of every subgraph: apply the committed migrations, connect, open extra resources, serve
 * (startSubgraph). `stop` undoes it in reverse; a failure half-way closes what was opened.
 */
export async function startSubgraphService<TSchema extends Record<string, unknown>, C extends BaseContext, R extends Resources = Resources>(
  options: SubgraphServiceOptions<TSchema, C, R>,
) {
  const { config, name } = options;
  const endpoint = config.subgraphs[name];
  startTracing(name, config.otlpEndpoint);
  const log = createLogger(name, config.logLevel);
  await migrateDatabase(endpoint.databaseUrl, migrationsFolderOf(options.packageRoot));
  const database = connectDatabase(endpoint.databaseUrl, options.schema, {
    max: config.databasePoolSize,
    name,
    statementTimeoutMs: config.databaseStatementTimeoutMs,
  });
  let resources: R | undefined;
  const close = async () => {
    await resources?.close?.();
    await database.close();
  };
  try {
    resources = options.open ? await options.open(database, log) : ({} as R);
    const opened = resources;
    const server = await startSubgraph({
      name,
      typeDefs: parse(readFileSync(new URL("schema.graphql", options.packageRoot), "utf8")),
      resolvers: options.resolvers,
      internalFields: options.internalFields,
      port: endpoint.port,
      host: config.host,
      internalKeys: config.internalKeys,
      production: config.env === "production",
      shutdownGraceMs: config.shutdownGraceMs,
      log,
      createContext: (base) => options.context(base, database, opened),
      subscriptions: options.subscriptions ? { initTimeoutMs: config.subscriptions.initTimeoutMs } : undefined,
      health: async () => {
        await database.sql`select 1`;
        return opened.health?.();
      },
    });
    return {
      ...opened,
      name,
      url: server.url,
      internalFields: options.internalFields ?? {},
      database,
      log,
      stop: async () => {
        await server.stop();
        await close();
      },
    };
  } catch (error) {
    await close();
    throw error;
  }
}
