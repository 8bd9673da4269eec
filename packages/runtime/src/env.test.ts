import { describe, expect, it } from "vitest";
import { z } from "zod";
import { parseEnv } from "./env";

const schema = z.object({
  POLL_MS: z.coerce.number().int().positive().default(1000),
  MODE: z.enum(["fast", "safe"]).default("safe"),
  NAME: z.string().min(3),
});

describe("parseEnv", () => {
  it("applies defaults and coerces what the schema says", () => {
    expect(parseEnv(schema, { NAME: "shop", UNRELATED: "x" }, "a test")).toEqual({ POLL_MS: 1000, MODE: "safe", NAME: "shop" });
    expect(parseEnv(schema, { NAME: "shop", POLL_MS: "250", MODE: "fast" }, "a test")).toEqual({
      POLL_MS: 250,
      MODE: "fast",
      NAME: "shop",
    });
  });

  it("throws one error naming its owner and every bad variable, one per line", () => {
    expect(() => parseEnv(schema, { POLL_MS: "-1", MODE: "loud" }, "a test")).toThrow(
      /^Invalid environment \(a test\):\n {2}POLL_MS: .+\n {2}MODE: .+\n {2}NAME: .+$/,
    );
  });
});
