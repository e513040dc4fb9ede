import { vitePlugin as remix, cloudflareDevProxyVitePlugin } from "@remix-run/dev";
import tailwindcss from "@tailwindcss/vite";
import { defineConfig } from "vite";
import tsconfigPaths from "vite-tsconfig-paths";

declare module "@remix-run/cloudflare" {
  interface Future {
    v3_singleFetch: true;
  }
}

// Rollup notices that are expected and say nothing actionable: resource routes (no UI) get empty
// client chunks, and zod's sources carry /* @__PURE__ */ comments in places Rollup ignores.
const QUIET_WARNINGS = new Set(["EMPTY_BUNDLE", "INVALID_ANNOTATION"]);

export default defineConfig(({ command }) => ({
  plugins: [
    // Only `vite dev` needs the Cloudflare platform proxy; in `vite build` it starts a local
    // workerd that prints Durable Object warnings about bindings a build never uses.
    command === "serve" ? cloudflareDevProxyVitePlugin() : null,
    remix({
      future: {
        v3_fetcherPersist: true,
        v3_relativeSplatPath: true,
        v3_throwAbortReason: true,
        v3_singleFetch: true,
        v3_lazyRouteDiscovery: true,
      },
    }),
    tailwindcss(),
    tsconfigPaths(),
  ],
  ssr: {
    resolve: { conditions: ["workerd", "worker", "browser"], externalConditions: ["workerd", "worker"] },
  },
  resolve: { mainFields: ["browser", "module", "main"] },
  // Server code may import workerd's built-in modules (the simulator's Durable Object base class);
  // wrangler resolves them when it bundles the Worker.
  build: {
    minify: true,
    rollupOptions: {
      external: [/^cloudflare:/],
      onwarn(warning, warn) {
        if (warning.code && QUIET_WARNINGS.has(warning.code)) return;
        warn(warning);
      },
    },
  },
}));
