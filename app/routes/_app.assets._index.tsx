import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/cloudflare";
import { twoWayCursorFromUrl } from "~/lib/pages.server";
import { Form, Link, useLoaderData, useLocation, useNavigation, useSubmit } from "@remix-run/react";
import {
  assetCursorSchema,
  contactOptions,
  countAndListAssets,
  findContact,
  workspaceHasAssets,
  type ListAssetsOptions,
} from "@workers/db/assets";
import { assetDashboardUrl, dashboardLinkSettings } from "@workers/db/ninja-links";
import { ASSET_SORTS, UNASSIGNED } from "@workers/domain/asset-rules";
import { AGE_BAND_LABELS, WARRANTY_BAND_LABELS } from "@workers/domain/lifecycle";
import { AssetStatusBadge, NinjaBadge, OnlineDot, OpenInNinjaLink } from "~/components/assets";
import { GeneralErrorBoundary } from "~/components/ErrorBoundary";
import { FilterBar, FilterCustomer, FilterSearch, FilterSelect } from "~/components/filters";
import { customerPick } from "@workers/db/customers";
import { Button, ButtonLink, EmptyState, InAppLinks, PageHeader, Table, Th } from "~/components/ui";
import { encodeCursor } from "~/lib/api.server";
import { ASSET_CATEGORIES, ASSET_STATUSES, SORT_LABELS, STATUS_LABELS } from "~/lib/asset-fields";
import { assetColumns } from "~/lib/asset-columns";
import { parseFiltersLeniently } from "~/lib/asset-query";
import { formatCount } from "@workers/domain/numbers";
import { requireUser } from "~/lib/guards.server";
import { useCan } from "~/lib/use-app";

export const meta: MetaFunction = () => [{ title: "Assets · Core" }];

const PAGE_SIZE = 50;

const pageCursor = (url: URL): ListAssetsOptions["cursor"] => twoWayCursorFromUrl(url, assetCursorSchema);

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { workspace } = await requireUser(context, request);
  const ws = workspace.id;
  const url = new URL(request.url);
  const { sort, ...filters } = parseFiltersLeniently(url);
  const specificCustomer = filters.customerId && filters.customerId !== UNASSIGNED ? filters.customerId : null;
  const specificContact = filters.contactId && filters.contactId !== UNASSIGNED ? filters.contactId : null;
  const { columns, setCookie } = assetColumns(url, request.headers.get("Cookie"));
  const now = context.now();
  // Count and list in as few round trips as the plan allows (workers/db/assets.ts), beside the pickers.
  const [{ count: total, page }, pickedCustomer, contacts, selectedContact, links] = await Promise.all([
    countAndListAssets(context.db, ws, { filters, sort, limit: PAGE_SIZE, cursor: pageCursor(url), now }),
    customerPick(context.db, ws, specificCustomer),
    specificCustomer ? contactOptions(context.db, ws, specificCustomer) : Promise.resolve([]),
    specificContact ? findContact(context.db, ws, specificContact) : Promise.resolve(undefined),
    dashboardLinkSettings(context.db, ws),
  ]);
  const hasAnyAsset = page.rows.length > 0 || (await workspaceHasAssets(context.db, ws));
  const contactChoices = contacts.map((c) => ({ value: c.id, label: c.name }));
  if (selectedContact && !contactChoices.some((c) => c.value === selectedContact.id)) {
    contactChoices.push({ value: selectedContact.id, label: selectedContact.name });
  }
  return data({
    filters: { ...filters, sort },
    total: { count: total.count, capped: total.capped }, // not the matching ids the list used
    rows: page.rows.map((a) => ({
      id: a.id,
      name: a.name,
      makeModel: [a.manufacturer, a.model].filter(Boolean).join(" "),
      category: a.category,
      status: a.status,
      customerId: a.customerId,
      customerName: a.customerName,
      serialNumber: a.serialNumber,
      source: a.source,
      ninjaOffline: a.ninjaOffline,
      osName: a.ninjaOsName,
      warrantyEnd: a.warrantyEnd,
      dashboardUrl: assetDashboardUrl(links, a),
    })),
    /** Optional columns chosen in the filter bar, remembered in a cookie (app/lib/asset-columns.ts). */
    columns,
    next: page.next ? encodeCursor(page.next) : null,
    prev: page.prev ? encodeCursor(page.prev) : null,
    // The filter's current customer only: the picker loads the others as you type.
    customer:
      filters.customerId === UNASSIGNED
        ? { value: UNASSIGNED, label: "No customer" }
        : pickedCustomer
          ? { value: pickedCustomer.id, label: pickedCustomer.archived ? `${pickedCustomer.name} (archived)` : pickedCustomer.name }
          : null,
    contacts: contactChoices,
    hasAnyAsset,
  }, setCookie ? { headers: { "Set-Cookie": setCookie } } : undefined);
}

