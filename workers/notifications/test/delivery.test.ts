import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectRedis, closeRedis, scrapeMetrics, type Redis } from "@shop/runtime";
import { useStack } from "@shop/runtime/testing";
import { startNotificationsWorker } from "../src/app";
import { runReplayCommand } from "../src/replay-command";
import { startSmtpSink, type SmtpSink } from "../src/mail/smtp-sink";
import type { NotificationSettings } from "../src/settings";
import {
  eventually,
  insertOrder,
  pendingCount,
  publishEvent,
  publishRaw,
  runReplayProcess,
  signUpUser,
  spawnWorker,
  testSettings,
} from "./fixtures";

// The worker against real PostgreSQL, Redis, SMTP (an in-process smtp-server) and the real user and order subgraphs,
// on streams of its own: it reads what the tests append, as it would read the outbox relay's entries.
const stack = useStack(["user", "order"], { isolated: { name: "notify" } });
let redis: Redis;
let sink: SmtpSink;
const stops: (() => Promise<void>)[] = [];

beforeAll(async () => {
  redis = connectRedis(stack.config.redisUrl);
  sink = await startSmtpSink();
});
afterAll(async () => {
  for (const stop of stops.reverse()) await stop();
  await sink.close();
  await closeRedis(redis);
});

async function startWorker(settings: NotificationSettings) {
  const worker = await startNotificationsWorker(stack.config, settings, { blockMs: 200 });
  stops.push(worker.stop);
  return worker;
}

const mailsTo = (email: string) => sink.mails.filter((mail) => mail.to.includes(email));

async function deliveryRow(worker: Awaited<ReturnType<typeof startWorker>>, eventId: number) {
  const [row] = await worker.database.sql<{ status: string; attempts: number; last_error: string | null }[]>`
    select status, attempts, last_error from deliveries where event_id = ${eventId}`;
  return row;
}

describe("one worker", () => {
  it("mails an order confirmation with the lines and total, to the address the user subgraph gives", async () => {
    const settings = testSettings(sink.url);
    await startWorker(settings);
    const user = await signUpUser(stack, "Grace");
    const orderId = await insertOrder(stack, user.id);
    await publishEvent(redis, settings.stream, { orderId, userId: user.id });
    await eventually("the confirmation", () => mailsTo(user.email).length === 1);
    const [mail] = mailsTo(user.email);
    expect(mail!.subject).toBe(`Your order #${orderId.slice(0, 8).toUpperCase()} is confirmed`);
    expect(mail!.text).toContain("Hello Grace");
    expect(mail!.text).toContain("2 × Cup  $20.00");
    expect(mail!.text).toContain("Total: $45.00");
    expect(mail!.html).toContain("<strong>Total: $45.00</strong>");
    expect(mail!.messageId).toMatch(new RegExp(`^<${orderId}\\.order-confirmation\\.\\d+@shop\\.test>$`));
  });

  it("dead-letters poison entries at once and goes on with the stream", async () => {
    const settings = testSettings(sink.url);
    const worker = await startWorker(settings);
    const user = await signUpUser(stack, "Linus");
    const unknownOrder = crypto.randomUUID();
    await publishRaw(redis, settings.stream, { id: "1", topic: "order.status_changed", payload: "{not json" });
    await publishRaw(redis, settings.stream, {
      id: "2",
      topic: "order.status_changed",
      payload: JSON.stringify({ eventId: 77, orderId: "x" }),
    });
    await publishRaw(redis, settings.stream, { id: "3", topic: "order.renamed", payload: "{}" });
    const unknownEvent = await publishEvent(redis, settings.stream, { orderId: unknownOrder, userId: user.id });
    const orderId = await insertOrder(stack, user.id);
    await publishEvent(redis, settings.stream, { orderId, userId: user.id });

    await eventually("the mail behind the poison entries", () => mailsTo(user.email).length === 1);
    await eventually("every entry acknowledged", async () => (await pendingCount(redis, settings.stream, settings.group)) === 0);
    const letters = await worker.database.sql<{ event_id: string | null; reason: string }[]>`
      select event_id, reason from dead_letters where stream_entry_id <> '' order by id desc limit 4`;
    // Handled side by side: in any order.
    const reasons = letters.map((letter) => letter.reason);
    expect(reasons).toHaveLength(4);
    expect(reasons).toEqual(
      expect.arrayContaining([
        "payload is not JSON",
        expect.stringMatching(/^malformed payload: .*orderId/),
        'unknown topic "order.renamed"',
        `unknown order ${unknownOrder}`,
      ]),
    );
    expect(letters.find((letter) => letter.reason.startsWith("unknown order"))!.event_id).toBe(String(unknownEvent));
    expect(await scrapeMetrics()).toMatch(/shop_notifications_dead_lettered_total\{reason="unknown_order"\} [1-9]/);
  });

  it("serves /livez, /readyz and /metrics", async () => {
    const worker = await startWorker(testSettings(sink.url));
    expect((await fetch(`${worker.url}/livez`)).status).toBe(200);
    expect(await (await fetch(`${worker.url}/readyz`)).json()).toMatchObject({ status: "ok", service: "notifications" });
    expect(await (await fetch(`${worker.url}/metrics`)).text()).toContain("shop_notifications_sent_total");
  });
});

