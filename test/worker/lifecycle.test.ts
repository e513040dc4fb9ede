// Replacement policies (inheritance, validation, permissions, history), the EOL recommendations
// API and page, and the CSV exports, through the real Worker.
import { describe, expect, it } from "vitest";
import { listPolicyEvents } from "@workers/db/replacement-policies";
import { addApiKey, addAssets, addCustomer, api, assetRow, ninjaAssetRow } from "./asset-fixtures";
import { addUser, appFetch, db, makeWorkspace, postForm } from "./helpers";

type ErrorBody = { error: { code: string; fields?: Record<string, string[]> } };
type Policy = { category: string; maxAgeMonths: number; warningMonths: number; replacementCost: number | null; source: string; inherited: boolean };
type PoliciesBody = { data: { customerId: string | null; policies: Policy[]; customersWithOverrides?: string[] }; changed?: string[] };
type EolItem = { assetId: string; name: string; classification: string; dueDate: string | null; monthsOverdue: number | null; policy: { source: string; maxAgeMonths: number }; age: { basis: string; estimate: boolean } | null };
type EolBody = { data: EolItem[]; nextCursor: string | null };

const isoDaysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
const policyOf = (body: PoliciesBody, category: string) => body.data.policies.find((p) => p.category === category)!;

async function setup() {
  const ws = await makeWorkspace("owner");
  const [admin, manager, observer, technician] = await Promise.all(
    (["admin", "manager", "observer", "technician"] as const).map((r) => addApiKey(ws.workspaceId, r)),
  );
  return { ...ws, admin, manager, observer, technician };
}

