import { createLogger, loadConfig, stopOnSignal } from "@shop/runtime";
import { startCartSubgraph } from "./app";
import { loadCartSettings } from "./settings";

const config = loadConfig();
const subgraph = await startCartSubgraph(config, loadCartSettings());
stopOnSignal(createLogger("cart"), subgraph.stop, config.shutdownGraceMs);
