import { createLogger, loadConfig, stopOnSignal } from "@shop/runtime";
import { startInventorySubgraph } from "./app";
import { loadInventorySettings } from "./settings";

// Both validated before anything starts: a bad variable ends the process with a message naming it.
const config = loadConfig();
const subgraph = await startInventorySubgraph(config, loadInventorySettings());
stopOnSignal(createLogger("inventory"), subgraph.stop, config.shutdownGraceMs);
