import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from "@apollo/gateway";
import { INTERNAL_TOKEN_HEADER } from "@shop/runtime";
import type { GatewayContext } from "./context";

type DataSourceOptions = ConstructorParameters<typeof RemoteGraphQLDataSource<GatewayContext>>[0];

/**
 * Sends each subgraph request with the internal token (the gateway's proof plus the verified viewer). Client
 * headers are never forwarded, so a client cannot pose as a user or as the gateway.
 */
export class InternalDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    options: DataSourceOptions,
    /** Token for calls made outside a client request (health checks); it carries no viewer. */
    private readonly serviceToken: () => Promise<string>,
  ) {
    super(options);
  }

  override async willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<void> {
    const token = "internalToken" in context ? await context.internalToken() : await this.serviceToken();
    request.http?.headers.set(INTERNAL_TOKEN_HEADER, token);
  }
}
