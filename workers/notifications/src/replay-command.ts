import { parseArgs } from "node:util";
import { connectDatabase, createLogger, migrateDatabase, migrationsFolderOf, type ShopConfig } from "@shop/runtime";
import { schema } from "./db/schema";
import { createMailer } from "./mail/mailer";
import { createMailSources } from "./recipients";
import { deadLettersToReplay, stillDeadLettered, replayDeadLetter, storedEntryOf, type DeadLetter } from "./replay";
import { mailDomainOf, type NotificationSettings } from "./settings";

const REPLAY_USAGE = `Usage: notifications replay --list | --all | --id <n> [--id <n> …]
  --list     print the dead letters still on the list, and whether each can be replayed
  --all      replay every replayable dead letter, oldest first
  --id <n>   replay these dead letters only
Each mail gets one SMTP attempt; run it again for those that fail. Exit status 1 when any of them is still dead-lettered.`;

/**
 * `notifications replay …` (src/index.ts; `npm run notifications:replay -- …`, or the image's
 * `node dist/serve.js notifications replay …`): the operator's side of the dead-letter list, with the worker's own
 * environment (database, SMTP, internal key). Prints one line per letter; answers the exit status.
 */
export async function runReplayCommand(
  config: ShopConfig,
  settings: NotificationSettings,
  args: string[],
  print: (line: string) => void = console.log,
): Promise<number> {
  const request = parseReplayArgs(args);
  if ("problem" in request) {
    print(`${request.problem}\n\n${REPLAY_USAGE}`);
    return 2;
  }
  const log = createLogger("notifications", config.logLevel);
  const endpoint = config.workers.notifications;
  await migrateDatabase(endpoint.databaseUrl, migrationsFolderOf(new URL("..", import.meta.url)));
  const database = connectDatabase(endpoint.databaseUrl, schema, { max: 2, name: "notifications-replay" });
  const mailer = createMailer({ smtpUrl: settings.smtpUrl, from: settings.mailFrom, timeoutMs: settings.smtpTimeoutMs });
  try {
    const letters = await deadLettersToReplay(database, request.ids);
    const missing = request.ids?.filter((id) => !letters.some((letter) => letter.id === id)) ?? [];
    for (const id of missing) print(`#${id}: no such dead letter still on the list`);
    if (request.mode === "list") {
      for (const letter of letters) print(describe(letter));
      print(`${letters.length} dead letter(s) on the list`);
      return 0;
    }
    const deps = {
      database,
      mailer,
      log,
      sources: createMailSources(config),
      messageIdDomain: mailDomainOf(settings.mailFrom),
      retry: { ...settings.retry, maxAttempts: 1 },
    };
    let failed = missing.length;
    for (const letter of letters) {
      // --all passes over what can never be replayed (poison entries); naming one with --id counts it as still dead-lettered.
      if (!request.ids && "reason" in storedEntryOf(letter)) {
        print(`${describe(letter)}: left on the list`);
        continue;
      }
      const result = await replayDeadLetter(deps, letter);
      if (stillDeadLettered(result)) failed += 1;
      print(`#${result.id} (event ${result.eventId ?? "-"}): ${result.outcome}${result.detail ? ` (${result.detail})` : ""}`);
    }
    print(failed === 0 ? "every replayed letter is settled" : `${failed} of them still dead-lettered`);
    return failed === 0 ? 0 : 1;
  } finally {
    mailer.close();
    await database.close();
  }
}

type ReplayRequest = { mode: "list" | "replay"; ids?: number[] } | { problem: string };

/** What the command was asked: list, replay all, or replay these ids; or what is wrong with the arguments. */
export function parseReplayArgs(args: string[]): ReplayRequest {
  let values: { list?: boolean; all?: boolean; id?: string[] };
  try {
    ({ values } = parseArgs({
      args,
      options: { list: { type: "boolean" }, all: { type: "boolean" }, id: { type: "string", multiple: true } },
      strict: true,
    }));
  } catch (error) {
    return { problem: (error as Error).message };
  }
  const chosen = [values.list, values.all, values.id].filter(Boolean).length;
  if (chosen !== 1) return { problem: "Give exactly one of --list, --all or --id." };
  if (values.list) return { mode: "list" };
  if (values.all) return { mode: "replay" };
  const ids = values.id!.map(Number);
  const bad = values.id!.filter((_, index) => !Number.isSafeInteger(ids[index]) || ids[index]! <= 0);
  if (bad.length > 0) return { problem: `--id takes a dead letter's number (a positive integer), not ${bad.join(", ")}.` };
  return { mode: "replay", ids };
}

function describe(letter: DeadLetter): string {
  const stored = storedEntryOf(letter);
  const replayable = "reason" in stored ? `not replayable: ${stored.reason}` : "replayable";
  return `#${letter.id} ${letter.createdAt.toISOString()} event ${letter.eventId ?? "-"}: ${letter.reason} [${replayable}]`;
}
