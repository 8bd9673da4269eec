import { badUserInput } from "@shop/runtime";

/**
 * The instant `myOrderUpdates(since)` replays from. It may reach back at most `maxAgeSeconds`
 * (SUBSCRIPTION_SINCE_MAX_AGE_SECONDS): the replay reads the events after it, a range of `order_events(at)` that the
 * bound keeps small, so a client subscribing in a loop with an old `since` cannot make every subscription a table scan.
 */
export function parseSince(value: Date | string, now: Date, maxAgeSeconds: number): Date {
  const instant = new Date(value);
  if (Number.isNaN(instant.getTime())) throw badUserInput("since", "must be an ISO-8601 date-time, e.g. an order's updatedAt");
  const earliest = new Date(now.getTime() - maxAgeSeconds * 1000);
  if (instant < earliest) {
    throw badUserInput(
      "since",
      `may reach back at most ${spell(maxAgeSeconds)} (not before ${earliest.toISOString()}); read older changes with myOrders and each order's timeline`,
    );
  }
  return instant;
}

function spell(seconds: number): string {
  if (seconds % 3600 === 0) return `${seconds / 3600} h`;
  if (seconds % 60 === 0) return `${seconds / 60} min`;
  return `${seconds} s`;
}
