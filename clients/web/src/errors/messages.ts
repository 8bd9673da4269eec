import { CombinedGraphQLErrors, ServerError } from "@apollo/client/errors";

/** How a GraphQL error reads to a shopper, by `extensions.code`; the server's own message is used where it is for people. */
const MESSAGES: Record<string, (error: { message: string; extensions?: Record<string, unknown> }) => string> = {
  UNAUTHENTICATED: () => "Please sign in to continue.",
  FORBIDDEN: () => "This page is not available to your account.",
  NOT_FOUND: (error) => error.message,
  BAD_USER_INPUT: (error) => error.message,
  CONFLICT: (error) => error.message,
  RATE_LIMITED: (error) => {
    const seconds = Number(error.extensions?.retryAfter);
    return `Too many attempts. Please wait ${Number.isFinite(seconds) && seconds > 0 ? `${seconds} s` : "a moment"} and try again.`;
  },
};

/**
 * The one place an error becomes words: a GraphQL error by its code, a refused HTTP request (429 with Retry-After) as
 * rate limiting, anything else on the way as the shop being unreachable.
 */
export function messageOf(error: unknown): string {
  if (CombinedGraphQLErrors.is(error)) {
    const first = error.errors[0];
    const code = typeof first?.extensions?.code === "string" ? first.extensions.code : "";
    const message = first && MESSAGES[code]?.(first);
    return message ?? "Something went wrong on our side. Please try again.";
  }
  if (ServerError.is(error)) {
    if (error.statusCode === 429) {
      const retryAfter = error.response.headers.get("retry-after");
      return MESSAGES.RATE_LIMITED!({ message: "", extensions: { retryAfter } });
    }
    return "The shop is having trouble right now. Please try again.";
  }
  return "The shop cannot be reached. Check your connection and try again.";
}

/** The `extensions.code` of the first GraphQL error, when the error is one. */
export function codeOf(error: unknown): string | undefined {
  if (!CombinedGraphQLErrors.is(error)) return undefined;
  const code = error.errors[0]?.extensions?.code;
  return typeof code === "string" ? code : undefined;
}
