import { describe, expect, it } from "vitest";
import type { OrderStatusChangedEvent } from "../services/events";
import { ChangeFeed, parseStatusChanged } from "./change-feed";

const ORDER_A = "11111111-1111-4111-8111-111111111111";
const ORDER_B = "22222222-2222-4222-8222-222222222222";
const USER = "33333333-3333-4333-8333-333333333333";
const event = (eventId: number, orderId = ORDER_A, status: OrderStatusChangedEvent["status"] = "PACKED"): OrderStatusChangedEvent => ({
  eventId,
  orderId,
  userId: USER,
  status,
  note: null,
  at: "2026-01-01T00:00:00.000Z",
});

describe("ChangeFeed", () => {
  it("delivers each changed order once, in its latest state, in the order of latest change", async () => {
    const feed = new ChangeFeed();
    feed.push(event(1, ORDER_A, "PAID"));
    feed.push(event(2, ORDER_B, "PAID"));
    feed.push(event(3, ORDER_A, "PACKED"));
    expect(feed.size).toBe(2);
    expect(await feed.take()).toMatchObject({ eventId: 2, orderId: ORDER_B });
    expect(await feed.take()).toMatchObject({ eventId: 3, orderId: ORDER_A, status: "PACKED" });
  });

  it("drops duplicates and events older than the state already delivered", async () => {
    const feed = new ChangeFeed();
    feed.seen(ORDER_A, 5);
    feed.push(event(4));
    feed.push(event(5));
    feed.push(event(6));
    feed.push(event(6));
    expect(feed.size).toBe(1);
    expect((await feed.take())!.eventId).toBe(6);
    expect(feed.watermark).toBe(6);
  });

  it("wakes a waiting taker, ends on close and throws what fail was given", async () => {
    const feed = new ChangeFeed();
    const waiting = feed.take();
    feed.push(event(1));
    expect((await waiting)!.eventId).toBe(1);
    const failing = feed.take();
    feed.fail(new Error("gone"));
    await expect(failing).rejects.toThrow("gone");
    expect(await feed.take()).toBeUndefined();

    const closing = new ChangeFeed();
    const pending = closing.take();
    closing.close();
    expect(await pending).toBeUndefined();
    closing.push(event(9));
    expect(closing.size).toBe(0);
  });
});

describe("parseStatusChanged", () => {
  it("reads the relay's payload and refuses anything else", () => {
    const payload = {
      eventId: 7,
      orderId: ORDER_A.toUpperCase(),
      userId: USER,
      status: "SHIPPED",
      note: "x",
      at: "2026-01-01T00:00:00.000Z",
    };
    expect(parseStatusChanged(JSON.stringify(payload))).toEqual({ ...payload, orderId: ORDER_A });
    expect(parseStatusChanged(JSON.stringify({ ...payload, note: undefined }))!.note).toBeNull();
    expect(parseStatusChanged("not json")).toBeNull();
    expect(parseStatusChanged("null")).toBeNull();
    expect(parseStatusChanged(JSON.stringify({ ...payload, status: "LOST" }))).toBeNull();
    expect(parseStatusChanged(JSON.stringify({ ...payload, eventId: "7" }))).toBeNull();
  });
});
