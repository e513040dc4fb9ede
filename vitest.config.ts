import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import path from "node:path";
import { defineConfig } from "vitest/config";
import { localVars } from "./scripts/local-vars.mjs";

const alias = {
  "~": path.resolve(__dirname, "app"),
  "@workers": path.resolve(__dirname, "workers"),
  "virtual:remix-build": path.resolve(__dirname, "build/server/index.js"),
};

export default defineConfig(async () => {
  const migrations = await readD1Migrations(path.join(__dirname, "migrations"));
  return {
    test: {
      projects: [
        {
          resolve: { alias },
          test: { name: "unit", include: ["test/unit/**/*.test.ts"], environment: "node", testTimeout: 30_000 },
        },
        {
          resolve: { alias },
          test: {
            name: "e2e",
            include: ["test/e2e/**/*.test.ts"],
            environment: "node",
            testTimeout: 120_000,
            hookTimeout: 60_000,
            fileParallelism: false,
          },
        },
        {
          resolve: { alias },
          plugins: [
            cloudflareTest({
              wrangler: { configPath: "./wrangler.toml" },
              miniflare: {
                // Worker tests run as a local deployment would: simulator on, dev key.
                bindings: { TEST_MIGRATIONS: migrations, ...localVars("http://localhost:8787") },
              },
            }),
          ],
          test: {
            name: "worker",
            include: ["test/worker/**/*.test.ts"],
            // Generous: a shared 2-core machine can make a D1-heavy test take 5-10 s; a hang still fails.
            testTimeout: 30_000,
            setupFiles: ["./test/worker/apply-migrations.ts"],
            deps: {
              optimizer: {
                ssr: { enabled: true, include: ["@remix-run/cloudflare", "@remix-run/server-runtime"] },
              },
            },
          },
        },
      ],
    },
  };
});
