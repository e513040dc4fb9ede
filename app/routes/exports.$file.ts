// CSV exports: the Assets list with its filters, every Reports table and drill-down (Devices by
// Company, Device Age, Warranty Status) and the EOL Recommendations. Streamed page by page
// (keyset paging through D1), so 100,000 rows neither time out nor fill the Worker's memory.
import type { LoaderFunctionArgs } from "@remix-run/cloudflare";
import { listAssets, type AssetListRow } from "@workers/db/assets";
import { listEol, type EolRow } from "@workers/db/eol";
import { loadPolicyBook } from "@workers/db/replacement-policies";
import { devicesByCompanyAll, type CompanyExportRow } from "@workers/db/reports";
import { ASSET_CATEGORIES } from "@workers/domain/asset-rules";
import { EOL_CLASS_LABELS } from "@workers/domain/eol";
import { AGE_BAND_LABELS, AGE_BASIS_LABELS, ageBand, deviceAge, deviceStartMs, WARRANTY_BAND_LABELS, warrantyBand } from "@workers/domain/lifecycle";
import { parseFiltersLeniently } from "~/lib/asset-query";
import { csvResponse, isoOrEmpty, keysetPages, type CsvColumn } from "~/lib/csv.server";
import { parseEolFiltersLeniently } from "~/lib/eol-query";
import { requirePermission, requireUser } from "~/lib/guards.server";
import { parseReportQuery } from "~/lib/report-query";
import { STATUS_LABELS } from "~/lib/asset-fields";

const PAGE = 1000;

function assetColumns(now: number): CsvColumn<AssetListRow>[] {
  return [
    { header: "Asset id", value: (a) => a.id },
    { header: "Name", value: (a) => a.name },
    { header: "Category", value: (a) => a.category },
    { header: "Status", value: (a) => STATUS_LABELS[a.status] },
    { header: "Customer", value: (a) => a.customerName },
    { header: "Manufacturer", value: (a) => a.manufacturer },
    { header: "Model", value: (a) => a.model },
    { header: "Serial number", value: (a) => a.serialNumber },
    { header: "Source", value: (a) => (a.source === "ninjaone" ? "NinjaOne" : "Manual") },
    { header: "Online", value: (a) => (a.ninjaOffline === null ? null : !a.ninjaOffline) },
    { header: "Purchase date", value: (a) => a.purchaseDate },
    { header: "Install date", value: (a) => a.installDate },
    { header: "Warranty start", value: (a) => a.warrantyStart },
    { header: "Warranty end", value: (a) => a.warrantyEnd },
    { header: "Warranty status", value: (a) => WARRANTY_BAND_LABELS[warrantyBand(a.warrantyEnd, now)] },
    ...ageColumns(now),
    { header: "NinjaOne device id", value: (a) => a.ninjaDeviceId },
    { header: "First seen by NinjaOne", value: (a) => isoOrEmpty(a.ninjaCreatedAt) },
    { header: "Last contact", value: (a) => isoOrEmpty(a.ninjaLastContact) },
    { header: "Created", value: (a) => isoOrEmpty(a.createdAt) },
    { header: "Updated", value: (a) => isoOrEmpty(a.updatedAt) },
  ];
}

function ageColumns(now: number): CsvColumn<AssetListRow>[] {
  return [
    { header: "Age (months)", value: (a) => deviceAge(a, now)?.months },
    { header: "Age basis", value: (a) => { const age = deviceAge(a, now); return age ? AGE_BASIS_LABELS[age.basis] : "unknown"; } },
    { header: "Age basis date", value: (a) => deviceAge(a, now)?.since },
    { header: "Age is an estimate", value: (a) => deviceAge(a, now)?.estimate ?? null },
    { header: "Age band", value: (a) => AGE_BAND_LABELS[ageBand(deviceStartMs(a), now)] },
  ];
}

const identity: CsvColumn<AssetListRow>[] = [
  { header: "Asset id", value: (a) => a.id },
  { header: "Name", value: (a) => a.name },
  { header: "Customer", value: (a) => a.customerName },
  { header: "Category", value: (a) => a.category },
  { header: "Serial number", value: (a) => a.serialNumber },
  { header: "Online", value: (a) => (a.ninjaOffline === null ? null : !a.ninjaOffline) },
];

