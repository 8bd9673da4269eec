import { GraphQLError } from "graphql";
import { describe, expect, it } from "vitest";
import { parseSince } from "./since";

const NOW = new Date("2026-12-02T12:00:00.000Z");

function refusal(run: () => unknown) {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(GraphQLError);
    const { extensions, message } = error as GraphQLError;
    return { code: extensions.code, field: extensions.field, message };
  }
  throw new Error("expected BAD_USER_INPUT, nothing was thrown");
}

describe("parseSince", () => {
  it("takes an instant within the bound, the bound itself and the future", () => {
    expect(parseSince("2026-12-02T11:00:00Z", NOW, 3600)).toEqual(new Date("2026-12-02T11:00:00Z"));
    expect(parseSince(new Date("2026-12-01T12:00:00Z"), NOW, 86_400)).toEqual(new Date("2026-12-01T12:00:00Z"));
    expect(parseSince("2026-12-03T00:00:00Z", NOW, 60)).toEqual(new Date("2026-12-03T00:00:00Z"));
  });

  it("refuses an instant further back than the bound, saying how far back it may reach", () => {
    expect(refusal(() => parseSince("1970-01-01T00:00:00Z", NOW, 86_400))).toEqual({
      code: "BAD_USER_INPUT",
      field: "since",
      message:
        "since: may reach back at most 24 h (not before 2026-12-01T12:00:00.000Z); read older changes with myOrders and each order's timeline",
    });
    expect(refusal(() => parseSince("2026-12-02T11:58:59.999Z", NOW, 60)).message).toMatch(
      /at most 1 min \(not before 2026-12-02T11:59:00.000Z\)/,
    );
    expect(refusal(() => parseSince("2026-12-02T11:59:58Z", NOW, 1)).message).toMatch(/at most 1 s/);
  });

  it("refuses what is not an instant", () => {
    expect(refusal(() => parseSince("yesterday", NOW, 86_400))).toMatchObject({ code: "BAD_USER_INPUT", field: "since" });
  });
});
