import { createLogger, loadConfig, stopOnSignal } from "@shop/runtime";
import { startNotificationsWorker } from "./app";
import { loadNotificationSettings } from "./settings";

// Both validated before anything starts: production without SMTP_URL ends here with a message naming it.
const config = loadConfig();
const worker = await startNotificationsWorker(config, loadNotificationSettings());
stopOnSignal(createLogger("notifications"), worker.stop, config.shutdownGraceMs);
