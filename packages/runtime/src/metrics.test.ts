import { describe, expect, it } from "vitest";
import { operationLabel, scrapedGauge, scrapeMetrics } from "./metrics";

describe("operationLabel", () => {
  it("keeps plain GraphQL names and names the others by what they are", () => {
    expect(operationLabel("Checkout")).toBe("Checkout");
    expect(operationLabel(null)).toBe("anonymous");
    expect(operationLabel("")).toBe("anonymous");
    expect(operationLabel('x"} 1\nfake_metric 2')).toBe("invalid");
    expect(operationLabel("a".repeat(65))).toBe("invalid");
  });
});

describe("scrapedGauge", () => {
  it("reads its readers at scrape time, leaves out a failing one, and forgets a removed one", async () => {
    const gauge = scrapedGauge("test_scraped_things", "Things.", ["kind"]);
    let count = 2;
    const removeGood = gauge.observe(() => [{ labels: { kind: "good" }, value: count }]);
    const removeBad = gauge.observe(async () => {
      throw new Error("database down");
    });
    count = 5;
    expect(await scrapeMetrics()).toContain('test_scraped_things{kind="good"} 5');
    removeGood();
    removeBad();
    expect(await scrapeMetrics()).not.toContain('test_scraped_things{kind="good"}');
  });
});
