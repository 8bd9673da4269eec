import { createLogger, loadConfig, stopOnSignal } from "@shop/runtime";
import { startUserSubgraph } from "./app";

const config = loadConfig();
const subgraph = await startUserSubgraph(config);
stopOnSignal(createLogger("user"), subgraph.stop, config.shutdownGraceMs);
