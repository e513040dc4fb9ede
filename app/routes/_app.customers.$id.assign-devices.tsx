// Bulk Device Assignment (seed 003): a customer's NinjaOne devices without a contact, with a
// checkbox and a contact picker per row and "Assign all selected to". Confirm assigns them all or
// none, through the same service as the API and Bulk Contact Association.
import { requestIp } from "~/lib/audit.server";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/cloudflare";
import { Form, Link, useActionData, useLoaderData, useLocation, useNavigation } from "@remix-run/react";
import { formatDistanceStrict } from "date-fns";
import { useState } from "react";
import { assetCursorSchema, contactOptions, listAssets, type ListAssetsOptions } from "@workers/db/assets";
import { getCustomer } from "@workers/db/customers";
import { assignableDeviceFilters, countAssets } from "@workers/db/device-assignment";
import { nodeClassLabel } from "@workers/domain/categories";
import { OnlineDot } from "~/components/assets";
import { ContactPicker, type ContactChoice } from "~/components/ContactPicker";
import { useHydrated } from "~/components/charts/useHydrated";
import { GeneralErrorBoundary } from "~/components/ErrorBoundary";
import { FilterBar, FilterSelect } from "~/components/filters";
import { Alert, Button, ButtonLink, EmptyState, PageHeader, Table, Td, Th } from "~/components/ui";
import { encodeCursor } from "~/lib/api.server";
import { ASSET_CATEGORIES } from "~/lib/asset-fields";
import { bulkAssignFromForm, readAssignFilters } from "~/lib/device-assignment.server";
import { requirePermission } from "~/lib/guards.server";
import { redirectWithToast } from "~/lib/toast.server";
import { newId } from "@workers/crypto";
import { countOf } from "@workers/domain/numbers";
import { pageNotFound, twoWayCursorFromUrl } from "~/lib/pages.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Assign Devices · ${data?.customer.name ?? "Customer"} · Core` }];

const PAGE_SIZE = 100;
/** Up to this many contacts, every row gets a plain <select> without JavaScript. */
const ROW_FALLBACK_MAX = 30;

const pageCursor = (url: URL): ListAssetsOptions["cursor"] => twoWayCursorFromUrl(url, assetCursorSchema);

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { workspace } = await requirePermission(context, request, "assets:write");
  const customer = await getCustomer(context.db, workspace.id, params.id ?? "");
  if (!customer) throw pageNotFound("Customer");
  const url = new URL(request.url);
  const filters = readAssignFilters(url);
  const now = context.now();
  const assetFilters = assignableDeviceFilters(customer.id, filters);
  const [page, total, contacts] = await Promise.all([
    listAssets(context.db, workspace.id, { filters: assetFilters, sort: "name", limit: PAGE_SIZE, cursor: pageCursor(url), now }),
    countAssets(context.db, workspace.id, assetFilters, now),
    contactOptions(context.db, workspace.id, customer.id),
  ]);
  const assigned = Number(url.searchParams.get("assigned"));
  const choices = contacts.map((c) => ({ id: c.id, name: c.name, email: c.email }));
  return {
    customer: { id: customer.id, name: customer.name },
    filters,
    total,
    rows: page.rows.map((a) => ({
      id: a.id,
      name: a.name,
      deviceType: nodeClassLabel(a.ninjaNodeClass),
      category: a.category,
      offline: a.ninjaOffline,
      lastSeen: a.ninjaLastContact ? `${formatDistanceStrict(a.ninjaLastContact, now)} ago` : null,
    })),
    next: page.next ? encodeCursor(page.next) : null,
    prev: page.prev ? encodeCursor(page.prev) : null,
    // For the no-JavaScript form: "Assign all selected to" lists the first 500 contacts; rows get a
    // <select> only for small customers (the searching picker needs JavaScript).
    bulkFallback: choices,
    rowFallback: choices.length <= ROW_FALLBACK_MAX ? choices : null,
    assigned: Number.isSafeInteger(assigned) && assigned > 0 ? assigned : null,
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { workspace, user } = await requirePermission(context, request, "assets:write");
  const customer = await getCustomer(context.db, workspace.id, params.id ?? "");
  if (!customer) throw pageNotFound("Customer");
  const form = await request.formData();
  const undo = { id: newId(), userId: user.id };
  const outcome = await bulkAssignFromForm(context, workspace.id, customer.id, { id: user.id, name: user.name }, form, requestIp(request), undo);
  if (!outcome.ok) return data(outcome, { status: 422 });
  const back = new URLSearchParams();
  for (const key of ["category", "online"] as const) {
    const value = form.get(key);
    if (typeof value === "string" && value) back.set(key, value);
  }
  back.set("assigned", String(outcome.assigned));
  return redirectWithToast(request, `/customers/${customer.id}/assign-devices?${back}`, {
    message: `${countOf(outcome.assigned, "device", "devices")} assigned.`,
    undoId: outcome.undoable ? undo.id : undefined,
  });
}

