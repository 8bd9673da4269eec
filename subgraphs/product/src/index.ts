import { createLogger, loadConfig, stopOnSignal } from "@shop/runtime";
import { startProductSubgraph } from "./app";

const subgraph = await startProductSubgraph(loadConfig());
stopOnSignal(createLogger("product"), subgraph.stop);
