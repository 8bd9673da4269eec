import { CombinedGraphQLErrors, ServerError } from "@apollo/client/errors";
import { describe, expect, it } from "vitest";
import { codeOf, messageOf } from "./messages";

const graphQLError = (message: string, extensions: Record<string, unknown>) =>
  new CombinedGraphQLErrors({ errors: [{ message, extensions }] });

describe("messageOf", () => {
  it("says how long to wait when an operation is rate limited", () => {
    expect(messageOf(graphQLError("Too many checkouts", { code: "RATE_LIMITED", retryAfter: 7 }))).toBe(
      "Too many attempts. Please wait 7 s and try again.",
    );
  });

  it("reads a whole refused request (429) by its Retry-After header", () => {
    const response = new Response("slow down", { status: 429, headers: { "retry-after": "12" } });
    expect(messageOf(new ServerError("429", { response, bodyText: "slow down" }))).toBe(
      "Too many attempts. Please wait 12 s and try again.",
    );
  });

  it("passes on the server's words for input errors, and hides unknown failures behind a generic sentence", () => {
    expect(messageOf(graphQLError("Email is already in use", { code: "BAD_USER_INPUT", field: "email" }))).toBe("Email is already in use");
    expect(messageOf(graphQLError("relation does not exist", { code: "INTERNAL_SERVER_ERROR" }))).toBe(
      "Something went wrong on our side. Please try again.",
    );
  });

  it("calls a failure with no answer at all a connection problem", () => {
    expect(messageOf(new TypeError("Failed to fetch"))).toBe("The shop cannot be reached. Check your connection and try again.");
  });
});

describe("codeOf", () => {
  it("is the first error's extensions.code, and nothing for other failures", () => {
    expect(codeOf(graphQLError("no", { code: "FORBIDDEN" }))).toBe("FORBIDDEN");
    expect(codeOf(new TypeError("Failed to fetch"))).toBeUndefined();
  });
});