const FILTER_KEYS = ["q", "customerId", "contactId", "category", "status", "source", "online", "age", "warranty"] as const;

export default function AssetsPage() {
  const { filters, total, rows, next, prev, customer, contacts, hasAnyAsset, columns } = useLoaderData<typeof loader>();
  const canWrite = useCan("assets:write");
  const canViewReports = useCan("reports:view");
  const location = useLocation();
  const navigation = useNavigation();
  const submit = useSubmit();
  const filtered = FILTER_KEYS.some((k) => filters[k]);

  /** This page's URL with some parameters changed (paging links keep the filters). */
  const withParams = (changes: Record<string, string | null>) => {
    const params = new URLSearchParams(location.search);
    params.delete("after");
    params.delete("before");
    for (const [k, v] of Object.entries(changes)) {
      if (v === null) params.delete(k);
      else params.set(k, v);
    }
    const qs = params.toString();
    return qs ? `?${qs}` : ".";
  };

  return (
    <>
      <PageHeader
        title="Assets"
        description="Every device you look after: synced from NinjaOne and added by hand."
        actions={
          <>
            {canViewReports ? <ButtonLink to="/assets/eol">EOL Recommendations</ButtonLink> : null}
            <a href={`/exports/assets.csv${withParams({}).replace(/^\.$/, "")}`} download className="inline-flex items-center rounded-md bg-white px-3 py-2 text-sm font-medium text-slate-800 shadow-sm ring-1 ring-slate-300 hover:bg-slate-50">
              Export CSV
            </a>
            {canWrite ? <ButtonLink to="/assets/new" variant="primary">New asset</ButtonLink> : null}
          </>
        }
      />

      <Form
        method="get"
        role="search"
        aria-label="Filter assets"
        onChange={(event) => {
          // Selects apply at once when JavaScript runs; the search box waits for Enter or Apply.
          const target = event.target;
          if (!(target instanceof HTMLSelectElement)) return;
          const form = event.currentTarget;
          if (target.name === "customerId") {
            const contact = form.elements.namedItem("contactId");
            if (contact instanceof HTMLSelectElement) contact.value = "";
          }
          submit(form, { replace: true });
        }}
      >
        {filters.age ? <input type="hidden" name="age" value={filters.age} /> : null}
        {filters.warranty ? <input type="hidden" name="warranty" value={filters.warranty} /> : null}
        <FilterBar>
          <FilterSearch label="Search" name="q" value={filters.q} placeholder="Any part of a name or serial number" className="col-span-2" />
          <FilterCustomer
            value={customer}
            noCustomerValue={UNASSIGNED}
            clear={["contactId"]}
          />
          <FilterSelect
            label="Contact"
            name="contactId"
            value={filters.contactId}
            anyLabel="Any contact"
            options={[{ value: UNASSIGNED, label: "No contact" }, ...contacts]}
          />
          <FilterSelect label="Category" name="category" value={filters.category} anyLabel="Any category" options={ASSET_CATEGORIES.map((c) => ({ value: c, label: c }))} />
          <FilterSelect label="Status" name="status" value={filters.status} anyLabel="Any status" options={ASSET_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] }))} />
          <FilterSelect
            label="Source"
            name="source"
            value={filters.source}
            anyLabel="Any source"
            options={[
              { value: "ninjaone", label: "NinjaOne" },
              { value: "manual", label: "Added by hand" },
            ]}
          />
          <FilterSelect
            label="Online"
            name="online"
            value={filters.online}
            anyLabel="Online or offline"
            options={[
              { value: "online", label: "Online" },
              { value: "offline", label: "Offline" },
            ]}
          />
          <FilterSelect label="Sort" name="sort" value={filters.sort} options={ASSET_SORTS.map((s) => ({ value: s, label: SORT_LABELS[s] }))} className="col-span-2" />
          <fieldset className="col-span-2 self-end pb-1 text-sm text-slate-700">
            <legend className="text-xs font-medium text-slate-600">Extra columns</legend>
            {/* Tells the loader the form chose the columns (unticked boxes post nothing): it remembers them. */}
            <input type="hidden" name="cols" value="1" />
            <label className="mr-4 inline-flex items-center gap-2">
              <input type="checkbox" name="os" value="1" defaultChecked={columns.os} key={`os:${columns.os}`} className="rounded border-slate-300" />
              Operating system
            </label>
            <label className="inline-flex items-center gap-2">
              <input type="checkbox" name="wend" value="1" defaultChecked={columns.warrantyEnd} key={`wend:${columns.warrantyEnd}`} className="rounded border-slate-300" />
              Warranty end
            </label>
          </fieldset>
          <div className="col-span-2 flex items-center gap-3">
            <Button variant="secondary">Apply</Button>
            {filtered ? (
              <Link to="/assets" className="text-sm text-indigo-600 hover:underline">
                Clear filters
              </Link>
            ) : null}
          </div>
        </FilterBar>
      </Form>

      {filters.age || filters.warranty ? (
        <div className="mb-4 flex flex-wrap items-center gap-2 text-sm">
          <span className="text-slate-600">From Device Reports:</span>
          {filters.age ? (
            <Link to={withParams({ age: null })} className="rounded-full bg-indigo-50 px-3 py-1 text-indigo-700 hover:bg-indigo-100" aria-label="Remove the device age filter">
              Device age {AGE_BAND_LABELS[filters.age]} ✕
            </Link>
          ) : null}
          {filters.warranty ? (
            <Link to={withParams({ warranty: null })} className="rounded-full bg-indigo-50 px-3 py-1 text-indigo-700 hover:bg-indigo-100" aria-label="Remove the warranty filter">
              Warranty: {WARRANTY_BAND_LABELS[filters.warranty]} ✕
            </Link>
          ) : null}
        </div>
      ) : null}

      {!hasAnyAsset ? (
        <EmptyState
          title="No assets yet"
          action={
            <div className="flex justify-center gap-2">
              {canWrite ? <ButtonLink to="/assets/new" variant="primary">Add an asset</ButtonLink> : null}
              <ButtonLink to="/settings/integrations">Connect NinjaOne</ButtonLink>
            </div>
          }
        >
          Add your first asset by hand, or connect NinjaOne in Settings &gt; Integrations and sync your devices.
        </EmptyState>
      ) : rows.length === 0 ? (
        <EmptyState title="No assets match these filters" action={<ButtonLink to="/assets">Clear filters</ButtonLink>}>
          Try another search or fewer filters. Search finds three or more characters anywhere in a name or serial number; one or two match the start of a name.
        </EmptyState>
      ) : (
        <>
          {/* Row links are plain anchors that InAppLinks routes in the app (no document load). */}
          <InAppLinks className={navigation.state === "loading" ? "opacity-60 transition-opacity" : undefined}>
            <Table>
              <thead className="bg-slate-50">
                <tr>
                  <Th>Name</Th>
                  <Th>Category</Th>
                  <Th>Status</Th>
                  <Th>Customer</Th>
                  <Th>Serial number</Th>
                  {columns.os ? <Th>Operating system</Th> : null}
                  {columns.warrantyEnd ? <Th>Warranty end</Th> : null}
                  <Th>Source</Th>
                  <Th>
                    <span className="sr-only">Actions</span>
                  </Th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {rows.map((a) => (
                  <tr key={a.id} className="hover:bg-slate-50">
                    <td>
                      <a href={`/assets/${a.id}`} className="font-medium text-indigo-700 hover:underline">
                        {a.name}
                      </a>
                      {a.makeModel ? <p className="text-xs text-slate-500">{a.makeModel}</p> : null}
                    </td>
                    <td>{a.category}</td>
                    <td>
                      <AssetStatusBadge status={a.status} />
                    </td>
                    <td>
                      {a.customerId && a.customerName ? (
                        <a href={`/customers/${a.customerId}`} className="hover:underline">
                          {a.customerName}
                        </a>
                      ) : (
                        <span className="text-slate-400">No customer</span>
                      )}
                    </td>
                    <td className="font-mono text-xs">{a.serialNumber ?? <span className="font-sans text-slate-400">—</span>}</td>
                    {columns.os ? <td>{a.osName ?? <span className="text-slate-400">—</span>}</td> : null}
                    {columns.warrantyEnd ? <td className="whitespace-nowrap tabular-nums">{a.warrantyEnd ?? <span className="text-slate-400">—</span>}</td> : null}
                    <td>
                      {a.source === "ninjaone" ? (
                        <span className="inline-flex items-center gap-2">
                          <NinjaBadge />
                          <OnlineDot offline={a.ninjaOffline} withLabel />
                        </span>
                      ) : (
                        <span className="text-slate-500">Added by hand</span>
                      )}
                    </td>
                    <td className="text-right">{a.dashboardUrl ? <OpenInNinjaLink href={a.dashboardUrl} deviceName={a.name} /> : null}</td>
                  </tr>
                ))}
              </tbody>
            </Table>
          </InAppLinks>
          <nav aria-label="Pages" className="mt-4 flex items-center justify-between text-sm">
            <p className="text-slate-600" data-testid="asset-count">
              {`Showing ${formatCount(rows.length)} of ${formatCount(total.count)}${total.capped ? "+" : ""} ${total.count === 1 && !total.capped ? "asset" : "assets"}`}
            </p>
            <div className="flex gap-2">
              {prev ? <ButtonLink to={withParams({ before: prev })}>← Previous</ButtonLink> : null}
              {next ? <ButtonLink to={withParams({ after: next })}>Next page →</ButtonLink> : null}
            </div>
          </nav>
        </>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
