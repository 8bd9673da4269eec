import { createLogger, loadConfig, stopOnSignal } from "@shop/runtime";
import { startUserSubgraph } from "./app";

const subgraph = await startUserSubgraph(loadConfig());
stopOnSignal(createLogger("user"), subgraph.stop);
