// Assets › EOL Recommendations (seed 003): every asset in service classified against the
// replacement policy that applies to it, with summary cards, the replacements due in the next
// eight quarters (by category, with the budget where costs are set), filters, sorting and paging.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { Form, Link, useLoaderData, useLocation, useNavigation, useSubmit } from "@remix-run/react";
import { customerPick } from "@workers/db/customers";
import { eolCursorSchema, eolScreen, type EolCursor } from "@workers/db/eol";
import { ASSET_CATEGORIES, UNASSIGNED } from "@workers/domain/asset-rules";
import { AGE_BASIS_LABELS } from "@workers/domain/lifecycle";
import { EOL_CLASS_LABELS, EOL_CLASSES, formatCost, quarterLabel, type EolClass } from "@workers/domain/eol";
import { OnlineDot } from "~/components/assets";
import { StackedBarChart } from "~/components/charts/StackedBarChart";
import { GeneralErrorBoundary } from "~/components/ErrorBoundary";
import { FilterCustomer, FilterSelect } from "~/components/filters";
import { Pagination } from "~/components/Pagination";
import { EolBadge } from "~/components/lifecycle";
import { ButtonLink, Card, cx, EmptyState, formatDay, InAppLinks, PageHeader, Table, Th } from "~/components/ui";
import { decodeCursor, encodeCursor } from "~/lib/api.server";
import { parseEolFiltersLeniently } from "~/lib/eol-query";
import { requirePermission } from "~/lib/guards.server";
import { formatCount } from "@workers/domain/numbers";

export const meta: MetaFunction = () => [{ title: "EOL Recommendations · Core" }];

const PAGE_SIZE = 50;

function pageCursor(url: URL): EolCursor | undefined {
  const raw = url.searchParams.get("cursor");
  if (!raw) return undefined;
  try {
    return decodeCursor(raw, eolCursorSchema);
  } catch {
    return undefined; // an unreadable cursor starts from the first page
  }
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { workspace } = await requirePermission(context, request, "reports:view");
  const url = new URL(request.url);
  const { sort, ...filters } = parseEolFiltersLeniently(url);
  const now = context.now();
  const { classification: _classification, ...summaryFilters } = filters;
  const specificCustomer = filters.customerId && filters.customerId !== UNASSIGNED ? filters.customerId : null;
  // The page and the summary in one round trip when both are kept (workers/db/eol.ts).
  const [{ page, summary }, picked] = await Promise.all([
    eolScreen(context.db, workspace.id, { filters, sort, limit: PAGE_SIZE, after: pageCursor(url), now }, summaryFilters),
    customerPick(context.db, workspace.id, specificCustomer),
  ]);
  return {
    filters: { ...filters, sort },
    summary,
    rows: page.rows.map((r) => ({
      id: r.assetId,
      name: r.name,
      makeModel: [r.manufacturer, r.model].filter(Boolean).join(" "),
      category: r.category,
      customerId: r.customerId,
      customerName: r.customerName,
      ninjaOffline: r.ninjaOffline,
      age: r.age ? { text: r.age.text, basis: AGE_BASIS_LABELS[r.age.basis], estimate: r.age.estimate } : null,
      policy: { source: r.policy.source, maxAgeMonths: r.policy.maxAgeMonths, warningMonths: r.policy.warningMonths },
      ...r.assessment,
    })),
    next: page.next ? encodeCursor(page.next) : null,
    // The filter's current customer only: the picker loads the others as you type.
    customer:
      filters.customerId === UNASSIGNED
        ? { value: UNASSIGNED, label: "No customer" }
        : picked
          ? { value: picked.id, label: picked.archived ? `${picked.name} (archived)` : picked.name }
          : null,
  };
}

const CATEGORY_COLORS = ["#4f46e5", "#0ea5e9", "#10b981", "#f59e0b", "#ef4444", "#8b5cf6", "#14b8a6", "#f97316", "#64748b"];
const POLICY_SOURCE_LABELS = { default: "Core default", global: "Global", customer: "Customer's" } as const;
const fmt = formatCount;

