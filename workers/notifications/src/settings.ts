import { z } from "zod";
import { parseEnv, type EnvSource } from "@shop/runtime";

const positiveInt = z.coerce.number().int().positive();

/** Points at the SMTP sink `npm start` runs in development (scripts/lib/smtp-sink.ts); production must set SMTP_URL. */
export const DEVELOPMENT_SMTP_URL = "smtp://127.0.0.1:1025";

/** The crash points a test may ask for (NOTIFICATIONS_TEST_CRASH_POINT): the process SIGKILLs itself there. */
export const CRASH_POINTS = ["after-send", "after-commit"] as const;
export type CrashPoint = (typeof CRASH_POINTS)[number];

/** The variables only the notifications worker reads, with their defaults (its README "Environment"; keep the two in step). */
export const notificationsEnvSchema = z.object({
  // No default in production (loadNotificationSettings): mails would go nowhere. Empty counts as unset.
  SMTP_URL: z.preprocess((value) => (value === "" ? undefined : value), z.string().url().optional()),
  MAIL_FROM: z.string().min(3).default("Shop <orders@shop.test>"),
  NOTIFICATIONS_STREAM: z.string().min(1).default("orders.events"),
  NOTIFICATIONS_GROUP: z.string().min(1).default("notifications"),
  // Entries read and handled at once by one worker (XREADGROUP COUNT).
  NOTIFICATIONS_BATCH_SIZE: positiveInt.max(1000).default(16),
  // An entry another worker took and has not acknowledged for this long is taken over (XAUTOCLAIM min-idle-time).
  NOTIFICATIONS_RECLAIM_IDLE_MS: positiveInt.default(30_000),
  NOTIFICATIONS_RECLAIM_INTERVAL_MS: positiveInt.default(5000),
  // SMTP attempts of one mail, first included, before it goes to the dead-letter list.
  NOTIFICATIONS_MAX_ATTEMPTS: positiveInt.max(100).default(8),
  // The wait after the first failed attempt; each next wait doubles, up to NOTIFICATIONS_RETRY_MAX_DELAY_MS.
  NOTIFICATIONS_RETRY_BASE_DELAY_MS: positiveInt.default(500),
  NOTIFICATIONS_RETRY_MAX_DELAY_MS: positiveInt.default(30_000),
  // One SMTP exchange (connect, greeting, each command) at most.
  SMTP_TIMEOUT_MS: positiveInt.default(10_000),
  // Tests only (refused in production): the process kills itself with SIGKILL at this point of the first send.
  NOTIFICATIONS_TEST_CRASH_POINT: z.enum(CRASH_POINTS).optional(),
});

export interface NotificationSettings {
  smtpUrl: string;
  /** The From header of every mail; its domain also names the Message-IDs. */
  mailFrom: string;
  /** The order events stream and this service's consumer group on it. */
  stream: string;
  group: string;
  batchSize: number;
  reclaimIdleMs: number;
  reclaimIntervalMs: number;
  /** Retries of a mail: attempts in all, and the backoff between them. */
  retry: { maxAttempts: number; baseDelayMs: number; maxDelayMs: number };
  smtpTimeoutMs: number;
  crashPoint?: CrashPoint;
}

/** Parses and checks the worker's variables; throws a message naming each bad one. */
export function loadNotificationSettings(source: EnvSource = process.env): NotificationSettings {
  const env = parseEnv(notificationsEnvSchema, source, "notifications settings");
  const production = source.NODE_ENV === "production";
  const problems: string[] = [];
  if (production && !env.SMTP_URL) problems.push("SMTP_URL: must be set in production (smtp://user:pass@host:587 or smtps://…)");
  if (production && env.NOTIFICATIONS_TEST_CRASH_POINT) problems.push("NOTIFICATIONS_TEST_CRASH_POINT: is for tests only");
  if (problems.length > 0) throw new Error(`Invalid environment (notifications settings):\n${problems.map((p) => `  ${p}`).join("\n")}`);
  return {
    smtpUrl: env.SMTP_URL ?? DEVELOPMENT_SMTP_URL,
    mailFrom: env.MAIL_FROM,
    stream: env.NOTIFICATIONS_STREAM,
    group: env.NOTIFICATIONS_GROUP,
    batchSize: env.NOTIFICATIONS_BATCH_SIZE,
    reclaimIdleMs: env.NOTIFICATIONS_RECLAIM_IDLE_MS,
    reclaimIntervalMs: env.NOTIFICATIONS_RECLAIM_INTERVAL_MS,
    retry: {
      maxAttempts: env.NOTIFICATIONS_MAX_ATTEMPTS,
      baseDelayMs: env.NOTIFICATIONS_RETRY_BASE_DELAY_MS,
      maxDelayMs: env.NOTIFICATIONS_RETRY_MAX_DELAY_MS,
    },
    smtpTimeoutMs: env.SMTP_TIMEOUT_MS,
    crashPoint: env.NOTIFICATIONS_TEST_CRASH_POINT,
  };
}

/** The domain of the Message-IDs: `shop.test` of `Shop <orders@shop.test>`. */
export function mailDomainOf(from: string): string {
  return /@([^>\s]+)/.exec(from)?.[1] ?? "localhost";
}
