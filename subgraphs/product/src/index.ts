import { createLogger, loadConfig, stopOnSignal } from "@shop/runtime";
import { startProductSubgraph } from "./app";

const config = loadConfig();
const subgraph = await startProductSubgraph(config);
stopOnSignal(createLogger("product"), subgraph.stop, config.shutdownGraceMs);
