import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/cloudflare";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { formatDistanceStrict } from "date-fns";
import { z } from "zod";
import { newId } from "@workers/crypto";
import { getAsset } from "@workers/db/assets";
import { loadAssetPage } from "@workers/db/asset-page";
import { assetDashboardUrl } from "@workers/db/ninja-links";
import { canDeleteAsset, needsUnlistedReview } from "@workers/domain/asset-rules";
import { AGE_BAND_LABELS, ageBand, deviceAge, deviceStartMs, warrantyBand } from "@workers/domain/lifecycle";
import { EolBadge } from "~/components/lifecycle";
import { assetLifecycle } from "~/lib/lifecycle.server";
import { AssetStatusBadge, NinjaBadge, OnlineDot, OpenInNinjaLink, WarrantyBadge } from "~/components/assets";
import { GeneralErrorBoundary } from "~/components/ErrorBoundary";
import { Alert, Badge, Button, ButtonLink, Card, EmptyState, formatDateTime, formatDay, PageHeader } from "~/components/ui";
import { SOURCE_LABELS, STATUS_LABELS } from "~/lib/asset-fields";
import { removeAsset } from "~/lib/assets.server";
import { requirePermission, requireUser } from "~/lib/guards.server";
import { redirectWithToast } from "~/lib/toast.server";
import { useCan } from "~/lib/use-app";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.asset.name ?? "Asset"} · Core` }];

const MATCHED_BY_LABELS: Record<string, string> = {
  ninja_id: "Linked by NinjaOne id",
  serial: "Matched by serial number",
  name: "Matched by name",
  created: "Created from the device",
};

// asset_events.changes is JSON written by the sync: { field: [before, after] }.
const Changes = z.record(z.string(), z.tuple([z.unknown(), z.unknown()]));

function describeValue(value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  return typeof value === "string" ? value : JSON.stringify(value);
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { user, workspace } = await requireUser(context, request);
  // Everything the page shows in one batch of reads (workers/db/asset-page.ts).
  const page = params.id && params.id.length <= 100 ? await loadAssetPage(context.db, workspace.id, params.id) : undefined;
  if (!page) throw new Response("This asset does not exist in your workspace.", { status: 404, statusText: "Not Found" });
  const { detail, events, links } = page;
  const asset = detail.asset;
  const now = context.now();
  const lifecycle = assetLifecycle(page.book, asset, user.role, now);
  const age = deviceAge(asset, now);
  return {
    asset,
    customer: detail.customer,
    contact: detail.contact,
    ninja: detail.ninja,
    dashboardUrl: assetDashboardUrl(links, asset),
    timeZone: user.timeZone,
    // Relative texts are made here, with the server's clock, so the page hydrates unchanged.
    // The NinjaOne card says how long ago NinjaOne first saw the device; the age is in Details.
    ageText: asset.ninjaCreatedAt === null ? null : `first seen ${formatDistanceStrict(asset.ninjaCreatedAt, now)} ago`,
    age: age ? { label: age.label, estimate: age.estimate, band: AGE_BAND_LABELS[ageBand(deviceStartMs(asset), now)] } : null,
    lifecycle,
    lastContactText: asset.ninjaLastContact ? `${formatDistanceStrict(asset.ninjaLastContact, now)} ago` : null,
    warranty: warrantyBand(asset.warrantyEnd, now),
    events: events.map((e) => {
      let changes: Array<{ field: string; before: string; after: string }> = [];
      // An assignment's summary names the contacts; its change list would only repeat them as ids.
      if (e.changes && e.kind !== "assigned") {
        try {
          const parsed = Changes.safeParse(JSON.parse(e.changes));
          if (parsed.success) {
            changes = Object.entries(parsed.data).map(([field, [before, after]]) => ({
              field,
              before: describeValue(before),
              after: describeValue(after),
            }));
          }
        } catch {
          // A change list we cannot read is left out; the summary still says what happened.
        }
      }
      return { id: e.id, kind: e.kind, summary: e.summary, createdAt: e.createdAt, changes };
    }),
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { workspace, user } = await requirePermission(context, request, "assets:write");
  const form = await request.formData();
  if (form.get("intent") !== "delete") return data({ error: "Unknown action." }, { status: 400 });
  const undo = { id: newId(), userId: user.id };
  const before = await getAsset(context.db, workspace.id, params.id ?? "");
  const result = await removeAsset(context, workspace.id, params.id ?? "", undo);
  if (result === "not_found") throw new Response("This asset does not exist in your workspace.", { status: 404 });
  if (result === "synced") {
    return data(
      { error: "Assets synced from NinjaOne cannot be deleted here: the next sync would bring them back. Remove the device in NinjaOne." },
      { status: 409 },
    );
  }
  return redirectWithToast(request, "/assets", { message: `${before?.name ?? "The asset"} deleted.`, undoId: undo.id });
}

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</dt>
      <dd className="mt-1 text-sm text-slate-900">{children ?? <span className="text-slate-400">—</span>}</dd>
    </div>
  );
}

function warrantyPeriod(start: string | null, end: string | null): string | null {
  if (start && end) return `${formatDay(start)} to ${formatDay(end)}`;
  if (end) return `ends ${formatDay(end)}`;
  if (start) return `from ${formatDay(start)}`;
  return null;
}

const orDash = (v: string | number | null | undefined) => (v === null || v === undefined || v === "" ? null : v);

export default function AssetPage() {
  const { asset, customer, contact, ninja, dashboardUrl, timeZone, ageText, age, lifecycle, lastContactText, warranty, events } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const canWrite = useCan("assets:write");
  const location = useLocation();
  const confirmingDelete = new URLSearchParams(location.search).has("delete");
  const synced = asset.source === "ninjaone";
  const linkedToNinja = synced || asset.ninjaDeviceId !== null;
  const deletable = canWrite && canDeleteAsset(asset.source);

  return (
    <>
      <PageHeader
        title={asset.name}
        description={
          <span className="inline-flex flex-wrap items-center gap-2">
            <AssetStatusBadge status={asset.status} />
            <span>{asset.category}</span>
            {synced ? <NinjaBadge /> : null}
            {synced ? <OnlineDot offline={asset.ninjaOffline} withLabel /> : null}
          </span>
        }
        actions={
          canWrite ? (
            <>
              <ButtonLink to={`/assets/${asset.id}/edit`}>Edit</ButtonLink>
              {deletable ? <ButtonLink to="?delete" variant="danger">Delete</ButtonLink> : null}
            </>
          ) : null
        }
      />

      {actionData?.error ? <Alert>{actionData.error}</Alert> : null}
      {confirmingDelete && deletable ? (
        <div role="alertdialog" aria-labelledby="delete-title" className="mb-6 rounded-lg bg-rose-50 p-4 ring-1 ring-rose-200">
          <p id="delete-title" className="font-medium text-rose-900">
            {`Delete ${asset.name}?`}
          </p>
          <p className="mt-1 text-sm text-rose-800">The asset and its history are removed. You can undo this for 10 minutes (Undo on the message that follows).</p>
          <Form method="post" className="mt-3 flex items-center gap-3">
            <input type="hidden" name="intent" value="delete" />
            <Button variant="danger">Delete asset</Button>
            <Link to="." className="text-sm text-slate-700 hover:underline">
              Cancel
            </Link>
          </Form>
        </div>
      ) : null}

      <div className="grid grid-cols-1 gap-6 xl:grid-cols-3">
        <Card title="Details" className="xl:col-span-2">
          <dl className="grid grid-cols-1 gap-5 sm:grid-cols-3">
            <Field label="Manufacturer">{orDash(asset.manufacturer)}</Field>
            <Field label="Model">{orDash(asset.model)}</Field>
            <Field label="Serial number">{asset.serialNumber ? <span className="font-mono">{asset.serialNumber}</span> : null}</Field>
            <Field label="Status">{STATUS_LABELS[asset.status]}</Field>
            <Field label="Category">{asset.category}</Field>
            <Field label="Operating system">{orDash(asset.ninjaOsName)}</Field>
            <Field label="Source">{SOURCE_LABELS[asset.source]}</Field>
            <Field label="Customer">
              {customer ? (
                <Link to={`/customers/${customer.id}`} className="text-indigo-700 hover:underline">
                  {customer.name}
                </Link>
              ) : null}
              {customer && linkedToNinja && asset.customerSource === "person" ? (
                <span className="mt-1 block text-xs text-slate-500">Set by hand: kept until its NinjaOne organization is mapped to a customer.</span>
              ) : null}
            </Field>
            <Field label="Assigned contact">
              {contact ? (
                <Link to={`/contacts/${contact.id}`} className="text-indigo-700 hover:underline">
                  {contact.name}
                </Link>
              ) : null}
            </Field>
            <Field label="Purchase date">{asset.purchaseDate ? formatDay(asset.purchaseDate) : null}</Field>
            <Field label="Install date">{asset.installDate ? formatDay(asset.installDate) : null}</Field>
            <Field label="Age">
              {age ? (
                <span data-testid="asset-age" className={age.estimate ? "text-amber-800" : undefined} title={`Age band ${age.band}`}>
                  {age.label}
                </span>
              ) : (
                <span className="text-slate-500">Unknown: no purchase date, warranty start or NinjaOne first-seen date</span>
              )}
            </Field>
            {lifecycle ? (
              <Field label="Replacement">
                <span className="inline-flex flex-wrap items-center gap-2" data-testid="asset-replacement">
                  <EolBadge classification={lifecycle.classification} />
                  {lifecycle.dueDate ? <span>{`due ${formatDay(lifecycle.dueDate)}`}</span> : null}
                  <Link to={lifecycle.policyHref} className="text-xs text-indigo-700 hover:underline">
                    {lifecycle.policyText}
                  </Link>
                </span>
              </Field>
            ) : null}
            <Field label="Warranty">
              <span className="inline-flex flex-wrap items-center gap-2">
                <WarrantyBadge band={warranty} />
                {warrantyPeriod(asset.warrantyStart, asset.warrantyEnd)}
              </span>
            </Field>
            <Field label="Added">{formatDateTime(asset.createdAt, timeZone)}</Field>
            <Field label="Last updated">{formatDateTime(asset.updatedAt, timeZone)}</Field>
            <div className="sm:col-span-3">
              <Field label="Notes">{asset.notes ? <span className="whitespace-pre-line">{asset.notes}</span> : null}</Field>
            </div>
          </dl>
        </Card>

        {linkedToNinja ? (
          <Card title="NinjaOne" actions={dashboardUrl ? <OpenInNinjaLink href={dashboardUrl} deviceName={asset.name} /> : null}>
            {asset.ninjaDeletedAt ? (
              <Alert tone="amber">NinjaOne confirmed this device deleted at the sync of {formatDateTime(asset.ninjaDeletedAt, timeZone)}.</Alert>
            ) : null}
            {needsUnlistedReview(asset) ? (
              <Alert tone="amber">
                Needs a look: NinjaOne has left this device out of its device list for {asset.ninjaUnlistedRuns} syncs in a row, but still answers for it on
                its own. Its status was left as it is; check the device in NinjaOne.
              </Alert>
            ) : null}
            <dl className="grid grid-cols-1 gap-4 sm:grid-cols-2 xl:grid-cols-1">
              <Field label="Device id">{orDash(asset.ninjaDeviceId)}</Field>
              <Field label="Device uid">{asset.ninjaDeviceUid ? <span className="break-all font-mono text-xs">{asset.ninjaDeviceUid}</span> : null}</Field>
              <Field label="Node class">{orDash(asset.ninjaNodeClass)}</Field>
              <Field label="Organization">
                {asset.ninjaOrgId !== null ? `${ninja.organization ?? "Unknown organization"} (id ${asset.ninjaOrgId})` : null}
              </Field>
              <Field label="Location">{asset.ninjaLocationId !== null ? `${ninja.location ?? "Unknown location"} (id ${asset.ninjaLocationId})` : null}</Field>
              <Field label="Role">{asset.ninjaRoleId !== null ? `${ninja.role ?? "Unknown role"} (id ${asset.ninjaRoleId})` : null}</Field>
              <Field label="Online status">
                {asset.ninjaOffline === null ? null : <OnlineDot offline={asset.ninjaOffline} withLabel />}
              </Field>
              <Field label="Last contact">
                {asset.ninjaLastContact ? `${formatDateTime(asset.ninjaLastContact, timeZone)} (${lastContactText})` : null}
              </Field>
              <Field label="Last logged-in user">{orDash(asset.ninjaLastLoggedInUser)}</Field>
              <Field label="Created in NinjaOne">
                {asset.ninjaCreatedAt ? `${formatDateTime(asset.ninjaCreatedAt, timeZone)}${ageText ? ` · ${ageText}` : ""}` : null}
              </Field>
              <Field label="Warranty">
                <span className="inline-flex flex-wrap items-center gap-2">
                  <WarrantyBadge band={warranty} />
                  {asset.warrantyEnd ? <span>ends {formatDay(asset.warrantyEnd)}</span> : null}
                </span>
              </Field>
              <Field label="Why it was matched">
                {asset.matchedBy || asset.matchReason ? (
                  <span>
                    {asset.matchedBy ? <Badge tone="blue">{MATCHED_BY_LABELS[asset.matchedBy] ?? asset.matchedBy}</Badge> : null}
                    {asset.matchReason ? <span className="mt-1 block">{asset.matchReason}</span> : null}
                  </span>
                ) : (
                  "No match has been recorded yet."
                )}
              </Field>
            </dl>
          </Card>
        ) : null}
      </div>

      {linkedToNinja || events.length > 0 ? (
        <section className="mt-6" aria-labelledby="sync-changes">
          <h2 id="sync-changes" className="mb-3 text-base font-semibold">
            Last changes from syncs and assignments
          </h2>
          {events.length === 0 ? (
            <EmptyState title="No sync has changed this asset yet">Changes NinjaOne syncs make to this asset will be listed here, newest first.</EmptyState>
          ) : (
            <ol className="divide-y divide-slate-100 rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
              {events.map((e) => (
                <li key={e.id} className="px-4 py-3 text-sm">
                  <div className="flex flex-wrap items-center gap-2">
                    <Badge tone="gray">{e.kind}</Badge>
                    <span className="font-medium">{e.summary}</span>
                    <span className="ml-auto text-xs text-slate-500">{formatDateTime(e.createdAt, timeZone)}</span>
                  </div>
                  {e.changes.length ? (
                    <ul className="mt-1 space-y-0.5 text-xs text-slate-600">
                      {e.changes.map((c) => (
                        <li key={c.field}>
                          <span className="font-medium">{c.field}</span>
                          {`: ${c.before} → ${c.after}`}
                        </li>
                      ))}
                    </ul>
                  ) : null}
                </li>
              ))}
            </ol>
          )}
        </section>
      ) : null}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
