import { describe, expect, it } from "vitest";
import { refreshRefusal } from "./refresh-rules";

const now = new Date("2026-12-01T12:00:00Z");
const later = new Date("2026-12-31T12:00:00Z");
const earlier = new Date("2026-11-30T12:00:00Z");
const live = { expiresAt: later, rotatedAt: null, revokedAt: null };

describe("refreshRefusal", () => {
  it("lets a live token through", () => {
    expect(refreshRefusal(live, now)).toBeNull();
  });

  it.each([
    ["an unknown token", undefined, "unknown"],
    ["a revoked token", { ...live, revokedAt: earlier }, "revoked"],
    ["a token revoked after it was rotated (its family revoked for reuse)", { ...live, rotatedAt: earlier, revokedAt: earlier }, "revoked"],
    ["a rotated token", { ...live, rotatedAt: earlier }, "reused"],
    ["a rotated token past its expiry (its session may still be live)", { ...live, expiresAt: earlier, rotatedAt: earlier }, "reused"],
    ["an expired token", { ...live, expiresAt: earlier }, "expired"],
    ["a token expiring this very instant", { ...live, expiresAt: now }, "expired"],
  ])("refuses %s", (_, stored, reason) => {
    const refusal = refreshRefusal(stored, now);
    expect(refusal?.reason).toBe(reason);
    expect(refusal?.message).toMatch(/sign in again$/);
  });
});
