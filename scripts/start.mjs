#!/usr/bin/env node
// `npm start`: build, apply local migrations, then `wrangler dev` with the queue consumer, the
// cron trigger (fire it with /__scheduled) and the built-in NinjaOne simulator.
// PORT=9000 npm start serves on another port.
import { spawn, spawnSync } from "node:child_process";
import { localVars, quietWranglerEnv, varArgs } from "./local-vars.mjs";

const port = Number(process.env.PORT) || 8787;
// Local runs are offline-friendly: wrangler would fetch a sample `Request.cf` object from
// workers.cloudflare.com and print a DNS stack trace when that fails; the placeholder it falls
// back to is what we use anyway. No usage metrics either.
const env = { ...process.env, ...quietWranglerEnv };
const run = (cmd, args) => {
  const res = spawnSync(cmd, args, { stdio: "inherit", env });
  if (res.status !== 0) process.exit(res.status ?? 1);
};
// The build prints warnings and errors only (its per-file size table is for `npm run build`).
console.log("Building…");
run("npx", ["remix", "vite:build", "--logLevel", "warn"]);
run("npx", ["wrangler", "d1", "migrations", "apply", "DB", "--local"]);
const child = spawn(
  "npx",
  ["wrangler", "dev", "--port", String(port), "--test-scheduled", ...varArgs(localVars(`http://localhost:${port}`))],
  { stdio: "inherit", env },
);
child.on("exit", (code) => process.exit(code ?? 0));
