// The reads benchmark (issue 14): Reports, the assets list (each filter and sort, a cursor page,
// search), an asset page, the EOL page and the customer-filtered lists, at 100,000 assets and
// 4,000 customers. Called by scripts/bench.mjs after its 100,000-device sync, and by
// scripts/bench/reads-dev.mjs on its own.
//
// It assumes the signed-in workspace (`cookie`, the session cookie header value for `base`)
// already holds the synced NinjaOne fleet. It builds the customers itself: one per NinjaOne
// organization through "Create customers for all unmatched organizations" (the simulator has
// 4,000 organizations at 100,000 devices, so the assets spread over them as the fleet does),
// then plain customers up to `customers` if the fleet had fewer organizations.
//
// Time measured: server time, from the `Server-Timing: app;dur=` header the Worker adds to every
// page (workers/app.ts: Remix's loaders and the document's shell render, up to the response
// head); pages without it fall back to the wall time. The wall time (request sent → last byte of
// the document over loopback HTTP to `wrangler dev`, which adds its own proxy) is reported beside
// it, and the render part of the server time (`Server-Timing: render;dur=` from
// app/entry.server.tsx: React's shell render of the document) after it. Each page is fetched twice
// to warm up, then `runs` times.
import { appClient, form, quantile } from "./harness.mjs";

export const CREATE_CUSTOMERS = "/settings/integrations/ninjaone/mappings/create-customers";

/** @returns {Promise<Array<{ page: string, p50Ms: number, p95Ms: number, wallP50Ms: number, wallP95Ms: number, bytes: number }>>} */
export async function benchReads({ base, cookie, log = console.log, customers: targetCustomers = 4000, runs = 20, only, onCustomersBuilt, existingCustomers = 0, mapOrganizations = true }) {
  const client = appClient(base, cookie);
  const get = async (pathname) => {
    const started = performance.now();
    const res = await client.app(pathname);
    const body = await res.text();
    const wallMs = performance.now() - started;
    if (res.status !== 200) throw new Error(`GET ${pathname} answered ${res.status}: ${body.slice(0, 300)}`);
    const serverMs = Number(/\bapp;dur=([\d.]+)/.exec(res.headers.get("Server-Timing") ?? "")?.[1] ?? NaN);
    const renderMs = Number(/\brender;dur=([\d.]+)/.exec(res.headers.get("Server-Timing") ?? "")?.[1] ?? NaN);
    return { ms: Number.isNaN(serverMs) ? wallMs : serverMs, wallMs, renderMs, body, bytes: Buffer.byteLength(body) };
  };

  if (targetCustomers > 0) await buildCustomers(client, targetCustomers, existingCustomers, mapOrganizations, log);
  onCustomersBuilt?.();

  const variants = await readVariants(get);

  const results = [];
  for (const [page, pathname] of variants) {
    if (only && !only.test(page)) continue;
    await get(pathname);
    const { bytes } = await get(pathname);
    const times = [];
    const walls = [];
    const renders = [];
    for (let i = 0; i < runs; i++) {
      const { ms, wallMs, renderMs } = await get(pathname);
      times.push(ms);
      walls.push(wallMs);
      if (!Number.isNaN(renderMs)) renders.push(renderMs);
    }
    const row = { page, p50Ms: round(quantile(times, 0.5)), p95Ms: round(quantile(times, 0.95)), wallP50Ms: round(quantile(walls, 0.5)), wallP95Ms: round(quantile(walls, 0.95)), bytes };
    // The render part of the server time (`Server-Timing: render;dur=`, app/entry.server.tsx).
    const render = renders.length ? `   render p50 ${String(round(quantile(renders, 0.5))).padStart(5)} ms` : "";
    log(
      `  ${page.padEnd(40)} server p50 ${String(row.p50Ms).padStart(6)} ms  p95 ${String(row.p95Ms).padStart(6)} ms` +
        `   wall p50 ${String(row.wallP50Ms).padStart(6)} ms  p95 ${String(row.wallP95Ms).padStart(6)} ms  ${(bytes / 1024).toFixed(0).padStart(5)} KB${render}`,
    );
    results.push(row);
  }
  return results;
}

