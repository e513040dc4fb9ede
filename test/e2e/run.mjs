#!/usr/bin/env node
// End-to-end layer: start the built Worker under `wrangler dev` (fresh local D1/KV/Queues in a
// temporary directory), run the browser tests against it with Debian's Chromium, stop it.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { localVars, quietWranglerEnv, varArgs } from "../../scripts/local-vars.mjs";

const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
if (!existsSync(CHROMIUM)) {
  console.error(
    `\nE2E: Chromium not found at ${CHROMIUM}.\n` +
      "Install Debian's Chromium with `sudo apt-get install -y chromium` (or set CHROMIUM_PATH), then run `npm run test:e2e` again.\n",
  );
  process.exit(1);
}
if (!existsSync("build/server/index.js")) {
  console.error("E2E: no build found. Run `npm run build` first (npm test does this for you).");
  process.exit(1);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });
}

const port = Number(process.env.E2E_PORT) || (await freePort());
const persist = mkdtempSync(path.join(os.tmpdir(), "core-e2e-"));
const baseUrl = `http://localhost:${port}`;

const migrate = spawnSync("npx", ["wrangler", "d1", "migrations", "apply", "DB", "--local", "--persist-to", persist], {
  stdio: ["ignore", "pipe", "pipe"],
  encoding: "utf8",
});
if (migrate.status !== 0) {
  console.error(migrate.stdout, migrate.stderr);
  process.exit(1);
}

const wrangler = spawn(
  "npx",
  [
    "wrangler", "dev", "--port", String(port), "--ip", "127.0.0.1", "--persist-to", persist, "--test-scheduled",
    ...varArgs(localVars(baseUrl)), "--var", "TEST_CLOCK:on", "--show-interactive-dev-session=false",
  ],
  { stdio: ["ignore", "pipe", "pipe"], detached: true, env: { ...process.env, ...quietWranglerEnv } },
);
let log = "";
wrangler.stdout.on("data", (d) => (log += d));
wrangler.stderr.on("data", (d) => (log += d));

function stop() {
  try {
    process.kill(-wrangler.pid, "SIGTERM");
  } catch {}
}
process.on("exit", stop);
process.on("SIGINT", () => process.exit(130));

const deadline = Date.now() + 90_000;
let ready = false;
while (Date.now() < deadline) {
  try {
    const res = await fetch(`${baseUrl}/login`);
    if (res.status === 200) {
      ready = true;
      break;
    }
  } catch {}
  if (wrangler.exitCode !== null) break;
  await new Promise((r) => setTimeout(r, 500));
}
if (!ready) {
  console.error("E2E: wrangler dev did not become ready.\n" + log.slice(-4000));
  stop();
  process.exit(1);
}

// One run of the browser tests; the JSON report says which files failed.
function runVitest(files, attempt) {
  const report = path.join(persist, `vitest-report-${attempt}.json`);
  const result = spawnSync(
    "npx",
    ["vitest", "run", "--project", "e2e", "--reporter=default", "--reporter=json", `--outputFile.json=${report}`, ...files],
    { stdio: "inherit", env: { ...process.env, E2E_BASE_URL: baseUrl, CHROMIUM_PATH: CHROMIUM } },
  );
  let failed = [];
  try {
    const json = JSON.parse(readFileSync(report, "utf8"));
    failed = json.testResults.filter((file) => file.status !== "passed").map((file) => path.relative(process.cwd(), file.name));
  } catch {}
  return { status: result.status ?? 1, failed };
}

// The e2e layer shares one `wrangler dev` between files, and on 2 busy cores workerd now and then
// answers 503 while it restarts an isolate. A file that fails is run once more, on its own, and
// both outcomes are printed: a real regression fails twice and still fails the run.
let { status, failed } = runVitest(process.argv.slice(2), 1);
if (status !== 0 && failed.length > 0 && !process.env.E2E_NO_RETRY) {
  console.error(`\nE2E: ${failed.length} file(s) failed; running them once more on their own: ${failed.join(", ")}\n`);
  ({ status } = runVitest(failed, 2));
  console.error(status === 0 ? `E2E: passed on the second attempt (flaky, see the first failure above): ${failed.join(", ")}` : "E2E: failed twice.");
}
stop();
if (status !== 0) console.error("E2E: the tail of wrangler dev's log:\n" + log.slice(-8000));
rmSync(persist, { recursive: true, force: true });
process.exit(status);
