import { GraphQLError } from "graphql";
import { describe, expect, it } from "vitest";
import { adminMovesFrom, parseTrackingNumber, planStatusChange } from "./order-status";

const order = (status: Parameters<typeof adminMovesFrom>[0], trackingNumber: string | null = null) => ({
  status,
  trackingNumber,
  cancelRequestedAt: null,
});

/** The error with `code` thrown by `run` (BAD_USER_INPUT unless told), as `{ field, message }`. */
function refusal(run: () => unknown, code = "BAD_USER_INPUT") {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(GraphQLError);
    const { extensions, message } = error as GraphQLError;
    expect(extensions.code).toBe(code);
    return { field: extensions.field, message };
  }
  throw new Error(`expected ${code}, nothing was thrown`);
}

describe("admin moves", () => {
  it("follow the lifecycle forward, cancel before shipping, and never set PAID by hand", () => {
    expect(adminMovesFrom("PENDING_PAYMENT")).toEqual(["CANCELLED"]);
    expect(adminMovesFrom("PAID")).toEqual(["PACKED", "CANCELLED"]);
    expect(adminMovesFrom("PACKED")).toEqual(["SHIPPED", "CANCELLED"]);
    expect(adminMovesFrom("SHIPPED")).toEqual(["DELIVERED"]);
    expect(adminMovesFrom("DELIVERED")).toEqual([]);
    expect(adminMovesFrom("CANCELLED")).toEqual([]);
  });
});

describe("planStatusChange", () => {
  it("plans the legal moves, with the tracking number on SHIPPED", () => {
    expect(planStatusChange(order("PAID"), "PACKED", undefined)).toEqual({ kind: "move", to: "PACKED", note: null, trackingNumber: null });
    expect(planStatusChange(order("PACKED"), "SHIPPED", "  1Z999AA10123456784 ")).toEqual({
      kind: "move",
      to: "SHIPPED",
      note: "Shipped with tracking number 1Z999AA10123456784",
      trackingNumber: "1Z999AA10123456784",
    });
    expect(planStatusChange(order("SHIPPED", "1Z1"), "DELIVERED", null)).toMatchObject({ kind: "move", to: "DELIVERED" });
    expect(planStatusChange(order("PACKED"), "CANCELLED", null)).toEqual({ kind: "cancel" });
    expect(planStatusChange(order("PENDING_PAYMENT"), "CANCELLED", null)).toEqual({ kind: "cancel" });
  });

  it("refuses every move but CANCELLED once a cancellation is under way", () => {
    const cancelling = (status: Parameters<typeof adminMovesFrom>[0]) => ({ ...order(status), cancelRequestedAt: new Date() });
    expect(refusal(() => planStatusChange(cancelling("PAID"), "PACKED", null), "CONFLICT")).toEqual({
      field: "status",
      message: "status: the order is being cancelled (refund and stock return under way): it cannot become PACKED",
    });
    expect(refusal(() => planStatusChange(cancelling("PACKED"), "SHIPPED", "TRACK-1"), "CONFLICT").message).toMatch(
      /being cancelled.*cannot become SHIPPED$/,
    );
    // Cancelling again resumes the cancellation; asking for the status it has changes nothing.
    expect(planStatusChange(cancelling("PACKED"), "CANCELLED", null)).toEqual({ kind: "cancel" });
    expect(planStatusChange(cancelling("PAID"), "PAID", null)).toEqual({ kind: "unchanged" });
    // Once cancelled, the lifecycle's own answer: CANCELLED is final.
    expect(refusal(() => planStatusChange(cancelling("CANCELLED"), "SHIPPED", "TRACK-1")).message).toMatch(/CANCELLED is final/);
  });

  it("names the allowed next states when a move is illegal", () => {
    expect(refusal(() => planStatusChange(order("PAID"), "SHIPPED", "TRACK-1"))).toEqual({
      field: "status",
      message: "status: cannot move an order from PAID to SHIPPED; allowed next states: PACKED, CANCELLED",
    });
    expect(refusal(() => planStatusChange(order("SHIPPED"), "CANCELLED", null)).message).toMatch(/allowed next states: DELIVERED$/);
    expect(refusal(() => planStatusChange(order("DELIVERED"), "PACKED", null)).message).toMatch(/DELIVERED is final/);
    expect(refusal(() => planStatusChange(order("PENDING_PAYMENT"), "PAID", null)).message).toMatch(
      /set by checkout.*allowed next states: CANCELLED/,
    );
  });

  it("needs a tracking number for SHIPPED and refuses one for anything else", () => {
    expect(refusal(() => planStatusChange(order("PACKED"), "SHIPPED", undefined))).toEqual({
      field: "trackingNumber",
      message: "trackingNumber: SHIPPED needs the carrier's tracking number",
    });
    expect(refusal(() => planStatusChange(order("PAID"), "PACKED", "TRACK-1")).field).toBe("trackingNumber");
    expect(refusal(() => planStatusChange(order("PACKED"), "SHIPPED", "  ")).field).toBe("trackingNumber");
  });

  it("treats the status the order already has as a no-op, unless the tracking number differs", () => {
    expect(planStatusChange(order("PACKED"), "PACKED", null)).toEqual({ kind: "unchanged" });
    expect(planStatusChange(order("SHIPPED", "TRACK-1"), "SHIPPED", "TRACK-1")).toEqual({ kind: "unchanged" });
    expect(planStatusChange(order("CANCELLED"), "CANCELLED", undefined)).toEqual({ kind: "unchanged" });
    expect(refusal(() => planStatusChange(order("SHIPPED", "TRACK-1"), "SHIPPED", "TRACK-2")).message).toMatch(
      /already shipped with tracking number TRACK-1/,
    );
  });
});

describe("parseTrackingNumber", () => {
  it("trims, and refuses blanks, odd characters and absurd lengths", () => {
    expect(parseTrackingNumber(undefined)).toBeNull();
    expect(parseTrackingNumber(" JD0146 0000 1234 ")).toBe("JD0146 0000 1234");
    expect(() => parseTrackingNumber("")).toThrow(/trackingNumber/);
    expect(() => parseTrackingNumber("<script>")).toThrow(/trackingNumber/);
    expect(() => parseTrackingNumber("A".repeat(65))).toThrow(/trackingNumber/);
  });
});
