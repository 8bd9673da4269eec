import type { IncomingMessage, Server } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer } from "ws";

/**
 * A WebSocket server that takes the HTTP server's upgrades on `/graphql`, the path GraphQL answers on over HTTP too,
 * and answers any other path 404. `detach` stops taking upgrades; sockets already open stay until the caller closes
 * them (graphql-ws's `dispose`).
 */
export function attachWebSocketServer(server: Server, options: { maxPayload: number }): { wss: WebSocketServer; detach: () => void } {
  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxPayload });
  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (new URL(req.url ?? "/", "http://x").pathname !== "/graphql") {
      socket.end("HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n");
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit("connection", ws, req));
  };
  server.on("upgrade", onUpgrade);
  return { wss, detach: () => server.off("upgrade", onUpgrade) };
}
