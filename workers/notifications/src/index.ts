import { createLogger, loadConfig, stopOnSignal } from "@shop/runtime";
import { startNotificationsWorker } from "./app";
import { runReplayCommand } from "./replay-command";
import { loadNotificationSettings } from "./settings";

// Both validated before anything starts: production without SMTP_URL ends here with a message naming it.
const config = loadConfig();
const settings = loadNotificationSettings();
// `replay …` is the operator's command for the dead-letter list (replay-command.ts); the image's entry point passes its
// own arguments on, the service's name first.
const args = process.argv.slice(2).filter((arg, index) => !(index === 0 && arg === "notifications"));
if (args[0] === "replay") {
  process.exit(await runReplayCommand(config, settings, args.slice(1)));
} else {
  const worker = await startNotificationsWorker(config, settings);
  stopOnSignal(createLogger("notifications", config.logLevel), worker.stop, config.shutdownGraceMs);
}
