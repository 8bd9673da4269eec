import { describe, expect, it } from "vitest";
import { MAX_BACKOFF_MS, paymentBudgetMs, paymentBudgetProblem } from "./payment-budget";

describe("the payment budget against the recovery threshold", () => {
  it("counts every attempt's timeout and the longest backoff before each retry", () => {
    expect(paymentBudgetMs({ timeoutMs: 2000, maxAttempts: 3 })).toBe(2000 * 3 + 2 * MAX_BACKOFF_MS);
    expect(paymentBudgetMs({ timeoutMs: 500, maxAttempts: 1 })).toBe(500);
  });

  it("accepts the defaults (8 s of charging against 30 s before recovery) and a threshold of exactly twice the budget", () => {
    expect(paymentBudgetProblem({ timeoutMs: 2000, maxAttempts: 3 }, 30_000)).toBeNull();
    expect(paymentBudgetProblem({ timeoutMs: 2000, maxAttempts: 3 }, 16_000)).toBeNull();
  });

  it("refuses a threshold the charge could come near, naming the variables and the value that would do", () => {
    const problem = paymentBudgetProblem({ timeoutMs: 2000, maxAttempts: 3 }, 15_999);

    expect(problem).toMatch(/^CHECKOUT_RECOVERY_AFTER_MS: 15999 ms must be at least 2 × /);
    expect(problem).toContain("PAYMENT_TIMEOUT_MS × PAYMENT_MAX_ATTEMPTS plus the retry backoff (2000 × 3 + 2 × 1000 = 8000 ms)");
    expect(problem).toContain("raise CHECKOUT_RECOVERY_AFTER_MS to 16000 or more");
  });

  it("refuses a charge that outlasts the threshold outright, as a long timeout with many attempts would", () => {
    expect(paymentBudgetProblem({ timeoutMs: 20_000, maxAttempts: 2 }, 30_000)).toMatch(/41000 ms/);
  });
});