describe("replacement policies API", () => {
  it("reads Core's prefilled defaults for every category with reports:view; others are refused", async () => {
    const { observer, technician } = await setup();
    const res = await api("/replacement-policies", observer);
    expect(res.status).toBe(200);
    const body: PoliciesBody = await res.json();
    expect(body.data.policies).toHaveLength(9);
    expect(policyOf(body, "Workstation")).toEqual({ category: "Workstation", maxAgeMonths: 48, warningMonths: 42, replacementCost: null, source: "default", inherited: false });
    expect(policyOf(body, "Server")).toMatchObject({ maxAgeMonths: 60 });
    expect((await api("/replacement-policies", technician)).status).toBe(403);
    expect((await api("/replacement-policies", null)).status).toBe(401);
  });

  it("changes only with integrations:manage, validates every field, and saves nothing when one is wrong", async () => {
    const { workspaceId, admin, manager, observer } = await setup();
    const put = (key: string, json: unknown) => api("/replacement-policies", key, { method: "PUT", json });
    const good = { policies: [{ category: "Workstation", maxAgeMonths: 36, warningMonths: 30, replacementCost: 1200.5 }] };
    expect((await put(manager, good)).status).toBe(403);
    expect((await put(observer, good)).status).toBe(403);

    const bad = await put(admin, {
      policies: [
        { category: "Workstation", maxAgeMonths: 36, warningMonths: 30 },
        { category: "Server", maxAgeMonths: 60, warningMonths: 60 },
        { category: "Mac", maxAgeMonths: 241, warningMonths: 12 },
        { category: "Other", maxAgeMonths: 12, warningMonths: 6, replacementCost: -1 },
        { category: "Spaceship", maxAgeMonths: 12, warningMonths: 6 },
      ],
    });
    expect(bad.status).toBe(422);
    const fields = ((await bad.json()) as ErrorBody).error.fields!;
    expect(fields["policies.1.warningMonths"]).toEqual(["Warning threshold must be below the maximum age."]);
    expect(fields["policies.2.maxAgeMonths"]).toEqual(["Maximum age must be a whole number of months from 1 to 240."]);
    expect(fields["policies.3.replacementCost"]).toEqual(["Replacement cost must be 0 or more."]);
    expect(fields["policies.4.category"]).toBeDefined();
    expect(policyOf(await (await api("/replacement-policies", observer)).json(), "Workstation").source).toBe("default");
    expect((await api("/replacement-policies", admin, { method: "PUT", body: "{", headers: { "Content-Type": "application/json" } })).status).toBe(400);

    const saved = await put(admin, good);
    expect(saved.status).toBe(200);
    const body: PoliciesBody = await saved.json();
    expect(body.changed).toEqual(["Workstation"]);
    expect(policyOf(body, "Workstation")).toMatchObject({ maxAgeMonths: 36, warningMonths: 30, replacementCost: 1200.5, source: "global" });
    // Who changed what is recorded; saving the same values again records nothing.
    expect(((await (await put(admin, good)).json()) as PoliciesBody).changed).toEqual([]);
    const events = await listPolicyEvents(db(), workspaceId);
    expect(events).toHaveLength(1);
    expect(events[0].actor).toMatch(/^apikey:/);
    expect(JSON.parse(events[0].changes)).toEqual({ Workstation: [null, { maxAgeMonths: 36, warningMonths: 30, replacementCostCents: 120050 }] });
  });

  it("lets a customer override some categories and inherit the rest; inherit: true removes an override", async () => {
    const { workspaceId, admin, observer } = await setup();
    const acme = await addCustomer(workspaceId, "Acme");
    await api("/replacement-policies", admin, { method: "PUT", json: { policies: [{ category: "Server", maxAgeMonths: 72, warningMonths: 66 }] } });
    const res = await api("/replacement-policies", admin, {
      method: "PUT",
      json: { customerId: acme, policies: [{ category: "Workstation", maxAgeMonths: 24, warningMonths: 18, replacementCost: 900 }] },
    });
    expect(res.status).toBe(200);
    const own: PoliciesBody = await (await api(`/replacement-policies?customerId=${acme}`, observer)).json();
    expect(policyOf(own, "Workstation")).toMatchObject({ maxAgeMonths: 24, source: "customer", inherited: false, replacementCost: 900 });
    expect(policyOf(own, "Server")).toMatchObject({ maxAgeMonths: 72, source: "global", inherited: true });
    expect(policyOf(own, "Mac")).toMatchObject({ maxAgeMonths: 48, source: "default", inherited: true });
    const global: PoliciesBody = await (await api("/replacement-policies", observer)).json();
    expect(policyOf(global, "Workstation").maxAgeMonths).toBe(48);
    expect(global.data.customersWithOverrides).toEqual([acme]);

    await api("/replacement-policies", admin, { method: "PUT", json: { customerId: acme, policies: [{ category: "Workstation", inherit: true }] } });
    const after: PoliciesBody = await (await api(`/replacement-policies?customerId=${acme}`, observer)).json();
    expect(policyOf(after, "Workstation")).toMatchObject({ maxAgeMonths: 48, inherited: true });

    const other = await makeWorkspace("owner");
    const foreign = await addCustomer(other.workspaceId, "Not yours");
    const refused = await api("/replacement-policies", admin, { method: "PUT", json: { customerId: foreign, policies: [{ category: "Mac", maxAgeMonths: 24, warningMonths: 12 }] } });
    expect(refused.status).toBe(422);
    expect(((await refused.json()) as ErrorBody).error.fields).toHaveProperty("customerId");
    expect((await api(`/replacement-policies?customerId=${foreign}`, observer)).status).toBe(404);
  });
});

