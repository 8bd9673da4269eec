import { describe, expect, it } from "vitest";
import { parseReplayArgs } from "./replay-command";
import { storedEntryOf, type DeadLetter } from "./replay";

const letter = (payload: string): DeadLetter => ({
  id: 12,
  streamEntryId: "1733150000000-0",
  eventId: 345,
  reason: "SMTP failed 8 times",
  payload,
  createdAt: new Date(),
  replayedAt: null,
  replayOutcome: null,
});

const event = {
  eventId: 345,
  orderId: "0b6d1c1e-5d0a-4a53-9a43-8b0c8f6f2d11",
  userId: "7f1c2b9a-3e4d-4f5a-8b6c-1d2e3f4a5b6c",
  status: "SHIPPED",
  note: null,
  at: "2026-12-03T06:00:00.000Z",
};

describe("storedEntryOf", () => {
  it("gives back the entry's fields under an id of its own, so failing again adds a new letter", () => {
    const fields = { id: "345", topic: "order.status_changed", payload: JSON.stringify(event) };
    expect(storedEntryOf(letter(JSON.stringify(fields)))).toEqual({
      entry: { id: "1733150000000-0/replay-12", fields: ["id", "345", "topic", "order.status_changed", "payload", JSON.stringify(event)] },
    });
  });

  it("refuses what never was an order event: it cannot become one", () => {
    expect(storedEntryOf(letter("{not json"))).toEqual({ reason: "its payload is not the JSON of a stream entry's fields" });
    expect(storedEntryOf(letter("[1,2]"))).toEqual({ reason: "its payload holds no stream entry fields" });
    expect(storedEntryOf(letter(JSON.stringify({ topic: "order.created", payload: "{}" })))).toEqual({
      reason: 'unknown topic "order.created"',
    });
    const malformed = storedEntryOf(
      letter(JSON.stringify({ topic: "order.status_changed", payload: JSON.stringify({ ...event, status: "LOST" }) })),
    );
    expect(malformed).toMatchObject({ reason: expect.stringMatching(/^malformed payload: status /) });
  });
});

describe("parseReplayArgs", () => {
  it("takes exactly one of --list, --all and --id", () => {
    expect(parseReplayArgs(["--list"])).toEqual({ mode: "list" });
    expect(parseReplayArgs(["--all"])).toEqual({ mode: "replay" });
    expect(parseReplayArgs(["--id", "3", "--id", "14"])).toEqual({ mode: "replay", ids: [3, 14] });
    expect(parseReplayArgs([])).toEqual({ problem: "Give exactly one of --list, --all or --id." });
    expect(parseReplayArgs(["--all", "--id", "3"])).toEqual({ problem: "Give exactly one of --list, --all or --id." });
  });

  it("says what is wrong with an argument", () => {
    expect(parseReplayArgs(["--id", "three", "--id", "0", "--id", "2"])).toEqual({
      problem: "--id takes a dead letter's number (a positive integer), not three, 0.",
    });
    expect(parseReplayArgs(["--everything"])).toMatchObject({ problem: expect.stringMatching(/--everything/) });
  });
});
