import { createLogger, loadConfig, stopOnSignal } from "@shop/runtime";
import { startGateway } from "./app";

const gateway = await startGateway(loadConfig());
stopOnSignal(createLogger("gateway"), gateway.stop);
