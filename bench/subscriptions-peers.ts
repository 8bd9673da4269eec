/**
 * The other processes of bench/subscriptions.ts, each started with one argument:
 * - `gateway`: the real gateway (gateway/src/app.ts) on this process's environment, answering `measure` with its
 *   memory after a full GC (the process runs with --expose-gc).
 * - `floor`: the floor — a bare `ws` server that forwards each Redis `order.status_changed` event, padded to the
 *   gateway's message size, to the sockets that registered its order id or user id. No GraphQL, no auth, no refetch.
 * - `clients`: holds many subscriber sockets (graphql-ws to the gateway, or bare ws to the floor) and reports to the
 *   parent over IPC when each status change arrived.
 */
import { createServer } from "node:http";
import { createClient } from "graphql-ws";
import { Redis } from "ioredis";
import WebSocket, { WebSocketServer } from "ws";
import { loadConfig } from "@shop/runtime";
import { inBatches } from "./lib";

const now = () => performance.timeOrigin + performance.now();

export interface ClientsJob {
  kind: "graphql" | "floor";
  url: string;
  /** graphql: the subscription, with no variables. */
  query: string;
  /** One socket each: its token (graphql) and the id it registers with the floor (order or user id). */
  subs: { token?: string; id: string }[];
}

/** What a client process sends its parent. */
export type ClientReport =
  { ready: true } | { receipts: [orderId: string, status: string, at: number, bytes: number][] } | { failed: string };

/** What a server process answers to `measure`. */
export interface Measured {
  rss: number;
  heap: number;
}

function answerMeasure() {
  process.on("message", (message) => {
    if (message === "exit") process.exit(0);
    if (message !== "measure") return;
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    gc?.();
    const usage = process.memoryUsage();
    process.send!({ rss: usage.rss, heap: usage.heapUsed + usage.external + usage.arrayBuffers } satisfies Measured);
  });
}

async function runGateway() {
  const { startGateway } = await import("../gateway/src/app");
  const gateway = await startGateway(loadConfig());
  answerMeasure();
  process.send!({ url: gateway.url.replace(/^http/, "ws") });
}

async function runFloor() {
  const padTo = Number(process.env.FLOOR_MESSAGE_BYTES ?? 300);
  const sockets = new Map<string, Set<WebSocket>>();
  const server = createServer();
  const wss = new WebSocketServer({ server });
  wss.on("connection", (socket) => {
    socket.once("message", (data) => {
      const key = (data as Buffer).toString("utf8");
      let set = sockets.get(key);
      if (!set) sockets.set(key, (set = new Set()));
      set.add(socket);
      socket.once("close", () => set.delete(socket));
    });
  });
  const redis = new Redis(process.env.REDIS_URL!);
  await redis.subscribe("order.status_changed");
  redis.on("message", (_channel: string, message: string) => {
    const event = JSON.parse(message) as { orderId: string; userId: string; status: string };
    const body = { id: event.orderId, status: event.status, pad: "" };
    const bare = JSON.stringify({ id: "1", type: "next", payload: { data: { myOrderUpdates: body } } }).length;
    body.pad = "x".repeat(Math.max(0, padTo - bare));
    const text = JSON.stringify({ id: "1", type: "next", payload: { data: { myOrderUpdates: body } } });
    for (const key of [event.orderId, event.userId]) for (const socket of sockets.get(key) ?? []) socket.send(text);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  answerMeasure();
  process.send!({ url: `ws://127.0.0.1:${(server.address() as { port: number }).port}` });
}

async function runClients() {
  let receipts: [string, string, number, number][] = [];
  const flush = () => {
    if (receipts.length > 0) process.send!({ receipts } satisfies ClientReport);
    receipts = [];
  };
  setInterval(flush, 100).unref();
  const record = (value: { id?: string; status?: string } | undefined, bytes: number) => {
    if (value?.id && value.status) receipts.push([value.id, value.status, now(), bytes]);
  };
  let closers: (() => void)[] = [];

  const open = (job: ClientsJob, sub: ClientsJob["subs"][number]) =>
    new Promise<void>((ready, fail) => {
      if (job.kind === "floor") {
        const socket = new WebSocket(job.url);
        socket.on("open", () => (socket.send(sub.id), ready()));
        socket.on("error", fail);
        socket.on("message", (data) => {
          const text = (data as Buffer).toString("utf8");
          record(Object.values(JSON.parse(text).payload.data as Record<string, { id: string; status: string }>)[0], text.length);
        });
        closers.push(() => socket.terminate());
        return;
      }
      const client = createClient({
        url: job.url,
        webSocketImpl: WebSocket,
        connectionParams: { authorization: `Bearer ${sub.token}` },
        retryAttempts: 0,
        on: { connected: () => ready(), closed: (event) => fail(new Error(`closed ${(event as { code: number }).code}`)) },
      });
      client.subscribe<Record<string, { id: string; status: string }>>(
        { query: job.query },
        {
          next: (result) => record(Object.values(result.data ?? {})[0], JSON.stringify({ id: "x", type: "next", payload: result }).length),
          error: (error) => fail(new Error(JSON.stringify(error))),
          complete: () => undefined,
        },
      );
      closers.push(() => void client.dispose());
    });

  process.on("message", (message: ClientsJob | "close" | "exit") => {
    if (message === "exit") process.exit(0);
    if (message === "close") {
      flush();
      for (const close of closers) close();
      closers = [];
      return;
    }
    inBatches(message.subs, 64, (sub) => open(message, sub)).then(
      () => process.send!({ ready: true } satisfies ClientReport),
      (error: unknown) => process.send!({ failed: String(error) } satisfies ClientReport),
    );
  });
}

const role = process.argv[2];
if (role === "gateway") await runGateway();
else if (role === "floor") await runFloor();
else if (role === "clients") await runClients();
