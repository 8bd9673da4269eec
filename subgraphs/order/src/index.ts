import { createLogger, loadConfig, stopOnSignal } from "@shop/runtime";
import { startOrderSubgraph } from "./app";
import { loadOrderSettings } from "./settings";

// Both validated before anything starts: a bad variable ends the process with a message naming it.
const config = loadConfig();
const subgraph = await startOrderSubgraph(config, loadOrderSettings());
stopOnSignal(createLogger("order"), subgraph.stop, config.shutdownGraceMs);
