import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from "@apollo/gateway";
import { GraphQLError } from "graphql";
import { INTERNAL_TOKEN_HEADER, internalCallFailed, type Logger } from "@shop/runtime";
import type { GatewayContext } from "./context";

type DataSourceOptions = ConstructorParameters<typeof RemoteGraphQLDataSource<GatewayContext>>[0];
type SubgraphResponse = Parameters<RemoteGraphQLDataSource["errorFromResponse"]>[0];
type FailedCall = Parameters<RemoteGraphQLDataSource["didEncounterError"]>;

/**
 * Sends each subgraph request with the internal token (the gateway's proof plus the verified viewer). Client
 * headers are never forwarded, so a client cannot pose as a user or as the gateway.
 *
 * A call that fails as a whole reaches the client as a clean SERVICE_UNAVAILABLE or INTERNAL_SERVER_ERROR
 * (`internalCallFailed`), never as Apollo's default "401: Unauthorized" carrying the subgraph's URL and raw response.
 * Errors a subgraph answers in a 200 body (every operation it executed) are not failures here: the gateway merges
 * them with their message, code and path.
 */
export class InternalDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    options: DataSourceOptions,
    /** Token for calls made outside a client request (health checks); it carries no viewer. */
    private readonly serviceToken: () => Promise<string>,
    private readonly subgraph: string,
    private readonly log: Logger,
  ) {
    super(options);
  }

  override async willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<void> {
    const token = isClientRequest(context) ? await context.internalToken() : await this.serviceToken();
    request.http?.headers.set(INTERNAL_TOKEN_HEADER, token);
  }

  /** A non-2xx answer: the subgraph refused the call itself. Its status and body are kept for the log only. */
  override async errorFromResponse(response: SubgraphResponse): Promise<GraphQLError> {
    const body = await response.text().catch(() => "");
    return internalCallFailed(response.status, new Error(`HTTP ${response.status} ${response.statusText}: ${body.slice(0, 1000)}`));
  }

  /** Every failed call (no answer, non-2xx, unreadable body) is logged with the subgraph's URL and thrown clean. */
  override didEncounterError(error: FailedCall[0], _request: FailedCall[1], response?: FailedCall[2]): never {
    // No response, or the connection broke while the body was read ("system" FetchError): the subgraph is unreachable.
    // A 2xx body that is not a GraphQL response is the stack's own fault.
    const answered = response && (error as { type?: string }).type !== "system" ? response.status : undefined;
    const clean = error instanceof GraphQLError && error.extensions.code ? error : internalCallFailed(answered, error);
    this.log.warn(
      { subgraph: this.subgraph, url: this.url, status: response?.status, err: clean.originalError ?? error },
      "subgraph call failed",
    );
    throw clean;
  }
}

/** A client request carries the gateway context; the gateway's own calls (health checks) carry none of it. */
function isClientRequest(context: object): context is GatewayContext {
  return "internalToken" in context;
}