/**
 * The page variants measured, as [label, path]: the ids they need (the customer with most
 * devices, one asset, a next-page cursor, a piece of a name, a serial) are read from the pages
 * through `get(pathname)` → { body }. Also used by scripts/bench/reads-ab.mjs.
 * @param {(pathname: string) => Promise<{ body: string }>} get
 * @returns {Promise<Array<[string, string]>>}
 */
export async function readVariants(get) {
  // Ids the page variants need: the customer with most devices, one asset, a next-page cursor.
  const reports = await get("/reports");
  const bigCustomer = /href="\/assets\?[^"]*customerId=([0-9a-f]{8}-[0-9a-f-]{27})/.exec(reports.body)?.[1];
  if (!bigCustomer) throw new Error("no customer with devices on the Reports page: did the customers get their organizations?");
  const list = await get("/assets");
  const assetId = /href="\/assets\/([0-9a-zA-Z-]{20,})"/.exec(list.body)?.[1];
  const nextCursor = /href="[^"]*[?&](after=[^"&]+)[^"]*"[^>]*>Next page/.exec(list.body)?.[1];
  if (!assetId || !nextCursor) throw new Error("the assets list shows no asset or no next page");
  const someName = /href="\/assets\/[0-9a-zA-Z-]{20,}"[^>]*>([^<]+)</.exec(list.body)?.[1] ?? "";
  // A piece from inside a name (not its start) and a serial as the list shows them.
  const inside = someName.length > 5 ? someName.slice(2, 6) : someName;
  const serial = /<td[^>]*font-mono[^>]*>([A-Z0-9-]{5,})</.exec(list.body)?.[1] ?? "X";

  const customerPage = (cursorless) => `/assets?customerId=${bigCustomer}${cursorless}`;
  const variants = [
    ["assets", "/assets"],
    ["assets sort=-name", "/assets?sort=-name"],
    ["assets sort=created", "/assets?sort=created"],
    ["assets sort=-created", "/assets?sort=-created"],
    ["assets sort=updated", "/assets?sort=updated"],
    ["assets sort=-updated", "/assets?sort=-updated"],
    ["assets next page", `/assets?${nextCursor}`],
    ["assets customer", customerPage("")],
    ["assets customer sort=-created", customerPage("&sort=-created")],
    ["assets no customer", "/assets?customerId=unassigned"],
    ["assets no contact sort=-updated", "/assets?contactId=unassigned&sort=-updated"],
    ["assets category=Server", "/assets?category=Server"],
    ["assets category=Server sort=-updated", "/assets?category=Server&sort=-updated"],
    ["assets status=retired", "/assets?status=retired"],
    ["assets status=retired sort=-created", "/assets?status=retired&sort=-created"],
    ["assets source=manual", "/assets?source=manual"],
    ["assets source=ninjaone sort=-created", "/assets?source=ninjaone&sort=-created"],
    ["assets online=offline", "/assets?online=offline"],
    ["assets online=offline sort=-updated", "/assets?online=offline&sort=-updated"],
    ["assets age=5+", "/assets?source=ninjaone&age=5%2B"],
    ["assets warranty=expiring", "/assets?source=ninjaone&warranty=expiring"],
    ["assets search inside names", `/assets?q=${encodeURIComponent(inside)}`],
    ["assets search serial", `/assets?q=${encodeURIComponent(serial)}`],
    ["assets search + customer", `${customerPage("")}&q=${encodeURIComponent(inside.slice(0, 3))}`],
    ["assets columns os+warranty end", "/assets?cols=1&os=1&wend=1"],
    ["asset page", `/assets/${assetId}`],
    ["EOL page", "/assets/eol"],
    ["contacts (customer filter)", `/contacts?customerId=${bigCustomer}`],
    // Last: Reports keep their figures until an asset changes, and not within 15 s of a change
    // (building the customers just moved assets).
    ["reports", "/reports"],
    ["reports (customer)", `/reports?customerId=${bigCustomer}`],
    ["reports (offline laptops)", "/reports?category=Workstation&online=offline"],
  ];
  return variants;
}

const round = (ms) => Math.round(ms * 10) / 10;

/**
 * "Create customers for all unmatched organizations" as a person uses it: open the preview, press
 * Create with every organization ticked (Tick all posts the preview's fingerprint), and post again
 * while the page answers with progress (a large run stops after a time budget and continues), as
 * the page itself does. Returns { created, mapped, moved, posts }.
 */