describe("failures", () => {
  it("retries while SMTP is down and delivers everything once it is back", async () => {
    const down = await startSmtpSink();
    const { port } = down;
    await down.close();
    const settings = testSettings(`smtp://127.0.0.1:${port}`, { retry: { maxAttempts: 30, baseDelayMs: 100, maxDelayMs: 300 } });
    const worker = await startWorker(settings);
    const user = await signUpUser(stack, "Barbara");
    const eventIds: number[] = [];
    for (let index = 0; index < 5; index += 1) {
      eventIds.push(await publishEvent(redis, settings.stream, { orderId: await insertOrder(stack, user.id), userId: user.id }));
    }
    // Every mail has failed at least twice before the server comes back.
    await eventually("failed attempts", async () => {
      const rows = await Promise.all(eventIds.map((eventId) => deliveryRow(worker, eventId)));
      return rows.every((row) => row !== undefined && row.attempts >= 2);
    });
    const back = await startSmtpSink({ port });
    try {
      await eventually("every mail after the outage", () => back.mails.length === 5);
      await eventually("every entry acknowledged", async () => (await pendingCount(redis, settings.stream, settings.group)) === 0);
      expect(new Set(back.mails.map((mail) => mail.messageId)).size).toBe(5);
      const rows = await Promise.all(eventIds.map((eventId) => deliveryRow(worker, eventId)));
      expect(rows.map((row) => row!.status)).toEqual(["sent", "sent", "sent", "sent", "sent"]);
      // Attempts are counted once each, although the outage lasted longer than the reclaim idle time (500 ms).
      expect(Math.max(...rows.map((row) => row!.attempts))).toBeLessThan(settings.retry.maxAttempts);
      expect(rows[0]!.last_error).toMatch(/ECONNREFUSED|connect/i);
    } finally {
      await back.close();
    }
  });

  it("dead-letters a mail SMTP keeps refusing past the last attempt, with the reason, and acknowledges it", async () => {
    const down = await startSmtpSink();
    await down.close();
    const settings = testSettings(down.url, { retry: { maxAttempts: 3, baseDelayMs: 20, maxDelayMs: 50 } });
    const worker = await startWorker(settings);
    const user = await signUpUser(stack, "Edsger");
    const eventId = await publishEvent(redis, settings.stream, { orderId: await insertOrder(stack, user.id), userId: user.id });
    await eventually("the dead letter", async () => (await deliveryRow(worker, eventId))?.status === "dead");
    const [letter] = await worker.database.sql<{ reason: string }[]>`select reason from dead_letters where event_id = ${eventId}`;
    expect(letter!.reason).toMatch(/^SMTP failed 3 times; last: .*(ECONNREFUSED|connect)/i);
    await eventually("the entry acknowledged", async () => (await pendingCount(redis, settings.stream, settings.group)) === 0);
  });
});

