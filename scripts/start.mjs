#!/usr/bin/env node
// `npm start`: build, apply local migrations, then `wrangler dev` with the queue consumer, the
// cron trigger (fire it with /__scheduled) and the built-in NinjaOne simulator.
// PORT=9000 npm start serves on another port.
import { spawn, spawnSync } from "node:child_process";
import { localVars, varArgs } from "./local-vars.mjs";

const port = Number(process.env.PORT) || 8787;
const run = (cmd, args) => {
  const res = spawnSync(cmd, args, { stdio: "inherit" });
  if (res.status !== 0) process.exit(res.status ?? 1);
};
run("npm", ["run", "build"]);
run("npx", ["wrangler", "d1", "migrations", "apply", "DB", "--local"]);
const child = spawn(
  "npx",
  ["wrangler", "dev", "--port", String(port), "--test-scheduled", ...varArgs(localVars(`http://localhost:${port}`))],
  { stdio: "inherit" },
);
child.on("exit", (code) => process.exit(code ?? 0));
