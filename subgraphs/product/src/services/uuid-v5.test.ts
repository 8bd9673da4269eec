import { describe, expect, it } from "vitest";
import { isUuid } from "@shop/runtime";
import { uuidV5 } from "./uuid-v5";

const DNS_NAMESPACE = "6ba7b810-9dad-11d1-80b4-00c04fd430c8";

describe("uuidV5", () => {
  it("matches the RFC example and Python's uuid.uuid5", () => {
    expect(uuidV5("www.example.com", DNS_NAMESPACE)).toBe("2ed6657d-e927-568b-95e1-2665a8aea6a2");
  });

  it("is stable per name and distinct across names", () => {
    const a = uuidV5("KIT-001", DNS_NAMESPACE);
    expect(uuidV5("KIT-001", DNS_NAMESPACE)).toBe(a);
    expect(uuidV5("KIT-002", DNS_NAMESPACE)).not.toBe(a);
    expect(isUuid(a)).toBe(true);
    expect(a[14]).toBe("5");
  });
});
