import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";
import type { Redis, ShopConfig } from "@shop/runtime";
import { freePort, stackProcessEnv, type StackHarness } from "@shop/runtime/testing";
import type { NotificationSettings } from "../src/settings";
import { loadNotificationSettings } from "../src/settings";

// What the notifications tests write straight into the order and user databases (past GraphQL), and the worker
// processes they start and kill.

const root = fileURLToPath(new URL("../../..", import.meta.url));

/** Settings for a worker of this test: its own stream and group, quick retries and reclaims. */
export function testSettings(smtpUrl: string, overrides: Partial<NotificationSettings> = {}): NotificationSettings {
  const id = randomUUID().slice(0, 8);
  return {
    ...loadNotificationSettings({}),
    smtpUrl,
    stream: `test:notify:${id}`,
    group: `notify-${id}`,
    reclaimIdleMs: 500,
    reclaimIntervalMs: 200,
    retry: { maxAttempts: 8, baseDelayMs: 100, maxDelayMs: 400 },
    smtpTimeoutMs: 2000,
    ...overrides,
  };
}

/** A user signed up through the user subgraph. */
export async function signUpUser(stack: StackHarness, name = "Ada") {
  const email = `${name.toLowerCase()}-${randomUUID().slice(0, 8)}@example.com`;
  const answer = await stack
    .subgraph("user")
    .call<{ signUp: { user: { id: string } } }>(`mutation($input: SignUpInput!) { signUp(input: $input) { user { id } } }`, {
      input: { email, password: "long enough password", name },
    });
  expect(answer.errors).toBeUndefined();
  return { id: answer.data!.signUp.user.id, email, name };
}

/** A PAID order of two lines written straight into the order database. */
export async function insertOrder(stack: StackHarness, userId: string): Promise<string> {
  const { sql } = stack.subgraph("order").subgraph.database;
  const id = randomUUID();
  await sql`insert into orders (id, user_id, status, currency, total_amount) values (${id}, ${userId}, 'PAID', 'USD', 4500)`;
  await sql`insert into order_items (order_id, product_id, title, unit_price_amount, quantity)
            values (${id}, ${randomUUID()}, 'Teapot', 2500, 1), (${id}, ${randomUUID()}, 'Cup', 1000, 2)`;
  return id;
}

let nextEventId = Math.floor(Date.now() / 1000) * 1000;

/** Appends an order event to the stream as the order subgraph's outbox relay does; returns its eventId. */
export async function publishEvent(
  redis: Redis,
  stream: string,
  event: { orderId: string; userId: string; status?: string; eventId?: number },
): Promise<number> {
  const eventId = event.eventId ?? (nextEventId += 1);
  const payload = {
    eventId,
    orderId: event.orderId,
    userId: event.userId,
    status: event.status ?? "PAID",
    note: null,
    at: new Date().toISOString(),
  };
  await publishRaw(redis, stream, { id: String(eventId), topic: "order.status_changed", payload: JSON.stringify(payload) });
  return eventId;
}

/** Appends an entry with any fields (poison entries); answers the entry's id. */
export async function publishRaw(redis: Redis, stream: string, fields: Record<string, string>): Promise<string> {
  return (await redis.xadd(stream, "*", ...Object.entries(fields).flat()))!;
}

/** Polls `check` until it returns true, or fails the test with `what` after `timeoutMs`. */
export async function eventually(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Entries of the group taken and not acknowledged. */
export async function pendingCount(redis: Redis, stream: string, group: string): Promise<number> {
  const [count] = (await redis.xpending(stream, group)) as [number];
  return count;
}

/** The worker's environment for `settings`, as a process of the test stack. */
function workerEnv(config: ShopConfig, settings: NotificationSettings): NodeJS.ProcessEnv {
  return {
    ...process.env,
    ...stackProcessEnv(config),
    SMTP_URL: settings.smtpUrl,
    NOTIFICATIONS_STREAM: settings.stream,
    NOTIFICATIONS_GROUP: settings.group,
    NOTIFICATIONS_RECLAIM_IDLE_MS: String(settings.reclaimIdleMs),
    NOTIFICATIONS_RECLAIM_INTERVAL_MS: String(settings.reclaimIntervalMs),
  };
}

/** `notifications replay <args>` as an operator runs it: its own process; answers its exit code and output. */
export async function runReplayProcess(config: ShopConfig, settings: NotificationSettings, args: string[]) {
  const child = spawn(process.execPath, ["--import", "tsx", "workers/notifications/src/index.ts", "replay", ...args], {
    cwd: root,
    env: workerEnv(config, settings),
    stdio: ["ignore", "pipe", "inherit"],
  });
  let stdout = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
  const code = await new Promise<number | null>((resolve) => child.once("close", (exitCode) => resolve(exitCode)));
  return { code, stdout };
}

/**
 * The worker as its own process (src/index.ts through tsx), joined to the test stack, with `settings` as its
 * environment. Resolves with the child once its probes answer; `exited` resolves with the signal that ended it.
 */
export async function spawnWorker(config: ShopConfig, settings: NotificationSettings, env: Record<string, string> = {}) {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "workers/notifications/src/index.ts"], {
    cwd: root,
    env: { ...workerEnv(config, settings), NOTIFICATIONS_PORT: String(port), ...env },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once("exit", (_code, signal) => resolve(signal)));
  let gone = false;
  void exited.then(() => (gone = true));
  await eventually(
    "the worker process to start",
    async () => {
      if (gone) throw new Error("the worker process exited before it was ready");
      return fetch(`http://127.0.0.1:${port}/readyz`).then(
        (answer) => answer.ok,
        () => false,
      );
    },
    60_000,
  );
  return { child, exited };
}
