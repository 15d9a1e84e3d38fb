import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

// `npm run dev` serves the portal with hot reload and forwards the API to a
// running keyward-gateway (KEYWARD_GATEWAY_URL, default scripts/run's).
const gateway = process.env.KEYWARD_GATEWAY_URL ?? "http://127.0.0.1:8080";

export default defineConfig({
  plugins: [react()],
  build: {
    outDir: "dist",
    // Everything is bundled: the gateway's Content-Security-Policy allows
    // scripts, styles and images from its own origin only.
    assetsInlineLimit: 0,
    sourcemap: false,
  },
  server: {
    proxy: {
      "/v1": gateway,
      "/openapi.json": gateway,
    },
  },
});
