// Settings > Integrations > NinjaOne > Bulk Contact Association (seed 003, issue 11): one row per
// NinjaOne asset without a contact, Core's suggestions from its last logged-in user, an override
// picker, Apply Selected and Apply All High-Confidence (each one transaction of the assignment
// service). The inbox's "contact assignment" notice links here.
import { requestIp } from "~/lib/audit.server";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/cloudflare";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useState } from "react";
import { HIGH_CONFIDENCE } from "@workers/domain/contact-matching";
import type { AssociationRow } from "@workers/sync/contact-association";
import { GeneralErrorBoundary } from "~/components/ErrorBoundary";
import { ConfidenceBadge, ContactPicker, preselected, SuggestionSelect } from "~/components/ninjaone/ContactAssociation";
import { NinjaTabIntro } from "~/components/ninjaone/NinjaOneTabs";
import { Pagination } from "~/components/Pagination";
import { Alert, Button, EmptyState, Table, Td, Th } from "~/components/ui";
import { CONFIDENCE_FILTERS, CONTACT_ASSOCIATION_PAGE } from "~/lib/contact-association";
import { applyAssociationForm, associationPage } from "~/lib/contact-association.server";
import { requirePermission } from "~/lib/guards.server";
import { redirectWithToast } from "~/lib/toast.server";
import { newId } from "@workers/crypto";
import { countOf } from "@workers/domain/numbers";