describe("several workers and crashes", () => {
  it("two workers share the stream, and each event (even published twice) is mailed once", async () => {
    const settings = testSettings(sink.url, { batchSize: 4 });
    const first = await startWorker(settings);
    const second = await startWorker(settings);
    const user = await signUpUser(stack, "Margaret");
    const messageIds = new Set<string>();
    for (let index = 0; index < 30; index += 1) {
      const orderId = await insertOrder(stack, user.id);
      const eventId = await publishEvent(redis, settings.stream, { orderId, userId: user.id });
      // The outbox relay publishes at least once: a republished event is the same eventId again.
      if (index % 3 === 0) await publishEvent(redis, settings.stream, { orderId, userId: user.id, eventId });
      messageIds.add(`<${orderId}.order-confirmation.${eventId}@shop.test>`);
    }
    await eventually("30 confirmations", () => mailsTo(user.email).length === 30);
    await eventually("every entry acknowledged", async () => (await pendingCount(redis, settings.stream, settings.group)) === 0);
    expect(new Set(mailsTo(user.email).map((mail) => mail.messageId))).toEqual(messageIds);
    expect(first.acknowledged() + second.acknowledged()).toBe(40);
    expect(first.acknowledged()).toBeGreaterThan(0);
    expect(second.acknowledged()).toBeGreaterThan(0);
  });

  it("a worker killed (SIGKILL) after the send is recorded and before XACK: the next worker sends nothing again", async () => {
    const settings = testSettings(sink.url);
    const user = await signUpUser(stack, "Alan");
    const { exited } = await spawnWorker(stack.config, settings, { NOTIFICATIONS_TEST_CRASH_POINT: "after-commit" });
    const orderId = await insertOrder(stack, user.id);
    const eventId = await publishEvent(redis, settings.stream, { orderId, userId: user.id });
    expect(await exited).toBe("SIGKILL");
    expect(mailsTo(user.email)).toHaveLength(1);
    expect(await pendingCount(redis, settings.stream, settings.group)).toBe(1);

    const survivor = await startWorker(settings);
    await eventually(
      "the entry reclaimed and acknowledged",
      async () => (await pendingCount(redis, settings.stream, settings.group)) === 0,
    );
    expect(survivor.acknowledged()).toBe(1);
    expect(mailsTo(user.email)).toHaveLength(1);
    expect((await deliveryRow(survivor, eventId))!.status).toBe("sent");
  });

  it("a worker killed after SMTP accepted and before the commit: the retry resends with the same Message-ID (the residual window)", async () => {
    const settings = testSettings(sink.url);
    const user = await signUpUser(stack, "Kurt");
    const { exited } = await spawnWorker(stack.config, settings, { NOTIFICATIONS_TEST_CRASH_POINT: "after-send" });
    const orderId = await insertOrder(stack, user.id);
    await publishEvent(redis, settings.stream, { orderId, userId: user.id });
    expect(await exited).toBe("SIGKILL");
    expect(mailsTo(user.email)).toHaveLength(1);

    await startWorker(settings);
    await eventually("the resend", () => mailsTo(user.email).length === 2);
    await eventually("the entry acknowledged", async () => (await pendingCount(redis, settings.stream, settings.group)) === 0);
    const [first, second] = mailsTo(user.email);
    expect(second!.messageId).toBe(first!.messageId);
  });
});

