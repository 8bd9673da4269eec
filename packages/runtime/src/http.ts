import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import {
  HeaderMap,
  type ApolloServer,
  type BaseContext,
  type ContextFunction,
  type HTTPGraphQLRequest,
  type HTTPGraphQLResponse,
} from "@apollo/server";

import type { Logger } from "pino";
import { logAccess, OPERATOR_PATHS } from "./access-log";
import { REQUEST_ID_HEADER, runInScope, scopeOf } from "./request-scope";
import { serveInSpan } from "./tracing";

/** Requests larger than this are refused before parsing (a GraphQL operation is a few KB). */
const MAX_BODY_BYTES = 1024 * 1024;

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code = "BAD_REQUEST",
  ) {
    super(message);
  }
}

async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, `Request body is larger than ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  if (size === 0) return undefined;
  const type = req.headers["content-type"] ?? "";
  const text = Buffer.concat(chunks).toString("utf8");
  if (!type.includes("json")) return text;
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, "Request body is not valid JSON");
  }
}

/** Writes a GraphQL-shaped error response for failures that happen before Apollo sees the request. */
export function sendError(res: ServerResponse, status: number, message: string, code: string): void {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8" });
  res.end(JSON.stringify({ errors: [{ message, extensions: { code } }] }));
}

/** `?a=1` of `/graphql?a=1`, "" without one. */
function queryStringOf(url: string | undefined): string {
  const start = url?.indexOf("?") ?? -1;
  return start < 0 ? "" : url!.slice(start);
}

/** A node request as Apollo Server's integration API takes it; throws HttpError for a body it cannot read. */
export async function readGraphQLRequest(req: IncomingMessage): Promise<HTTPGraphQLRequest> {
  const headers = new HeaderMap();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
  }
  return {
    method: req.method?.toUpperCase() ?? "GET",
    headers,
    // Sliced off rather than parsing the whole URL on every request.
    search: queryStringOf(req.url),
    body: req.method === "POST" ? await readJsonBody(req) : undefined,
  };
}

/** Writes Apollo Server's answer to the node response, streamed when it is incremental. */
export async function sendGraphQLResponse(res: ServerResponse, response: HTTPGraphQLResponse): Promise<void> {
  for (const [name, value] of response.headers) res.setHeader(name, value);
  res.statusCode = response.status ?? 200;
  if (response.body.kind === "complete") {
    res.end(response.body.string);
    return;
  }
  for await (const chunk of response.body.asyncIterator) res.write(chunk);
  res.end();
}

/** Hands a node request to Apollo Server (its documented integration API) and streams the answer back. */
export function apolloHandler<C extends BaseContext>(
  apollo: ApolloServer<C>,
  context: (req: IncomingMessage) => Promise<C>,
): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  return async (req, res) => {
    try {
      const httpGraphQLRequest = await readGraphQLRequest(req);
      const contextFn: ContextFunction<[], C> = () => context(req);
      await sendGraphQLResponse(res, await apollo.executeHTTPGraphQLRequest({ httpGraphQLRequest, context: contextFn }));
    } catch (error) {
      if (error instanceof HttpError) return sendError(res, error.status, error.message, error.code);
      throw error;
    }
  };
}

export interface Listening {
  server: http.Server;
  /** http://host:port of the bound socket (port 0 resolves to the port the OS chose). */
  origin: string;
  close(): Promise<void>;
}

/** Starts a node HTTP server and resolves once it listens; with `log`, each request gets an access line there. */
export async function listen(
  handler: (req: IncomingMessage, res: ServerResponse) => void | Promise<void>,
  port: number,
  host: string,
  log?: Logger,
): Promise<Listening> {
  const server = http.createServer((req, res) => {
    // Everything this request starts runs in its scope (request-scope.ts); the id goes back to whoever asked.
    const scope = scopeOf(req.headers);
    res.setHeader(REQUEST_ID_HEADER, scope.requestId);
    if (log) logAccess(log, req, res, scope);
    const path = (req.url ?? "/").split("?", 1)[0]!;
    const serve = () => runInScope(scope, () => handler(req, res));
    // Probes and scrapes come every few seconds: no span for them.
    const served = OPERATOR_PATHS.includes(path)
      ? serve()
      : serveInSpan(
          req,
          res,
          path,
          () => ({ status: res.statusCode, operation: scope.operation?.name ?? null, errorCodes: scope.operation?.errorCodes ?? [] }),
          serve,
        );
    Promise.resolve(served).catch((error) => {
      if (!res.headersSent) sendError(res, 500, "Internal server error", "INTERNAL_SERVER_ERROR");
      else res.destroy(error as Error);
    });
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const displayHost = address.family === "IPv6" ? `[${address.address}]` : address.address;
  return {
    server,
    origin: `http://${displayHost}:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
