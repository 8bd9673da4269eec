import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// The gateway's URL is not baked in: the server that serves dist/ answers /config.json (scripts/lib/web-server.ts), so
// one build runs against any gateway (npm start's, a test stack's).
export default defineConfig({
  plugins: [react()],
  server: { port: 3000 },
  preview: { port: 3000 },
  build: {
    // GraphiQL's editor is one large lazy chunk on /explorer only; the storefront's first load is what we watch.
    chunkSizeWarningLimit: 4000,
  },
});
