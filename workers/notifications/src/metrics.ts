import { counter } from "@shop/runtime";

/** The worker's counters (every service's `/metrics`, packages/runtime/src/metrics.ts). */
export const notificationMetrics = {
  sent: counter("shop_notifications_sent_total", "Notifications the SMTP server accepted, by mail kind.", ["kind"]),
  skipped: counter("shop_notifications_skipped_total", "Notifications decided against (opted out, never paid), by reason.", ["reason"]),
  duplicatesAvoided: counter(
    "shop_notifications_duplicates_avoided_total",
    "Events delivered again (reclaimed, republished) whose notification was already settled: acknowledged, not sent.",
  ),
  sendFailures: counter(
    "shop_notifications_send_failures_total",
    "Failed SMTP attempts (each is retried with backoff, then dead-lettered).",
  ),
  deadLettered: counter("shop_notifications_dead_lettered_total", "Entries put on the dead-letter list, by reason.", ["reason"]),
  eventsHandled: counter("shop_notifications_events_total", "Stream entries acknowledged, by how they ended.", ["outcome"]),
  reclaimed: counter(
    "shop_notifications_reclaimed_total",
    "Stream entries taken over from a consumer that stopped acknowledging (XAUTOCLAIM).",
  ),
};
