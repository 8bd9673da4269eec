import { describe, expect, it } from "vitest";
import { requireAdmin, requireServiceCaller, requireViewer } from "./guards";

const customer = { userId: "11111111-1111-4111-8111-111111111111", role: "CUSTOMER" as const };
const admin = { ...customer, role: "ADMIN" as const };
const code = (expected: string) => expect.objectContaining({ extensions: expect.objectContaining({ code: expected }) });

describe("guards", () => {
  it("needs a viewer, and the ADMIN role for admin work", () => {
    expect(() => requireViewer(null)).toThrow(code("UNAUTHENTICATED"));
    expect(requireViewer(customer)).toBe(customer);
    expect(() => requireAdmin(customer)).toThrow(code("FORBIDDEN"));
    expect(requireAdmin(admin)).toBe(admin);
  });

  it("lets only the sibling services named call an internal field, never the gateway", () => {
    expect(() => requireServiceCaller("gateway", "cartLines", ["order"])).toThrow(code("FORBIDDEN"));
    expect(() => requireServiceCaller("inventory", "cartLines", ["order"])).toThrow(
      expect.objectContaining({ message: "cartLines is internal: only the order service may call it" }),
    );
    expect(() => requireServiceCaller("order", "cartLines", ["order"])).not.toThrow();
    expect(() => requireServiceCaller("cart", "productSnapshots", ["cart", "order"])).not.toThrow();
  });
});