const plural = (n: number, one: string, many: string) => `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;

export default function AssignDevicesPage() {
  const loaderData = useLoaderData<typeof loader>();
  const location = useLocation();
  const { customer, filters, total, assigned } = loaderData;
  const withParams = (extra: Record<string, string>) => {
    const p = new URLSearchParams();
    if (filters.category) p.set("category", filters.category);
    if (filters.online) p.set("online", filters.online);
    for (const [k, v] of Object.entries(extra)) p.set(k, v);
    return `?${p}`;
  };
  const filtered = Boolean(filters.category || filters.online);
  return (
    <>
      <PageHeader
        title="Assign Devices"
        description={
          <>
            <Link to={`/customers/${customer.id}`} className="text-indigo-700 hover:underline">
              {customer.name}
            </Link>
            {`: ${plural(total, "NinjaOne device", "NinjaOne devices")} without a contact${filtered ? " match the filters" : ""}`}
          </>
        }
        actions={<ButtonLink to={`/customers/${customer.id}`}>Back to {customer.name}</ButtonLink>}
      />
      {assigned ? <Alert tone="green">{`Assigned ${plural(assigned, "device", "devices")} to contacts.`}</Alert> : null}
      <Form method="get" replace>
        <FilterBar>
          <FilterSelect label="Category" name="category" value={filters.category} anyLabel="Any category" options={ASSET_CATEGORIES.map((c) => ({ value: c, label: c }))} />
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
          <div>
            <Button variant="secondary">Apply filters</Button>
          </div>
        </FilterBar>
      </Form>
      {loaderData.rows.length === 0 ? (
        <EmptyState
          title={filtered ? "No devices without a contact match these filters" : `Every NinjaOne device of ${customer.name} has a contact`}
          action={filtered ? <ButtonLink to={`/customers/${customer.id}/assign-devices`}>Clear filters</ButtonLink> : undefined}
        >
          {filtered ? "Try other filters." : "Devices synced later without a contact will show up here."}
        </EmptyState>
      ) : (
        // A new page of rows (after paging, filtering or assigning) starts with a clean selection.
        <AssignForm key={location.key} data={loaderData} />
      )}
      {loaderData.prev || loaderData.next ? (
        <nav aria-label="Pages" className="mt-4 flex justify-end gap-2 text-sm">
          {loaderData.prev ? <ButtonLink to={withParams({ before: loaderData.prev })}>← Previous</ButtonLink> : null}
          {loaderData.next ? <ButtonLink to={withParams({ after: loaderData.next })}>Next page →</ButtonLink> : null}
        </nav>
      ) : null}
    </>
  );
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

function AssignForm({ data: d }: { data: LoaderData }) {
  const hydrated = useHydrated();
  const navigation = useNavigation();
  const actionData = useActionData<typeof action>();
  const rowErrors = actionData && !actionData.ok ? actionData.rows : {};
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [rowContacts, setRowContacts] = useState<Readonly<Record<string, ContactChoice>>>({});
  const [bulk, setBulk] = useState<ContactChoice | null>(null);
  const [allMatching, setAllMatching] = useState(false);
  const optionsUrl = `/customers/${d.customer.id}/contact-options`;

  const pageIds = d.rows.map((r) => r.id);
  const allOnPage = pageIds.length > 0 && pageIds.every((id) => selected.has(id));
  const chosen = new Set([...selected, ...Object.keys(rowContacts)]);
  const count = allMatching ? Math.max(d.total, chosen.size) : chosen.size;
  const needsContact = allMatching ? !bulk && d.total > Object.keys(rowContacts).length : [...selected].some((id) => !rowContacts[id]) && !bulk;
  const busy = navigation.state === "submitting";

  const toggle = (id: string, on: boolean) => {
    setSelected((prev) => {
      const next = new Set(prev);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
    // Unticking a device also drops the contact picked for it.
    if (!on)
      setRowContacts((prev) => {
        const { [id]: _dropped, ...rest } = prev;
        return rest;
      });
  };

  return (
    <Form method="post" aria-label="Assign devices">
      {d.filters.category ? <input type="hidden" name="category" value={d.filters.category} /> : null}
      {d.filters.online ? <input type="hidden" name="online" value={d.filters.online} /> : null}
      {actionData && !actionData.ok ? <Alert>{actionData.error}</Alert> : null}
      <div className="mb-4 flex flex-wrap items-end gap-3 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
        <div className="w-72">
          <span className="block text-xs font-medium text-slate-600" id="bulk-contact-label">
            Assign all selected to
          </span>
          <ContactPicker
            name="bulkContactId"
            label="Assign all selected to"
            optionsUrl={optionsUrl}
            value={bulk}
            onChange={setBulk}
            fallback={d.bulkFallback}
            className="mt-1"
          />
        </div>
        {d.total > d.rows.length ? (
          <label className="flex items-center gap-2 text-sm text-slate-700">
            <input type="checkbox" name="scope" value="all" checked={allMatching} onChange={(e) => setAllMatching(e.target.checked)} />
            {`Select all ${d.total.toLocaleString("en-US")} matching devices (every page)`}
          </label>
        ) : null}
        <div className="ml-auto flex items-center gap-3">
          {hydrated && needsContact && count > 0 ? <span className="text-xs text-amber-700">Some selected devices have no contact yet.</span> : null}
          <Button disabled={busy || (hydrated && count === 0)}>
            {busy ? "Assigning…" : hydrated ? `Confirm: assign ${plural(count, "device", "devices")}` : "Confirm assignments"}
          </Button>
        </div>
      </div>
      <Table>
        <thead className="bg-slate-50">
          <tr>
            <Th className="w-10">
              {hydrated ? (
                <input
                  type="checkbox"
                  aria-label="Select all devices on this page"
                  checked={allOnPage || allMatching}
                  disabled={allMatching}
                  onChange={(e) => setSelected(e.target.checked ? new Set(pageIds) : new Set())}
                />
              ) : (
                <span className="sr-only">Select</span>
              )}
            </Th>
            <Th>Device</Th>
            <Th>Type</Th>
            <Th>State</Th>
            <Th className="w-72">Contact</Th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {d.rows.map((r) => {
            const own = rowContacts[r.id] ?? null;
            const isSelected = allMatching || selected.has(r.id) || own !== null;
            const errors = rowErrors[r.id];
            return (
              <tr key={r.id} className={isSelected && hydrated ? "bg-indigo-50/40" : undefined}>
                <Td>
                  <input
                    type="checkbox"
                    name="assetId"
                    value={r.id}
                    aria-label={`Select ${r.name}`}
                    checked={isSelected}
                    disabled={hydrated && allMatching}
                    onChange={(e) => toggle(r.id, e.target.checked)}
                  />
                </Td>
                <Td>
                  <Link to={`/assets/${r.id}`} className="font-medium text-indigo-700 hover:underline">
                    {r.name}
                  </Link>
                </Td>
                <Td>
                  {r.deviceType}
                  <span className="block text-xs text-slate-500">{r.category}</span>
                </Td>
                <Td>
                  <span title={r.lastSeen ? `Last seen ${r.lastSeen}` : "Never seen"}>
                    <OnlineDot offline={r.offline} withLabel />
                  </span>
                </Td>
                <Td>
                  <ContactPicker
                    name={`contact.${r.id}`}
                    label={`Contact for ${r.name}`}
                    optionsUrl={optionsUrl}
                    value={own}
                    onChange={(contact) =>
                      setRowContacts((prev) => {
                        const next = { ...prev };
                        if (contact) next[r.id] = contact;
                        else delete next[r.id];
                        return next;
                      })
                    }
                    placeholder={isSelected && bulk ? `→ ${bulk.name}` : "Search contacts…"}
                    fallback={d.rowFallback}
                  />
                  {errors ? <p className="mt-1 text-xs text-rose-700">{errors.join(" ")}</p> : null}
                </Td>
              </tr>
            );
          })}
        </tbody>
      </Table>
      <p className="mt-3 text-xs text-slate-500">
        A device with its own contact gets that contact; every other selected device gets the one in “Assign all selected to”. Confirm assigns all of them or
        none, and records who assigned each device in its history.
      </p>
    </Form>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