const eolColumns: CsvColumn<EolRow>[] = [
  { header: "Asset id", value: (r) => r.assetId },
  { header: "Name", value: (r) => r.name },
  { header: "Customer", value: (r) => r.customerName },
  { header: "Category", value: (r) => r.category },
  { header: "Online", value: (r) => (r.ninjaOffline === null ? null : !r.ninjaOffline) },
  { header: "Classification", value: (r) => EOL_CLASS_LABELS[r.assessment.classification] },
  { header: "Age (months)", value: (r) => r.age?.months },
  { header: "Age basis", value: (r) => (r.age ? AGE_BASIS_LABELS[r.age.basis] : "unknown") },
  { header: "Age basis date", value: (r) => r.age?.since },
  { header: "Age is an estimate", value: (r) => r.age?.estimate ?? null },
  { header: "Policy", value: (r) => (r.policy.source === "customer" ? "Customer override" : r.policy.source === "global" ? "Global" : "Core default") },
  { header: "Maximum age (months)", value: (r) => r.policy.maxAgeMonths },
  { header: "Warning threshold (months)", value: (r) => r.policy.warningMonths },
  { header: "Replacement due", value: (r) => r.assessment.dueDate },
  { header: "Months overdue", value: (r) => r.assessment.monthsOverdue },
  { header: "Replacement cost", value: (r) => (r.policy.replacementCostCents === null ? null : (r.policy.replacementCostCents / 100).toFixed(2)) },
];

const companyColumns: CsvColumn<CompanyExportRow>[] = [
  { header: "Customer", value: (r) => r.name },
  { header: "Customer id", value: (r) => r.customerId },
  { header: "Devices", value: (r) => r.total },
  { header: "Online", value: (r) => r.online },
  { header: "Offline", value: (r) => r.offline },
  ...ASSET_CATEGORIES.map((c): CsvColumn<CompanyExportRow> => ({ header: c, value: (r) => r.byCategory[c] ?? 0 })),
];

const stamp = (now: number) => new Date(now).toISOString().slice(0, 10);

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const now = context.now();
  const file = params.file;
  const db = context.db;

  if (file === "assets.csv") {
    const { workspace } = await requireUser(context, request);
    const { sort, ...filters } = parseFiltersLeniently(url);
    const pages = keysetPages((after: Parameters<typeof listAssets>[2]["cursor"] | undefined) =>
      listAssets(db, workspace.id, { filters, sort, limit: PAGE, cursor: after, now }).then((p) => ({ rows: p.rows, next: p.next ? { direction: "after" as const, key: p.next } : null })),
    );
    return csvResponse(`assets-${stamp(now)}.csv`, assetColumns(now), pages);
  }

  const { workspace } = await requirePermission(context, request, "reports:view");
  if (file === "eol.csv") {
    const { sort, ...filters } = parseEolFiltersLeniently(url);
    const book = await loadPolicyBook(db, workspace.id);
    const pages = keysetPages((after: Parameters<typeof listEol>[2]["after"]) => listEol(db, workspace.id, { filters, sort, limit: PAGE, after, now, book }));
    return csvResponse(`eol-recommendations-${stamp(now)}.csv`, eolColumns, pages);
  }

  const query = parseReportQuery(url);
  const drill = (extra: { age?: typeof query.age; warranty?: typeof query.warranty }) =>
    keysetPages((after: Parameters<typeof listAssets>[2]["cursor"] | undefined) =>
      listAssets(db, workspace.id, {
        filters: { source: "ninjaone", customerId: query.customerId, category: query.category, online: query.online, ...extra },
        sort: "name",
        limit: PAGE,
        cursor: after,
        now,
      }).then((p) => ({ rows: p.rows, next: p.next ? { direction: "after" as const, key: p.next } : null })),
    );
  switch (file) {
    case "device-age.csv":
      return csvResponse(`device-age-${stamp(now)}.csv`, [...identity, ...ageColumns(now)], drill({ age: query.age }));
    case "warranty.csv":
      return csvResponse(
        `warranty-status-${stamp(now)}.csv`,
        [
          ...identity,
          { header: "Warranty start", value: (a) => a.warrantyStart },
          { header: "Warranty end", value: (a) => a.warrantyEnd },
          { header: "Warranty status", value: (a) => WARRANTY_BAND_LABELS[warrantyBand(a.warrantyEnd, now)] },
        ],
        drill({ warranty: query.warranty }),
      );
    case "devices-by-company.csv": {
      const rows = await devicesByCompanyAll(db, workspace.id, { customerId: query.customerId, category: query.category, online: query.online }, now);
      return csvResponse(`devices-by-company-${stamp(now)}.csv`, companyColumns, (async function* () {
        for (let i = 0; i < rows.length; i += PAGE) yield rows.slice(i, i + PAGE);
      })());
    }
    default:
      throw new Response("There is no such export.", { status: 404 });
  }
}