export async function createCustomersForAllOrganizations(client, { log = () => {}, timeoutMs = 120_000 } = {}) {
  let before = "0.0.0";
  for (let posts = 1; posts <= 100; posts++) {
    const preview = await client.app(CREATE_CUSTOMERS, { signal: AbortSignal.timeout(timeoutMs) });
    if (preview.status !== 200) throw new Error(`create-customers preview answered ${preview.status}`);
    const html = await preview.text();
    const tag = [...html.matchAll(/<input[^>]*>/g)].map((m) => m[0]).find((t) => t.includes(' name="fingerprint"'));
    const fingerprint = tag && /\svalue="([0-9a-f]+)"/.exec(tag)?.[1];
    const creatable = Number((/data-testid="bulk-create-counts">([\d,]+) organization/.exec(html)?.[1] ?? "0").replace(/,/g, ""));
    if (!fingerprint || creatable === 0) return { created: 0, mapped: 0, moved: 0, posts: posts - 1 }; // nothing left to create
    const started = performance.now();
    const res = await client.app(CREATE_CUSTOMERS, { ...form({ all: "1", fingerprint, skip: "", shown: "", before }), signal: AbortSignal.timeout(timeoutMs) });
    const seconds = ((performance.now() - started) / 1000).toFixed(2);
    if (res.status === 302) {
      const [, mapped, , created, moved] = (new URL(res.headers.get("Location") ?? "", "http://x").searchParams.get("saved") ?? "0.0.0.0.0").split(".").map(Number);
      log(`  create-customers: done in ${seconds} s (${mapped} organizations, ${created} customers, ${moved} devices moved in all)`);
      return { created, mapped, moved, posts };
    }
    const body = await res.text();
    if (res.status !== 200) throw new Error(`create-customers answered ${res.status}: ${(/role="alert"[^>]*>([^<]*)/.exec(body)?.[1] ?? body.slice(0, 300))}`);
    const progress = /data-testid="bulk-create-progress">([\d,]+) organizations? mapped to ([\d,]+) new customers? so far \(([\d,]+) devices? moved\)/.exec(body);
    if (!progress) throw new Error("create-customers answered 200 without progress");
    const [mapped, created, moved] = [progress[1], progress[2], progress[3]].map((n) => Number(n.replace(/,/g, "")));
    before = `${mapped}.${created}.${moved}`;
    log(`  create-customers: ${mapped} organizations so far, post ${posts} took ${seconds} s`);
  }
  throw new Error("create-customers did not finish in 100 posts");
}

/**
 * One customer per NinjaOne organization (mapped, its devices moved under it), then plain ones up
 * to `target` (counting `existing` ones). A create that fails ends the mapping part: the rest are
 * plain customers.
 */
async function buildCustomers(client, target, existing, mapOrganizations, log) {
  const started = performance.now();
  let mapped = 0;
  if (mapOrganizations) {
    try {
      mapped = (await createCustomersForAllOrganizations(client, { log })).created;
    } catch (error) {
      log(`  create-customers failed (${error instanceof Error ? error.message : error}); making plain customers instead`);
      // What the failed run made before it failed still counts (as mapped organizations: close enough).
      const page = await (await client.app("/settings/integrations/ninjaone/mappings")).text();
      mapped = Number((/data-testid="count-mapped"[^>]*>([\d,]+)</.exec(page)?.[1] ?? "0").replace(/,/g, ""));
    }
  }
  // Top up with plain customers (no devices) to the target.
  let plain = 0;
  const queue = Array.from({ length: Math.max(0, target - existing - mapped) }, (_, i) => `Bench Customer ${existing + mapped + i + 1}`);
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      for (let name = queue.shift(); name; name = queue.shift()) {
        const res = await client.app("/customers/new", form({ name, duplicateOk: "on" }));
        if (res.status !== 302) throw new Error(`New customer answered ${res.status}`);
        plain++;
      }
    }),
  );
  log(`  customers: ${mapped.toLocaleString("en-US")} made for organizations, ${plain.toLocaleString("en-US")} plain, ${existing.toLocaleString("en-US")} there before (${((performance.now() - started) / 1000).toFixed(1)} s)`);
}
