import { createLogger, loadConfig, stopOnSignal } from "@shop/runtime";
import { startOrderSubgraph } from "./app";

const subgraph = await startOrderSubgraph(loadConfig());
stopOnSignal(createLogger("order"), subgraph.stop);
