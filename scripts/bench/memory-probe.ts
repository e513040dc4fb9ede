// Peak memory of one devices message, replayed under Node (npm run bench runs it; or by hand:
// `node --max-old-space-size=128 --expose-gc --import tsx scripts/bench/memory-probe.ts <simulator origin> <client id> <secret> [pageSize] [pages]`).
// The bench runs it with a Workers isolate's 128 MB heap limit (V8 then collects as workerd's
// isolate would) and, for comparison, under Node's default limit of gigabytes, where garbage piles
// up between major collections.
//
// workerd does not report an isolate's heap, so the bench replays the message's in-memory work with
// the Worker's own modules: the NinjaOne client fetching and validating pages from the simulator,
// the next page fetched while the current one is mapped and turned into rows (as devicesStep
// overlaps them), a first sync's worst case (every device a new asset plus its event), and the
// JSON-packed INSERT statements writeDevicePage sends. D1 itself runs outside the isolate. The heap
// is sampled every 2 ms and after each stage without forcing collection, so garbage not yet
// collected counts too (an upper bound). peakHeapMB is the message's own heap: the peak minus the
// heap after collection before the message (module code, shared by every invocation of the isolate).
// The last line is JSON: {"peakHeapMB", "absolutePeakHeapMB", "baselineHeapMB", "pageSize", "pages"}.
import { schema } from "../../workers/db/client";
import { createNinjaClient } from "../../workers/ninjaone/client";
import { newAssetFor } from "../../workers/sync/asset-sync";
import { insertManyAsJson } from "../../workers/sync/d1-writes";
import { syncedDevice, type DeviceContext } from "../../workers/sync/devices";

const [sim, clientId, clientSecret, pageSizeArg, pagesArg] = process.argv.slice(2);
if (!sim || !clientId || !clientSecret) {
  console.error("usage: memory-probe.ts <simulator origin> <client id> <client secret> [pageSize=1000] [pages=3]");
  process.exit(2);
}
const pageSize = Number(pageSizeArg ?? 1000);
const pages = Number(pagesArg ?? 3);
const gc = (globalThis as { gc?: () => void }).gc;

const tokenResponse = await fetch(`${sim}/ws/oauth/token`, {
  method: "POST",
  body: new URLSearchParams({ grant_type: "client_credentials", client_id: clientId, client_secret: clientSecret, scope: "monitoring" }),
});
const { access_token: token } = (await tokenResponse.json()) as { access_token: string };
const client = createNinjaClient({
  baseUrl: sim,
  fetch: (input, init) => fetch(input, init),
  tokens: { getAccessToken: async () => token, refreshAfterUnauthorized: async () => token },
});
const ctx: DeviceContext = { orgCustomers: new Map(), roleCategory: new Map() };

gc?.();
const baseline = process.memoryUsage().heapUsed;
let peak = baseline;
const sample = () => {
  peak = Math.max(peak, process.memoryUsage().heapUsed);
};
const timer = setInterval(sample, 2);

let after = 0;
let next = client.devicesDetailedPage({ after, pageSize, expand: "warranty" });
for (let i = 0; i < pages; i++) {
  const page = await next;
  sample();
  if (!page.done && i + 1 < pages) next = client.devicesDetailedPage({ after: page.nextAfter, pageSize, expand: "warranty" });
  const creates = page.devices.map((device) => newAssetFor("ws-probe", { ...syncedDevice(device, ctx), rawHash: "0".repeat(16) }, { matchedBy: "created", reason: "created: probe" }, "run-probe", Date.now()));
  sample();
  const statements = [
    ...insertManyAsJson(schema.assets, creates.map((c) => c.row)),
    ...insertManyAsJson(schema.assetEvents, creates.map((c) => c.event)),
  ].map((s) => s.toSQL());
  sample();
  if (statements.length === 0 && page.devices.length > 0) throw new Error("no statements built");
  await new Promise((r) => setTimeout(r, 5)); // the write's round trip: the prefetch lands meanwhile
  sample();
  if (page.done) break;
  after = page.nextAfter;
}
clearInterval(timer);
const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
console.log(JSON.stringify({ peakHeapMB: mb(peak - baseline), absolutePeakHeapMB: mb(peak), baselineHeapMB: mb(baseline), pageSize, pages }));