describe("EOL recommendations API", () => {
  it("classifies with the customer's policy at once, filters and pages with a cursor", async () => {
    const { workspaceId, admin, observer, technician } = await setup();
    const acme = await addCustomer(workspaceId, "Acme");
    const rows = [
      assetRow(workspaceId, { name: "OLD-PC", customerId: acme, purchaseDate: isoDaysAgo(30 * 30) }), // ~30 months
      ninjaAssetRow(workspaceId, { name: "NEW-PC", customerId: acme, ninjaCreatedAt: Date.now() - 10 * 86_400_000 }),
      assetRow(workspaceId, { name: "ANCIENT-SERVER", category: "Server", purchaseDate: isoDaysAgo(365 * 7) }),
      assetRow(workspaceId, { name: "NO-DATE", category: "Mac" }),
      assetRow(workspaceId, { name: "RETIRED", status: "retired", purchaseDate: isoDaysAgo(365 * 9) }),
    ];
    for (let i = 0; i < 12; i++) rows.push(assetRow(workspaceId, { name: `FILL-${i}`, purchaseDate: isoDaysAgo(100 + i) }));
    await addAssets(rows);
    const list = async (qs: string) => ((await (await api(`/eol-recommendations?${qs}`, observer)).json()) as EolBody).data;

    const acmeRows = await list(`customerId=${acme}`);
    expect(acmeRows.map((r) => [r.name, r.classification])).toEqual([
      ["OLD-PC", "compliant"],
      ["NEW-PC", "compliant"],
    ]);
    expect(acmeRows[1].age).toMatchObject({ basis: "ninja_first_seen", estimate: true });

    await api("/replacement-policies", admin, { method: "PUT", json: { customerId: acme, policies: [{ category: "Workstation", maxAgeMonths: 24, warningMonths: 12 }] } });
    const moved = await list(`customerId=${acme}&classification=overdue`);
    expect(moved.map((r) => r.name)).toEqual(["OLD-PC"]);
    expect(moved[0].policy).toMatchObject({ source: "customer", maxAgeMonths: 24 });
    expect(moved[0].monthsOverdue).toBeGreaterThanOrEqual(5);

    expect((await list("classification=overdue")).map((r) => r.name)).toEqual(["ANCIENT-SERVER", "OLD-PC"]);
    expect((await list("classification=unknown")).map((r) => r.name)).toEqual(["NO-DATE"]);
    expect((await list("category=Server")).map((r) => r.name)).toEqual(["ANCIENT-SERVER"]);
    expect((await list("online=online")).map((r) => r.name)).toEqual(["NEW-PC"]);

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await api(`/eol-recommendations?limit=5${cursor ? `&cursor=${cursor}` : ""}`, observer);
      expect(res.status).toBe(200);
      const body: EolBody = await res.json();
      seen.push(...body.data.map((r) => r.name));
      cursor = body.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(4);
    expect(seen).toHaveLength(16);
    expect(seen).not.toContain("RETIRED");
    expect(seen[0]).toBe("ANCIENT-SERVER");
    expect(seen[seen.length - 1]).toBe("NO-DATE");

    expect((await api("/eol-recommendations?classification=doomed", observer)).status).toBe(400);
    expect((await api("/eol-recommendations?cursor=nonsense", observer)).status).toBe(400);
    expect((await api("/eol-recommendations", technician)).status).toBe(403);
  });

  it("is in the OpenAPI document", async () => {
    const { observer } = await setup();
    const doc = (await (await api("/openapi.json", observer)).json()) as { paths: Record<string, Record<string, unknown>> };
    expect(Object.keys(doc.paths["/replacement-policies"]).sort()).toEqual(["get", "put"]);
    expect(Object.keys(doc.paths["/eol-recommendations"])).toEqual(["get"]);
  });
});

describe("Manage Replacement Policies page", () => {
  const PAGE = "/settings/integrations/ninjaone/replacement-policies";

  it("shows errors beside the fields and saves nothing; saves and records the user; observers read only", async () => {
    const owner = await makeWorkspace("owner");
    const acme = await addCustomer(owner.workspaceId, "Acme");
    const bad = await postForm(PAGE, { customerId: acme, "Workstation.override": "on", "Workstation.maxAgeMonths": "24", "Workstation.warningMonths": "30", "Workstation.replacementCost": "" }, owner.cookie);
    expect(bad.status).toBe(422);
    const html = await bad.text();
    expect(html).toContain('id="Workstation-warningMonths-error"');
    expect(html).toContain("Warning threshold must be below the maximum age.");
    expect(await listPolicyEvents(db(), owner.workspaceId)).toHaveLength(0);

    const ok = await postForm(PAGE, { customerId: acme, "Workstation.override": "on", "Workstation.maxAgeMonths": "24", "Workstation.warningMonths": "18", "Workstation.replacementCost": "850" }, owner.cookie);
    expect(ok.status).toBe(302);
    expect(ok.headers.get("Location")).toBe(`${PAGE}?saved=1&customerId=${acme}`);
    const [event] = await listPolicyEvents(db(), owner.workspaceId, acme);
    expect(event).toMatchObject({ actor: `user:${owner.userId}`, actorName: "owner user" });

    const page = await (await appFetch(`${PAGE}?customerId=${acme}`, { cookie: owner.cookie })).text();
    expect(page).toContain("Acme&#x27;s override");
    expect(page).toContain("Inherited");
    expect(page).toContain("owner user");
    // The "Policy for" picker carries the chosen customer only; others load as the user types.
    await addCustomer(owner.workspaceId, "Zebra Unchosen Ltd");
    expect(await (await appFetch(`${PAGE}?customerId=${acme}`, { cookie: owner.cookie })).text()).not.toContain("Zebra Unchosen");

    const { cookie: observerCookie } = await makeWorkspace("observer");
    const read = await appFetch(PAGE, { cookie: observerCookie });
    expect(read.status).toBe(200);
    expect(await read.text()).toContain("You can read these policies");
    expect((await postForm(PAGE, { "Workstation.maxAgeMonths": "24", "Workstation.warningMonths": "12" }, observerCookie)).status).toBe(403);
    const { cookie: techCookie } = await makeWorkspace("technician");
    expect((await appFetch(PAGE, { cookie: techCookie })).status).toBe(403);
  });
});

