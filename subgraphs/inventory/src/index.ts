import { createLogger, loadConfig, stopOnSignal } from "@shop/runtime";
import { startInventorySubgraph } from "./app";

const subgraph = await startInventorySubgraph(loadConfig());
stopOnSignal(createLogger("inventory"), subgraph.stop);
