import nodemailer from "nodemailer";
import type { RenderedMail } from "./templates";

export interface OutgoingMail extends RenderedMail {
  to: string;
  /** The same on every attempt of one notification (deliveries.ts). */
  messageId: string;
}

export interface Mailer {
  /** Resolves once the SMTP server accepted the mail (250 after DATA); rejects with the server's answer or the network error. */
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

/** Thrown for an answer that retrying cannot change (a 5xx reply: unknown recipient, refused sender, …). */
export class PermanentSmtpError extends Error {
  override readonly name = "PermanentSmtpError";
}

/**
 * Mails over SMTP with nodemailer, through a small pool of kept-open connections. Every mail carries its own
 * Message-ID, so a resend after a crash is the same message to the receiving side.
 */
export function createMailer(options: { smtpUrl: string; from: string; timeoutMs: number }): Mailer {
  // nodemailer reads transport options from the URL's query (its documented connection-URL form), so an operator's
  // own query in SMTP_URL (e.g. `?tls.rejectUnauthorized=false`) stays as given and ours are added.
  const url = new URL(options.smtpUrl);
  for (const [name, value] of Object.entries({
    pool: "true",
    maxConnections: "4",
    connectionTimeout: String(options.timeoutMs),
    greetingTimeout: String(options.timeoutMs),
    socketTimeout: String(options.timeoutMs),
  })) {
    if (!url.searchParams.has(name)) url.searchParams.set(name, value);
  }
  const transport = nodemailer.createTransport(url.toString());
  return {
    async send(mail) {
      try {
        await transport.sendMail({
          from: options.from,
          to: mail.to,
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          messageId: mail.messageId,
        });
      } catch (error) {
        const code = (error as { responseCode?: number }).responseCode;
        if (code !== undefined && code >= 500) throw new PermanentSmtpError((error as Error).message, { cause: error });
        throw error;
      }
    },
    close: () => transport.close(),
  };
}