describe("EOL Recommendations page and the customer's lifecycle summary", () => {
  it("shows the classifications, the chart and the rows to reports:view", async () => {
    const { workspaceId, cookie } = await makeWorkspace("observer");
    const acme = await addCustomer(workspaceId, "Acme");
    await addAssets([assetRow(workspaceId, { name: "OLD-PC", customerId: acme, purchaseDate: isoDaysAgo(365 * 6) }), assetRow(workspaceId, { name: "NO-DATE", customerId: acme })]);
    const res = await appFetch("/assets/eol", { cookie });
    expect(res.status).toBe(200);
    const html = await res.text();
    for (const text of ["EOL Recommendations", "Replacements due in the next 8 quarters", "OLD-PC", "Overdue", "Age unknown", "from purchase date"]) expect(html).toContain(text);
    const customer = await (await appFetch(`/customers/${acme}`, { cookie })).text();
    expect(customer).toContain("Lifecycle");
    expect(customer).toMatch(/data-testid="lifecycle-overdue"[^>]*>.*?>1</s);
    const { cookie: techCookie } = await makeWorkspace("technician");
    expect((await appFetch("/assets/eol", { cookie: techCookie })).status).toBe(403);
  });

  it("shows an asset's age with its basis and where it stands against its policy", async () => {
    const { workspaceId, cookie } = await makeWorkspace("manager");
    const purchased = new Date();
    purchased.setUTCFullYear(purchased.getUTCFullYear() - 6, purchased.getUTCMonth() - 2, 1);
    const [id] = await addAssets([assetRow(workspaceId, { name: "AGED", purchaseDate: purchased.toISOString().slice(0, 10), ninjaCreatedAt: Date.now() })]);
    const html = await (await appFetch(`/assets/${id}`, { cookie })).text();
    expect(html).toMatch(/data-testid="asset-age"[^>]*>6 y 2 m, from purchase date</);
    expect(html).toMatch(/data-testid="asset-replacement".*?Overdue/s);
  });
});

/** Read a CSV download: checks the UTF-8 byte-order mark, then parses quoted fields and CRLF rows. */
async function readCsv(res: Response): Promise<string[][]> {
  const bytes = new Uint8Array(await res.arrayBuffer());
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return parseCsv(new TextDecoder().decode(bytes.slice(3)));
}

function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") row.push(cell), (cell = "");
    else if (ch === "\r" && text[i + 1] === "\n") row.push(cell), rows.push(row), (row = []), (cell = ""), i++;
    else cell += ch;
  }
  if (cell || row.length) row.push(cell), rows.push(row);
  return rows;
}

