import type { IncomingMessage, Server } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer } from "ws";

/** Why an upgrade is refused before it becomes a WebSocket: an HTTP answer in place of the handshake. */
export interface UpgradeRefusal {
  status: number;
  headers?: Record<string, string>;
  /** A JSON body, e.g. a GraphQL-shaped error. */
  body: unknown;
}

export interface WebSocketServerOptions {
  maxPayload: number;
  /** Looked at before each handshake: a refusal answers the upgrade with that HTTP response and no socket is opened. */
  admit?(req: IncomingMessage): Promise<UpgradeRefusal | undefined>;
}

const REASONS: Record<number, string> = { 429: "Too Many Requests" };

/**
 * A WebSocket server that takes the HTTP server's upgrades on `/graphql`, the path GraphQL answers on over HTTP too,
 * and answers any other path 404. `detach` stops taking upgrades; sockets already open stay until the caller closes
 * them (graphql-ws's `dispose`).
 */
export function attachWebSocketServer(server: Server, options: WebSocketServerOptions): { wss: WebSocketServer; detach: () => void } {
  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxPayload });
  const upgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) =>
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit("connection", ws, req));
  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (new URL(req.url ?? "/", "http://x").pathname !== "/graphql") {
      socket.end("HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n");
      return;
    }
    if (!options.admit) return upgrade(req, socket, head);
    // A peer that hangs up while we decide must not leave an unhandled 'error' behind.
    socket.on("error", () => socket.destroy());
    options.admit(req).then(
      (refusal) => {
        if (socket.destroyed) return;
        if (!refusal) return upgrade(req, socket, head);
        const body = JSON.stringify(refusal.body);
        const headers = {
          ...refusal.headers,
          "Content-Type": "application/json; charset=utf-8",
          "Content-Length": String(Buffer.byteLength(body)),
        };
        const lines = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`);
        socket.end(
          `HTTP/1.1 ${refusal.status} ${REASONS[refusal.status] ?? "Refused"}\r\n${lines.join("")}Connection: close\r\n\r\n${body}`,
        );
      },
      () => socket.destroy(),
    );
  };
  server.on("upgrade", onUpgrade);
  return { wss, detach: () => server.off("upgrade", onUpgrade) };
}
