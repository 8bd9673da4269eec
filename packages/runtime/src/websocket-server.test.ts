import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import { attachWebSocketServer } from "./websocket-server";

let server: Server;

async function listening(): Promise<string> {
  server = createServer((_req, res) => res.end());
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Opens a socket to `url`: "open", the HTTP status the upgrade was answered with, or "error" (connection lost). */
function connect(url: string): Promise<"open" | "error" | number> {
  return new Promise((resolve) => {
    const socket = new WebSocket(url);
    socket.on("open", () => (socket.close(), resolve("open")));
    socket.on("unexpected-response", (_req, res) => (socket.terminate(), resolve(res.statusCode ?? 0)));
    socket.on("error", () => resolve("error"));
  });
}

afterEach(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("attachWebSocketServer", () => {
  it("takes upgrades on /graphql and answers any other path 404", async () => {
    const origin = await listening();
    const { wss, detach } = attachWebSocketServer(server, { maxPayload: 1024 });
    wss.on("connection", (socket) => socket.close());
    await expect(connect(`${origin}/graphql`)).resolves.toBe("open");
    await expect(connect(`${origin}/graphql?x=1`)).resolves.toBe("open");
    await expect(connect(`${origin}/other`)).resolves.toBe(404);
    detach();
    wss.close();
  });

  it("takes no upgrade once detached", async () => {
    const origin = await listening();
    const { wss, detach } = attachWebSocketServer(server, { maxPayload: 1024 });
    detach();
    // Without an "upgrade" listener Node answers the request as a plain one (or, in older versions, drops it).
    await expect(connect(`${origin}/graphql`)).resolves.not.toBe("open");
    expect(wss.clients.size).toBe(0);
    wss.close();
  });
});
