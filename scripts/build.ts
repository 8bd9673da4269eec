/**
 * `npm run build`: compiles the gateway, every subgraph and the database preparation into plain JavaScript, each in
 * its workspace's `dist/` (scripts/lib/build.ts). Production runs these with `node`; `npm start` keeps using tsx.
 */
import { build, BUILD_ENTRIES } from "./lib/build";

const startedAt = Date.now();
try {
  await build();
  const seconds = ((Date.now() - startedAt) / 1000).toFixed(1);
  console.log(`Built ${BUILD_ENTRIES.map((entry) => entry.output).join(", ")} in ${seconds}s.`);
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
