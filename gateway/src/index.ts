import { createLogger, loadConfig, stopOnSignal } from "@shop/runtime";
import { startGateway } from "./app";

const config = loadConfig();
const gateway = await startGateway(config);
stopOnSignal(createLogger("gateway"), gateway.stop, config.shutdownGraceMs);
