import { resolve } from "node:path";
import { DEVELOPMENT_SMTP_URL } from "@shop/notifications/settings";
import { startSmtpSink, type SmtpSink } from "@shop/notifications/smtp-sink";

/**
 * Development only: where the notifications worker's mails go when SMTP_URL is unset. A local SMTP server (the
 * notifications package's sink) on port 1025, or on any free port when 1025 is taken (another shop, a test), that
 * writes each mail as an .eml file into .data/mail for a person to open. Production never gets here: the worker
 * refuses to start there without SMTP_URL.
 */
export async function startDevelopmentMailSink(
  dataDir: string,
): Promise<{ smtpUrl: string; directory: string; stop: () => Promise<void> }> {
  const directory = resolve(dataDir, "mail");
  const preferred = Number(new URL(DEVELOPMENT_SMTP_URL).port);
  const sink: SmtpSink = await startSmtpSink({ port: preferred, directory }).catch(() => startSmtpSink({ directory }));
  return { smtpUrl: sink.url, directory, stop: () => sink.close() };
}