export const meta: MetaFunction = () => [{ title: "Bulk Contact Association · NinjaOne · Core" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { workspace } = await requirePermission(context, request, "assets:write");
  return associationPage(context, workspace.id, new URL(request.url));
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { workspace, user } = await requirePermission(context, request, "assets:write");
  const url = new URL(request.url);
  const undo = { id: newId(), userId: user.id };
  const result = await applyAssociationForm(context, workspace.id, { type: "user", id: user.id, name: user.name }, await request.formData(), url, requestIp(request), undo);
  if (!result.ok) return data(result, { status: 422 });
  const next = new URLSearchParams(url.search);
  next.delete("cursor");
  next.set("assigned", String(result.assigned));
  if (result.more) next.set("more", "1");
  else next.delete("more");
  return redirectWithToast(request, `${CONTACT_ASSOCIATION_PAGE}?${next}`, {
    message: `${countOf(result.assigned, "device", "devices")} assigned to contacts.`,
    undoId: result.assigned > 0 ? undo.id : undefined,
  });
}

function Row({ index, row, errors }: { index: number; row: AssociationRow; errors: Record<string, string[]> }) {
  const [choice, setChoice] = useState(preselected(row));
  const rowErrors = Object.entries(errors).filter(([key]) => key.startsWith(`rows.${index}.`)).flatMap(([, messages]) => messages);
  return (
    <tr data-testid="association-row" data-asset-id={row.assetId}>
      <Td>
        <input type="hidden" name={`rows[${index}].assetId`} value={row.assetId} />
        <Link to={`/assets/${row.assetId}`} className="font-medium text-indigo-700 hover:underline">
          {row.assetName}
        </Link>
        {rowErrors.length ? <p className="mt-1 text-xs text-rose-700">{rowErrors.join(" ")}</p> : null}
      </Td>
      <Td>{row.customerName ?? <span className="text-slate-500">No customer</span>}</Td>
      <Td>
        {row.lastLoggedInUser ? <code className="text-xs">{row.lastLoggedInUser}</code> : <span className="text-slate-500">—</span>}
        {row.account?.system ? <p className="text-xs text-slate-500">{row.account.systemReason}: not a person</p> : null}
      </Td>
      <Td>
        <div className="flex items-center gap-2">
          <SuggestionSelect index={index} row={row} value={choice} onChange={setChoice} />
          {row.suggestions[0] ? <ConfidenceBadge confidence={row.suggestions[0].confidence} /> : null}
        </div>
        {row.suggestions[0] ? <p className="mt-1 text-xs text-slate-500">Best: {row.suggestions[0].label}{row.suggestions[0].ambiguous ? ", several contacts match" : ""}</p> : null}
      </Td>
      <Td>
        <ContactPicker index={index} row={row} invalid={errors[`rows.${index}.override`]} />
      </Td>
    </tr>
  );
}

export default function BulkContactAssociationPage() {
  const { rows, nextCursor, total, customers, filters, assigned, more, scanned } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const errors = failure && !failure.ok ? failure.fields : {};
  return (
    <div className="max-w-7xl">
      <NinjaTabIntro title="Bulk Contact Association">Whose device is it? Match each device's last logged-in user to a contact.</NinjaTabIntro>
      {assigned !== null ? (
        <Alert tone="green">
          <span data-testid="assigned-count">{assigned.toLocaleString("en-US")}</span> {assigned === 1 ? "device was" : "devices were"} assigned to contacts.
          {more ? " There are more high-confidence matches: click Apply All High-Confidence again." : ""}
        </Alert>
      ) : null}
      {failure && !failure.ok ? <Alert>{failure.error}</Alert> : null}

      <Form method="get" className="mb-4 flex flex-wrap items-end gap-3 text-sm" aria-label="Filters">
        <label className="flex flex-col gap-1">
          <span className="text-slate-600">Customer</span>
          <select name="customerId" defaultValue={filters.customerId} className="rounded-md border-0 py-1.5 pl-2.5 pr-8 ring-1 ring-inset ring-slate-300">
            <option value="">All customers</option>
            {customers.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1">
          <span className="text-slate-600">Confidence</span>
          <select name="minConfidence" defaultValue={filters.minConfidence} className="rounded-md border-0 py-1.5 pl-2.5 pr-8 ring-1 ring-inset ring-slate-300">
            {CONFIDENCE_FILTERS.map((f) => (
              <option key={f.value} value={f.value}>
                {f.label}
              </option>
            ))}
          </select>
        </label>
        <Button variant="secondary">Filter</Button>
        <span className="ml-auto text-slate-600" data-testid="unassigned-total">
          {total.toLocaleString("en-US")} NinjaOne {total === 1 ? "device has" : "devices have"} no contact
        </span>
      </Form>

      {rows.length === 0 ? (
        <EmptyState title={total === 0 ? "Every NinjaOne device has a contact" : "No device matches these filters"}>
          {total === 0
            ? "Devices synced from NinjaOne without a contact show up here with Core's suggestions."
            : nextCursor
              ? `None of the ${scanned.toLocaleString("en-US")} devices looked at on this page matches; try the next page.`
              : "Change the customer or confidence filter to see more devices."}
        </EmptyState>
      ) : null}

      <Form method="post" className="space-y-4">
        <p className="text-sm text-slate-600">
          Suggestions come from each device&apos;s last logged-in user, matched against the contacts of the device&apos;s customer: exact e-mail, the e-mail&apos;s
          local part, full name and username formats (firstname.lastname, flast, lastnamefirstname, …), ignoring accents, apostrophes, hyphens and case.
          Matches of {HIGH_CONFIDENCE}% or more are pre-selected. Local and system accounts get no suggestion.
        </p>
        {rows.length ? (
          <Table>
            <thead className="bg-slate-50">
              <tr>
                <Th>Device</Th>
                <Th>Customer</Th>
                <Th>Last logged-in user</Th>
                <Th>Suggested contact</Th>
                <Th>Override</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 bg-white">
              {rows.map((row, i) => (
                <Row key={row.assetId} index={i} row={row} errors={errors} />
              ))}
            </tbody>
          </Table>
        ) : null}
        <div className="flex flex-wrap items-center gap-3">
          {rows.length ? (
            <Button name="intent" value="apply-selected" disabled={busy}>
              Apply Selected
            </Button>
          ) : null}
          <Button name="intent" value="apply-high" variant="secondary" disabled={busy || total === 0}>
            Apply All High-Confidence
          </Button>
          <span className="text-xs text-slate-500">
            Apply All High-Confidence assigns every device{filters.customerId ? " of this customer" : ""} whose best match is {HIGH_CONFIDENCE}% or more, on every page, in one step.
          </span>
        </div>
      </Form>
      <Pagination nextCursor={nextCursor} shown={rows.length} unit="devices" />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