describe("replaying dead letters", () => {
  interface Letter {
    id: number;
    stream_entry_id: string;
    reason: string;
    replayed_at: Date | null;
    replay_outcome: string | null;
  }

  it("sends what SMTP refused once it is back, once however often it is replayed, and leaves poison entries on the list", async () => {
    const down = await startSmtpSink();
    const { port } = down;
    await down.close();
    const settings = testSettings(down.url, { retry: { maxAttempts: 2, baseDelayMs: 20, maxDelayMs: 50 } });
    const worker = await startWorker(settings);
    const sql = worker.database.sql;
    const letterOf = (where: { eventId: number } | { entryId: string }) =>
      "eventId" in where
        ? sql<Letter[]>`select * from dead_letters where event_id = ${where.eventId} order by id`
        : sql<Letter[]>`select * from dead_letters where stream_entry_id = ${where.entryId}`;
    const [ada, bob] = [await signUpUser(stack, "Ada"), await signUpUser(stack, "Bob")];
    const adaEvent = await publishEvent(redis, settings.stream, { orderId: await insertOrder(stack, ada.id), userId: ada.id });
    const bobEvent = await publishEvent(redis, settings.stream, { orderId: await insertOrder(stack, bob.id), userId: bob.id });
    const poisonEntry = await publishRaw(redis, settings.stream, { id: "1", topic: "order.status_changed", payload: "{not json" });
    await eventually("three dead letters", async () =>
      (await Promise.all([letterOf({ eventId: adaEvent }), letterOf({ eventId: bobEvent }), letterOf({ entryId: poisonEntry })])).every(
        (rows) => rows.length === 1,
      ),
    );
    const [[adaLetter], [bobLetter], [poison]] = await Promise.all([
      letterOf({ eventId: adaEvent }),
      letterOf({ eventId: bobEvent }),
      letterOf({ entryId: poisonEntry }),
    ]);
    const run = async (args: string[]) => {
      const lines: string[] = [];
      const code = await runReplayCommand(stack.config, settings, args, (line) => lines.push(line));
      return { code, out: lines.join("\n") };
    };

    // The list says what can be replayed.
    const listed = await run(["--list"]);
    expect(listed.code).toBe(0);
    expect(listed.out).toMatch(new RegExp(`^#${adaLetter!.id} .* event ${adaEvent}: SMTP failed 2 times; .*\\[replayable\\]$`, "m"));
    expect(listed.out).toMatch(new RegExp(`^#${poison!.id} .* event -: payload is not JSON \\[not replayable: .*\\]$`, "m"));

    // Replayed while SMTP is still down: dead again, recorded as a new letter; the old one is marked.
    const tooEarly = await run(["--id", String(adaLetter!.id)]);
    expect(tooEarly.code).toBe(1);
    expect(tooEarly.out).toContain(`#${adaLetter!.id} (event ${adaEvent}): dead`);
    const [first, again] = await letterOf({ eventId: adaEvent });
    expect(first).toMatchObject({ id: adaLetter!.id, replay_outcome: "dead" });
    expect(first!.replayed_at).not.toBeNull();
    expect(again).toMatchObject({ stream_entry_id: `${adaLetter!.stream_entry_id}/replay-${adaLetter!.id}`, replayed_at: null });
    expect(again!.reason).toMatch(/^SMTP failed 1 times; last: .*(ECONNREFUSED|connect)/i);

    const back = await startSmtpSink({ port });
    try {
      // The operator's command, as its own process: Ada's mail goes; the poison entry stays on the list.
      const replayed = await runReplayProcess(stack.config, settings, ["--id", String(again!.id), "--id", String(poison!.id)]);
      expect(replayed.code).toBe(1);
      expect(replayed.stdout).toContain(`#${again!.id} (event ${adaEvent}): sent`);
      expect(replayed.stdout).toContain(`#${poison!.id} (event -): not-replayable (payload is not JSON)`);
      expect((await letterOf({ entryId: poisonEntry }))[0]!.replayed_at).toBeNull();

      // Two replays of Bob's letter at once: one mail.
      const both = await Promise.all([run(["--id", String(bobLetter!.id)]), run(["--id", String(bobLetter!.id)])]);
      expect(both.map(({ out }) => out.match(/: sent$/gm)?.length ?? 0).reduce((a, b) => a + b)).toBe(1);
      expect((await letterOf({ eventId: bobEvent }))[0]).toMatchObject({ replay_outcome: expect.stringMatching(/^(sent|already-done)$/) });

      const messageIdOf = async (eventId: number) =>
        (await sql<{ message_id: string }[]>`select message_id from deliveries where event_id = ${eventId} and status = 'sent'`)[0]!
          .message_id;
      expect(back.mails.filter((mail) => mail.to.includes(ada.email)).map((mail) => mail.messageId)).toEqual([await messageIdOf(adaEvent)]);
      expect(back.mails.filter((mail) => mail.to.includes(bob.email)).map((mail) => mail.messageId)).toEqual([await messageIdOf(bobEvent)]);

      // Nothing of theirs is left to replay; a second replay sends nothing.
      const afterwards = await run(["--id", String(again!.id), "--id", String(bobLetter!.id)]);
      expect(afterwards.out).toContain(`#${again!.id}: no such dead letter still on the list`);
      expect(afterwards.code).toBe(1);
      expect(back.mails).toHaveLength(2);
    } finally {
      await back.close();
    }
  });
});
