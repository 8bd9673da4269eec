import { createServer } from "node:net";

/**
 * A port the OS picks, free when this resolves: for a service a test starts as its own process, which cannot hand
 * back the port it bound to 0.
 */
export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer()
      .once("error", fail)
      .listen(0, "127.0.0.1", () => {
        const { port } = server.address() as { port: number };
        server.close(() => done(port));
      });
  });
}