describe("CSV exports", () => {
  it("streams the assets list with its filters: header, ISO dates, every page, formulas escaped", async () => {
    const { workspaceId, cookie } = await makeWorkspace("technician");
    const rows = [
      assetRow(workspaceId, { name: "=HYPERLINK(\"http://evil\")", category: "Server", purchaseDate: "2020-02-29" }),
      assetRow(workspaceId, { name: "+SUM(A1)", category: "Server", notes: "x" }),
      assetRow(workspaceId, { name: "-2+3", category: "Server" }),
      assetRow(workspaceId, { name: "@cmd", category: "Server" }),
      assetRow(workspaceId, { name: "Café, \"quoted\"", category: "Server" }),
    ];
    for (let i = 0; i < 1_100; i++) rows.push(assetRow(workspaceId, { name: `BULK-${String(i).padStart(4, "0")}`, category: "Workstation" }));
    await addAssets(rows);

    const res = await appFetch("/exports/assets.csv?category=Server", { cookie });
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("Content-Disposition")).toMatch(/^attachment; filename="assets-\d{4}-\d{2}-\d{2}\.csv"$/);
    const csv = await readCsv(res);
    const header = csv[0];
    expect(header.slice(0, 4)).toEqual(["Asset id", "Name", "Category", "Status"]);
    const names = csv.slice(1).map((r) => r[1]).sort();
    expect(names).toEqual(["'+SUM(A1)", "'-2+3", "'=HYPERLINK(\"http://evil\")", "'@cmd", 'Café, "quoted"'].sort());
    const hyperlink = csv.find((r) => r[1].startsWith("'=HYPERLINK"))!;
    expect(hyperlink[header.indexOf("Purchase date")]).toBe("2020-02-29");
    expect(hyperlink[header.indexOf("Age basis")]).toBe("from purchase date");
    expect(hyperlink[header.indexOf("Created")]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);

    const all = await readCsv(await appFetch("/exports/assets.csv", { cookie }));
    expect(all).toHaveLength(1 + 1_105); // crosses the 1,000-row page
    expect(new Set(all.slice(1).map((r) => r[0])).size).toBe(1_105);
    // The EOL export pages the same way (its page's rows are read by id, 1,000 at a time).
    const { cookie: managerCookie } = await addUser(workspaceId, "manager");
    const eol = await readCsv(await appFetch("/exports/eol.csv", { cookie: managerCookie }));
    expect(eol).toHaveLength(1 + 1_105);
    expect(new Set(eol.slice(1).map((r) => r[0])).size).toBe(1_105);
    expect(eol.every((r) => !r[0].startsWith("ERROR"))).toBe(true);
  });

  it("exports the EOL recommendations and each report table with reports:view only", async () => {
    const { workspaceId, cookie } = await makeWorkspace("observer");
    const acme = await addCustomer(workspaceId, "=Acme");
    await addAssets([
      ninjaAssetRow(workspaceId, { name: "OLD", customerId: acme, purchaseDate: isoDaysAgo(365 * 6), warrantyEnd: isoDaysAgo(10) }),
      ninjaAssetRow(workspaceId, { name: "NEW", customerId: null, ninjaCreatedAt: Date.now() - 5 * 86_400_000, warrantyEnd: null }),
    ]);
    const eol = await readCsv(await appFetch("/exports/eol.csv?classification=overdue", { cookie }));
    expect(eol.map((r) => r[1])).toEqual(["Name", "OLD"]);
    expect(eol[1][eol[0].indexOf("Customer")]).toBe("'=Acme");
    expect(eol[1][eol[0].indexOf("Classification")]).toBe("Overdue");

    const companies = await readCsv(await appFetch("/exports/devices-by-company.csv", { cookie }));
    expect(companies[0].slice(0, 5)).toEqual(["Customer", "Customer id", "Devices", "Online", "Offline"]);
    expect(companies.slice(1).map((r) => [r[0], r[2]])).toEqual([
      ["'=Acme", "1"],
      ["No customer", "1"],
    ]);
    const ages = await readCsv(await appFetch("/exports/device-age.csv?age=0-1", { cookie }));
    expect(ages.slice(1).map((r) => [r[1], r[ages[0].indexOf("Age is an estimate")]])).toEqual([["NEW", "true"]]);
    const warranty = await readCsv(await appFetch("/exports/warranty.csv?warranty=expired", { cookie }));
    expect(warranty.slice(1).map((r) => r[1])).toEqual(["OLD"]);

    const { cookie: techCookie } = await makeWorkspace("technician");
    expect((await appFetch("/exports/eol.csv", { cookie: techCookie })).status).toBe(403);
    expect((await appFetch("/exports/nothing.csv", { cookie })).status).toBe(404);
    expect((await appFetch("/exports/assets.csv")).status).toBe(302);
  });
});