export default function EolPage() {
  const { filters, summary, rows, next, customer } = useLoaderData<typeof loader>();
  const submit = useSubmit();
  const navigation = useNavigation();
  const location = useLocation();
  const filtered = Boolean(filters.customerId || filters.category || filters.classification || filters.online);
  const search = new URLSearchParams(location.search);
  search.delete("cursor");
  const withClass = (c: EolClass | null) => {
    const params = new URLSearchParams(search);
    if (c) params.set("classification", c);
    else params.delete("classification");
    return `?${params}`;
  };
  const series = ASSET_CATEGORIES.map((c, i) => ({ key: c, label: c, color: CATEGORY_COLORS[i % CATEGORY_COLORS.length] })).filter((s) =>
    summary.quarters.some((q) => (q.byCategory[s.key] ?? 0) > 0),
  );
  const chart = summary.quarters.map((q) => ({ label: quarterLabel(q.quarter), ...Object.fromEntries(series.map((s) => [s.key, q.byCategory[s.key] ?? 0])) }));

  return (
    <>
      <PageHeader
        title="EOL Recommendations"
        description="Which devices are past their replacement age, which are getting close, and what replacing them will cost."
        actions={
          <>
            <ButtonLink to={`/settings/integrations/ninjaone/replacement-policies${filters.customerId && filters.customerId !== UNASSIGNED ? `?customerId=${filters.customerId}` : ""}`}>
              Manage Replacement Policies
            </ButtonLink>
            <a href={`/exports/eol.csv?${search}`} download className="inline-flex items-center rounded-md bg-white px-3 py-2 text-sm font-medium text-slate-800 shadow-sm ring-1 ring-slate-300 hover:bg-slate-50">
              Export CSV
            </a>
          </>
        }
      />

      <Form
        method="get"
        aria-label="Filter EOL recommendations"
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
        <FilterSelect label="Category" name="category" value={filters.category} anyLabel="All categories" options={ASSET_CATEGORIES.map((c) => ({ value: c, label: c }))} className="w-44" />
        <FilterSelect label="Classification" name="classification" value={filters.classification} anyLabel="Any classification" options={EOL_CLASSES.map((c) => ({ value: c, label: EOL_CLASS_LABELS[c] }))} className="w-52" />
        <FilterSelect
          label="Online status"
          name="online"
          value={filters.online}
          anyLabel="Online or offline"
          options={[
            { value: "online", label: "Online" },
            { value: "offline", label: "Offline" },
          ]}
          className="w-40"
        />
        <FilterSelect
          label="Sort"
          name="sort"
          value={filters.sort}
          options={[
            { value: "due", label: "Most overdue first" },
            { value: "-due", label: "Latest due first" },
          ]}
          className="w-44"
        />
        <noscript>
          <button type="submit" className="rounded-md bg-white px-3 py-2 text-sm ring-1 ring-slate-300">
            Apply
          </button>
        </noscript>
        {filtered ? (
          <Link to="/assets/eol" className="pb-2 text-sm text-indigo-600 hover:underline">
            Clear filters
          </Link>
        ) : null}
      </Form>

      {summary.total === 0 ? (
        <EmptyState title={filtered ? "No device matches these filters" : "No devices to plan for yet"} action={<ButtonLink to="/assets">Go to Assets</ButtonLink>}>
          EOL Recommendations cover every asset in service (not retired or inactive). Sync NinjaOne or add assets with a purchase date.
        </EmptyState>
      ) : (
        <>
          <dl className="mb-6 grid grid-cols-2 gap-4 lg:grid-cols-4">
            {EOL_CLASSES.map((c) => (
              <Link
                key={c}
                to={withClass(filters.classification === c ? null : c)}
                data-testid={`eol-count-${c}`}
                aria-current={filters.classification === c ? "true" : undefined}
                className={cx("rounded-lg bg-white p-4 shadow-sm ring-1 hover:ring-indigo-300", filters.classification === c ? "ring-2 ring-indigo-500" : "ring-slate-200")}
              >
                <dt className="text-sm text-slate-500">
                  <EolBadge classification={c} />
                </dt>
                <dd className="mt-2 text-2xl font-semibold tabular-nums">{fmt(summary.counts[c])}</dd>
              </Link>
            ))}
          </dl>

          <Card title="Replacements due in the next 8 quarters" className="mb-6">
            <StackedBarChart data={chart} series={series} label="Replacements due by quarter" unit="device" />
            <div className="relative mt-3 overflow-x-auto">
              <table className="min-w-full text-sm" aria-label="Replacements and budget by quarter">
                <thead>
                  <tr className="text-left text-xs uppercase tracking-wide text-slate-500">
                    <th className="py-1 pr-4 font-semibold">Quarter</th>
                    {summary.backlog.devices > 0 ? <th className="py-1 pr-4 text-right font-semibold">Earlier (overdue)</th> : null}
                    {summary.quarters.map((q) => (
                      <th key={q.quarter} className="py-1 pr-4 text-right font-semibold">
                        {quarterLabel(q.quarter)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  <tr>
                    <td className="py-1 pr-4 text-slate-600">Devices due</td>
                    {summary.backlog.devices > 0 ? <td className="py-1 pr-4 text-right tabular-nums">{fmt(summary.backlog.devices)}</td> : null}
                    {summary.quarters.map((q) => (
                      <td key={q.quarter} className="py-1 pr-4 text-right tabular-nums">
                        {fmt(q.devices)}
                      </td>
                    ))}
                  </tr>
                  {summary.costsSet ? (
                    <tr data-testid="eol-budget">
                      <td className="py-1 pr-4 text-slate-600">Projected budget</td>
                      {summary.backlog.devices > 0 ? <td className="py-1 pr-4 text-right tabular-nums">{formatCost(summary.backlog.costCents)}</td> : null}
                      {summary.quarters.map((q) => (
                        <td key={q.quarter} className="py-1 pr-4 text-right tabular-nums" title={q.devicesWithoutCost ? `${fmt(q.devicesWithoutCost)} devices have no cost set` : undefined}>
                          {formatCost(q.costCents)}
                        </td>
                      ))}
                    </tr>
                  ) : null}
                </tbody>
              </table>
              {!summary.costsSet ? (
                <p className="mt-2 text-xs text-slate-500">Set a replacement cost per category in the replacement policies to see the projected budget.</p>
              ) : null}
            </div>
          </Card>

          {rows.length === 0 ? (
            <EmptyState title="No device is in this classification" action={<ButtonLink to={withClass(null)}>Show all classifications</ButtonLink>} />
          ) : (
            <InAppLinks className={navigation.state === "loading" ? "opacity-60 transition-opacity" : undefined}>
              <Table>
                <thead className="bg-slate-50">
                  <tr>
                    <Th>Device</Th>
                    <Th>Customer</Th>
                    <Th>Category</Th>
                    <Th>Age</Th>
                    <Th>Policy</Th>
                    <Th>Classification</Th>
                    <Th>Replacement due</Th>
                    <Th className="text-right">Months overdue</Th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {rows.map((r) => (
                    <tr key={r.id} className="hover:bg-slate-50" data-asset-name={r.name}>
                      <td>
                        <a href={`/assets/${r.id}`} className="font-medium text-indigo-700 hover:underline">
                          {r.name}
                        </a>
                        <span className="ml-2">
                          <OnlineDot offline={r.ninjaOffline} />
                        </span>
                        {r.makeModel ? <p className="text-xs text-slate-500">{r.makeModel}</p> : null}
                      </td>
                      <td>{r.customerName ?? <span className="text-slate-400">No customer</span>}</td>
                      <td>{r.category}</td>
                      <td>
                        {r.age ? (
                          <>
                            <span className="tabular-nums">{r.age.text}</span>
                            <p className={cx("text-xs", r.age.estimate ? "text-amber-700" : "text-slate-500")}>{r.age.basis}</p>
                          </>
                        ) : (
                          <span className="text-slate-400">Unknown</span>
                        )}
                      </td>
                      <td className="text-xs">
                        <span className="tabular-nums">{`${r.policy.maxAgeMonths} / ${r.policy.warningMonths} mo`}</span>
                        <p className="text-slate-500">{POLICY_SOURCE_LABELS[r.policy.source]}</p>
                      </td>
                      <td>
                        <EolBadge classification={r.classification} />
                      </td>
                      <td className="whitespace-nowrap tabular-nums">{formatDay(r.dueDate)}</td>
                      <td className="text-right tabular-nums">{r.monthsOverdue ?? "—"}</td>
                    </tr>
                  ))}
                </tbody>
              </Table>
              <Pagination nextCursor={next} shown={rows.length} unit={rows.length === 1 ? "device" : "devices"} />
            </InAppLinks>
          )}
        </>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
