import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { AddressInfo } from "node:net";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

/** A mail as the sink received it. */
export interface ReceivedMail {
  messageId: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
}

export interface SmtpSink {
  /** smtp://host:port, for SMTP_URL. */
  url: string;
  port: number;
  /** Every mail accepted so far, in order. */
  readonly mails: readonly ReceivedMail[];
  close(): Promise<void>;
}

export interface SmtpSinkOptions {
  /** Default 0: a port the OS picks. */
  port?: number;
  host?: string;
  /** Also writes each mail there as `<n>-<time>.eml`, for a person to open (npm start's sink). */
  directory?: string;
}

/**
 * A local SMTP server that accepts every mail and keeps it: `npm start`'s development mail sink (mails land in
 * .data/mail) and the notifications tests' real SMTP server. It accepts any sender and recipient without
 * authentication and offers no STARTTLS, so never expose it beyond loopback.
 */
export async function startSmtpSink(options: SmtpSinkOptions = {}): Promise<SmtpSink> {
  const mails: ReceivedMail[] = [];
  if (options.directory) mkdirSync(options.directory, { recursive: true });
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks);
        simpleParser(raw).then(
          (parsed) => {
            mails.push({
              messageId: parsed.messageId ?? "",
              to: session.envelope.rcptTo.map((recipient) => recipient.address),
              subject: parsed.subject ?? "",
              text: parsed.text ?? "",
              html: typeof parsed.html === "string" ? parsed.html : "",
            });
            if (options.directory)
              writeFileSync(join(options.directory, `${String(mails.length).padStart(5, "0")}-${Date.now()}.eml`), raw);
            callback();
          },
          (error: Error) => callback(error),
        );
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  // A client that goes away mid-session (a worker killed, restarted) is that client's problem, not the sink's: without
  // a listener, the server's "error" event would end the process.
  server.on("error", () => {});
  const { port, address } = server.server.address() as AddressInfo;
  return {
    url: `smtp://${address}:${port}`,
    port,
    mails,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
