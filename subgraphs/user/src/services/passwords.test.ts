import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "./passwords";

describe("passwords", () => {
  it("verifies the right password and rejects a wrong one", async () => {
    const hash = await hashPassword("correct horse battery", 10);
    expect(await verifyPassword("correct horse battery", hash)).toBe(true);
    expect(await verifyPassword("correct horse batterY", hash)).toBe(false);
  });

  it("salts every hash and records its cost", async () => {
    const [a, b] = await Promise.all([hashPassword("same password", 10), hashPassword("same password", 11)]);
    expect(a).not.toBe(b);
    expect(a.startsWith("scrypt$10$8$1$")).toBe(true);
    expect(await verifyPassword("same password", b)).toBe(true);
  });

  it("treats a malformed stored hash as a mismatch", async () => {
    expect(await verifyPassword("anything", "md5$abc")).toBe(false);
    expect(await verifyPassword("anything", "")).toBe(false);
  });
});
