import { createLogger, loadConfig, stopOnSignal } from "@shop/runtime";
import { startCartSubgraph } from "./app";

const subgraph = await startCartSubgraph(loadConfig());
stopOnSignal(createLogger("cart"), subgraph.stop);
