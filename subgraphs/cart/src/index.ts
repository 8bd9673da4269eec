import { createLogger, loadConfig, stopOnSignal } from "@shop/runtime";
import { startCartSubgraph } from "./app";

const config = loadConfig();
const subgraph = await startCartSubgraph(config);
stopOnSignal(createLogger("cart"), subgraph.stop, config.shutdownGraceMs);
