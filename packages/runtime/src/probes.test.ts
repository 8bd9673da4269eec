import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { answerProbe } from "./probes";

// The probe rules on a real HTTP server: what each path answers as the service's state changes.
let server: Server;
let origin: string;
let draining = false;
let dependencies: "up" | "down" = "up";
const notReady: unknown[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://x").pathname;
    void answerProbe(res, path, {
      service: "probe-test",
      ready: async () => {
        if (dependencies === "down") throw new Error("database unreachable");
        return { payments: { circuit: "closed" } };
      },
      draining: () => draining,
      onNotReady: (error) => notReady.push(error),
    }).then((answered) => {
      if (!answered) res.writeHead(404).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function probe(path: string) {
  const response = await fetch(origin + path);
  return { status: response.status, body: (await response.json().catch(() => null)) as Record<string, unknown> | null };
}

describe("probes", () => {
  it("answer ready with the service's details while its dependencies answer", async () => {
    expect(await probe("/livez")).toEqual({ status: 200, body: { status: "ok", service: "probe-test" } });
    for (const path of ["/readyz", "/health"]) {
      expect(await probe(path)).toEqual({ status: 200, body: { status: "ok", service: "probe-test", payments: { circuit: "closed" } } });
    }
  });

  it("stay live but not ready while a dependency is down, and report why to the log only", async () => {
    dependencies = "down";
    try {
      expect((await probe("/livez")).status).toBe(200);
      expect(await probe("/readyz")).toEqual({ status: 503, body: { status: "unavailable", service: "probe-test" } });
      expect(notReady.at(-1)).toBeInstanceOf(Error);
    } finally {
      dependencies = "up";
    }
  });

  it("turn not ready the moment shutdown starts, even with every dependency up", async () => {
    draining = true;
    try {
      expect(await probe("/readyz")).toEqual({ status: 503, body: { status: "shutting down", service: "probe-test" } });
      expect((await probe("/health")).status).toBe(503);
      expect((await probe("/livez")).status).toBe(200);
    } finally {
      draining = false;
    }
  });

  it("leave every other path to the caller", async () => {
    expect((await probe("/graphql")).status).toBe(404);
    expect((await probe("/livezz")).status).toBe(404);
  });
});
