import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { Form, Link, useLoaderData, useSubmit } from "@remix-run/react";
import { customerPick } from "@workers/db/customers";
import { assetReport } from "@workers/db/reports";
import { ASSET_CATEGORIES, UNASSIGNED, type AssetStatus } from "@workers/domain/asset-rules";
import { AGE_BAND_LABELS, WARRANTY_BAND_LABELS, type WarrantyBand } from "@workers/domain/lifecycle";
import { CountBarChart } from "~/components/charts/CountBarChart";
import { CountLegend } from "~/components/charts/CountLegend";
import { ShareDonutChart } from "~/components/charts/ShareDonutChart";
import { countOf, type CountPoint } from "~/components/charts/types";
import { GeneralErrorBoundary } from "~/components/ErrorBoundary";
import { FilterCustomer, FilterSelect } from "~/components/filters";
import { Button, ButtonLink, Card, EmptyState, InAppLinks, PageHeader, Table, Th } from "~/components/ui";
import { nonEmptyParams } from "~/lib/asset-query";
import { STATUS_LABELS } from "~/lib/asset-fields";
import { requirePermission } from "~/lib/guards.server";
import { ReportQuery } from "~/lib/report-query";
import { formatCount } from "@workers/domain/numbers";

export const meta: MetaFunction = () => [{ title: "Reports · Core" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { workspace } = await requirePermission(context, request, "reports:view");
  const filters = ReportQuery.parse(nonEmptyParams(new URL(request.url)));
  const specificCustomer = filters.customerId && filters.customerId !== UNASSIGNED ? filters.customerId : null;
  const [report, picked] = await Promise.all([
    assetReport(context.db, workspace.id, filters, context.now()),
    customerPick(context.db, workspace.id, specificCustomer),
  ]);
  return {
    filters,
    report,
    // The filter's current customer only: the picker loads the others as you type.
    customer:
      filters.customerId === UNASSIGNED
        ? { value: UNASSIGNED, label: "No customer" }
        : picked
          ? { value: picked.id, label: picked.archived ? `${picked.name} (archived)` : picked.name }
          : null,
  };
}

const STATUS_COLORS: Record<AssetStatus, string> = {
  in_use: "#10b981",
  available: "#0ea5e9",
  in_repair: "#f59e0b",
  inactive: "#94a3b8",
  retired: "#ef4444",
};
const WARRANTY_COLORS: Record<WarrantyBand, string> = { active: "#10b981", expiring: "#f59e0b", expired: "#ef4444", none: "#94a3b8" };

const fmt = formatCount;

export default function ReportsPage() {
  const { filters, report, customer } = useLoaderData<typeof loader>();
  const submit = useSubmit();
  const filtered = Boolean(filters.customerId || filters.category || filters.online);

  /** The assets list showing exactly what a bar counts: the report's filters plus its own. */
  const assetsHref = (own: Record<string, string>) => {
    const params = new URLSearchParams();
    if (filters.customerId) params.set("customerId", filters.customerId);
    if (filters.category) params.set("category", filters.category);
    if (filters.online) params.set("online", filters.online);
    for (const [k, v] of Object.entries(own)) params.set(k, v);
    return `/assets?${params}`;
  };

  /** A CSV export of a report table with the report's filters. */
  const csvHref = (file: string) => {
    const params = new URLSearchParams();
    if (filters.customerId) params.set("customerId", filters.customerId);
    if (filters.category) params.set("category", filters.category);
    if (filters.online) params.set("online", filters.online);
    const qs = params.toString();
    return `/exports/${file}${qs ? `?${qs}` : ""}`;
  };

  const byCategory: CountPoint[] = report.byCategory.map((r) => ({ label: r.category, value: r.count, href: assetsHref({ category: r.category }) }));
  const byStatus: CountPoint[] = report.byStatus.map((r) => ({
    label: STATUS_LABELS[r.status],
    value: r.count,
    color: STATUS_COLORS[r.status],
    href: assetsHref({ status: r.status }),
  }));
  const byCustomer: CountPoint[] = [
    ...report.byCustomer.map((r) => ({ label: r.name, value: r.count, href: assetsHref({ customerId: r.customerId ?? UNASSIGNED }) })),
    ...(report.otherCustomers > 0 ? [{ label: "Other customers", value: report.otherCustomers }] : []),
  ];
  const ages: CountPoint[] = report.ageBands
    .filter((r) => r.band !== "unknown")
    .map((r) => ({ label: AGE_BAND_LABELS[r.band], value: r.count, href: assetsHref({ source: "ninjaone", age: r.band }) }));
  const unknownAge = report.ageBands.find((r) => r.band === "unknown")?.count ?? 0;
  const warranty: CountPoint[] = report.warranty.map((r) => ({
    label: WARRANTY_BAND_LABELS[r.band],
    value: r.count,
    color: WARRANTY_COLORS[r.band],
    href: assetsHref({ source: "ninjaone", warranty: r.band }),
  }));

  return (
    <>
      <PageHeader title="Reports" description="Live figures from your inventory and your NinjaOne fleet. Click a bar or a row to see what it counts." />

      <Form
        method="get"
        aria-label="Filter reports"
        onChange={(event) => {
          if (event.target instanceof HTMLSelectElement) submit(event.currentTarget, { replace: true });
        }}
        className="mb-6 flex flex-wrap items-end gap-3 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200"
      >
        <FilterCustomer
          value={customer}
          anyLabel="All customers"
          noCustomerValue={UNASSIGNED}
          className="w-56"
        />
        <FilterSelect label="Device type" name="category" value={filters.category} anyLabel="All device types" options={ASSET_CATEGORIES.map((c) => ({ value: c, label: c }))} className="w-48" />
        <FilterSelect
          label="Online status"
          name="online"
          value={filters.online}
          anyLabel="Online or offline"
          options={[
            { value: "online", label: "Online" },
            { value: "offline", label: "Offline" },
          ]}
          className="w-44"
        />
        <Button variant="secondary">Apply</Button>
        {filtered ? (
          <Link to="/reports" className="pb-2 text-sm text-indigo-600 hover:underline">
            Clear filters
          </Link>
        ) : null}
      </Form>

      {report.totalAssets === 0 ? (
        filtered ? (
          <EmptyState title="Nothing matches these filters" action={<ButtonLink to="/reports">Clear filters</ButtonLink>}>
            No asset fits this customer, device type and online status. Online status only applies to NinjaOne devices.
          </EmptyState>
        ) : (
          <EmptyState
            title="No assets to report on yet"
            action={
              <div className="flex justify-center gap-2">
                <ButtonLink to="/assets/new" variant="primary">Add an asset</ButtonLink>
                <ButtonLink to="/settings/integrations">Connect NinjaOne</ButtonLink>
              </div>
            }
          >
            Reports fill in as soon as you add assets or sync devices from NinjaOne.
          </EmptyState>
        )
      ) : (
        // The tables' and legends' links are plain anchors that InAppLinks routes in the app.
        <InAppLinks>
          <dl className="mb-6 grid grid-cols-2 gap-4 lg:grid-cols-4">
            <Stat label="Assets" value={countOf(report.totalAssets, "asset")} />
            <Stat label="NinjaOne devices" value={countOf(report.devices.total, "device")} />
            <Stat label="Online" value={countOf(report.devices.online, "device")} />
            <Stat label="Offline" value={countOf(report.devices.offline, "device")} />
          </dl>

          <h2 className="mb-3 text-lg font-semibold">Assets</h2>
          <div className="mb-8 grid grid-cols-1 gap-6 xl:grid-cols-3">
            <Card title="Assets by category">
              <CountBarChart data={byCategory} label="Assets by category" unit="asset" />
              <CountLegend data={byCategory.filter((d) => d.value > 0)} unit="asset" total={report.totalAssets} />
            </Card>
            <Card title="Assets by status">
              <ShareDonutChart data={byStatus} label="Assets by status" unit="asset" />
              <CountLegend data={byStatus} unit="asset" total={report.totalAssets} />
            </Card>
            <Card title="Assets by customer">
              <CountBarChart data={byCustomer} label="Assets by customer" unit="asset" horizontal height={Math.max(160, byCustomer.length * 30)} />
              <CountLegend data={byCustomer} unit="asset" total={report.totalAssets} />
            </Card>
          </div>

          <h2 className="mb-1 text-lg font-semibold">Device Reports</h2>
          <p className="mb-3 text-sm text-slate-600">NinjaOne devices only.</p>
          {report.devices.total === 0 ? (
            <EmptyState title="No NinjaOne devices here" action={<ButtonLink to="/settings/integrations">Go to Integrations</ButtonLink>}>
              {filtered
                ? "No synced device matches these filters."
                : "Connect NinjaOne and sync your devices to see them by company, age and warranty."}
            </EmptyState>
          ) : (
            <div className="grid grid-cols-1 gap-6 xl:grid-cols-2">
              <Card title="Devices by Company" className="xl:col-span-2" actions={<CsvLink href={csvHref("devices-by-company.csv")} label="Devices by Company" />}>
                <Table>
                  <thead className="bg-slate-50">
                    <tr>
                      <Th>Customer</Th>
                      <Th className="text-right">Devices</Th>
                      <Th className="text-right">Online</Th>
                      <Th className="text-right">Offline</Th>
                      <Th>Device types</Th>
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-slate-100">
                    {report.companies.map((c) => (
                      <tr key={c.customerId ?? "none"}>
                        <td>
                          <a href={assetsHref({ source: "ninjaone", customerId: c.customerId ?? UNASSIGNED })} className="text-indigo-700 hover:underline">
                            {c.name}
                          </a>
                        </td>
                        <td className="text-right tabular-nums">{fmt(c.total)}</td>
                        <td className="text-right tabular-nums">{fmt(c.online)}</td>
                        <td className="text-right tabular-nums">{fmt(c.offline)}</td>
                        <td>
                          <span className="flex flex-wrap gap-1">
                            {c.types.map((t) => (
                              <span key={t.category} className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700">
                                {t.category} {fmt(t.count)}
                              </span>
                            ))}
                          </span>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </Table>
                {report.moreCompanies > 0 ? (
                  <p className="mt-2 text-sm text-slate-600">
                    And {fmt(report.moreCompanies)} more {report.moreCompanies === 1 ? "customer" : "customers"} with fewer devices. Filter by customer to see one.
                  </p>
                ) : null}
              </Card>
              <Card title="Device Age" actions={<CsvLink href={csvHref("device-age.csv")} label="Device Age" />}>
                <CountBarChart data={ages} label="Device Age" unit="device" color="#0ea5e9" />
                <CountLegend data={ages} unit="device" total={report.devices.total} />
                <p className="mt-2 text-xs text-slate-500">
                  Age from the purchase date, else the warranty start, else when NinjaOne first saw the device (an estimate: a device enrolled late
                  looks younger than it is).{" "}
                  <span data-testid="age-estimates">
                    {report.estimatedAges === 0
                      ? "No age is an estimate."
                      : `${fmt(report.estimatedAges)} of ${fmt(report.devices.total)} ${report.devices.total === 1 ? "age is an estimate" : "ages are estimates"}.`}
                  </span>
                  {unknownAge > 0 ? (
                    <>
                      {" "}
                      <a href={assetsHref({ source: "ninjaone", age: "unknown" })} className="text-indigo-700 hover:underline">
                        {fmt(unknownAge)} {unknownAge === 1 ? "device has" : "devices have"} no date at all
                      </a>
                      .
                    </>
                  ) : null}
                </p>
              </Card>
              <Card title="Warranty Status" actions={<CsvLink href={csvHref("warranty.csv")} label="Warranty Status" />}>
                <ShareDonutChart data={warranty} label="Warranty Status" unit="device" />
                <CountLegend data={warranty} unit="device" total={report.devices.total} />
                <p className="mt-2 text-xs text-slate-500">Expiring Soon: the warranty ends within 90 days.</p>
              </Card>
            </div>
          )}
        </InAppLinks>
      )}
    </>
  );
}

function CsvLink({ href, label }: { href: string; label: string }) {
  return (
    <a href={href} download aria-label={`Export ${label} as CSV`} className="text-sm font-medium text-indigo-600 hover:underline">
      Export CSV
    </a>
  );
}

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
      <dt className="text-sm text-slate-500">{label}</dt>
      <dd className="mt-1 text-2xl font-semibold tabular-nums">{value}</dd>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
