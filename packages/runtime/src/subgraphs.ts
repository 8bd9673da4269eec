/**
 * The one list of the shop's subgraphs, in start order, each with its development port. Everything per subgraph is
 * derived from it: the `<NAME>_PORT`, `<NAME>_URL` and `<NAME>_DATABASE_URL` settings (config.ts), composition and
 * `schema/supergraph.yaml`, `docker-compose.yml` (`npm run compose`), codegen, `npm start`, and the test stacks.
 * Each name is also a folder `subgraphs/<name>` holding a package `@shop/<name>`.
 */
/** The gateway's development port (GATEWAY_PORT). */
export const DEFAULT_GATEWAY_PORT = 4000;

export const SUBGRAPH_PORTS = { user: 4001, product: 4002, inventory: 4003, cart: 4004, order: 4005 } as const;

export type SubgraphName = keyof typeof SUBGRAPH_PORTS;

export const SUBGRAPHS = Object.keys(SUBGRAPH_PORTS) as readonly SubgraphName[];

/**
 * Background workers: no GraphQL schema, but each has its own database (`shop_<name>`, `<NAME>_DATABASE_URL`), its own
 * internal signing key (it calls subgraphs' internal fields), and a port for `/livez`, `/readyz` and `/metrics`
 * (`<NAME>_PORT`). Each name is a folder `workers/<name>` holding a package `@shop/<name>`.
 */
export const WORKER_PORTS = { notifications: 4010 } as const;

export type WorkerName = keyof typeof WORKER_PORTS;

export const WORKERS = Object.keys(WORKER_PORTS) as readonly WorkerName[];

/** Every service with a database of its own (`shop_<name>`): the subgraphs, then the workers. */
export const DATABASE_OWNERS: readonly (SubgraphName | WorkerName)[] = [...SUBGRAPHS, ...WORKERS];
