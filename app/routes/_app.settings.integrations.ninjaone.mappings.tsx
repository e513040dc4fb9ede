// Settings > Integrations > NinjaOne > Organization Mapping: the full review page (and what the
// mapping notifications link to). Filters, search, a customer picker per organization, confirm all
// auto-matches, create a customer from an organization, Save Mappings (all or nothing).
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/cloudflare";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/ErrorBoundary";
import { NinjaTabIntro } from "~/components/ninjaone/NinjaOneTabs";
import { OrgMappingForm, OrgMappingLegend, SavedAlert } from "~/components/ninjaone/OrgMapping";
import { MAPPINGS_PAGE } from "~/components/ninjaone/OrgMappingCard";
import type { OrgMappingFilter } from "~/components/ninjaone/org-mapping-types";
import { Button, ButtonLink, Card, EmptyState, formatCount } from "~/components/ui";
import { newId } from "@workers/crypto";
import { auditFromSession } from "~/lib/audit.server";
import { requirePermission } from "~/lib/guards.server";
import { redirectWithToast } from "~/lib/toast.server";
import { mappingSavedToast, afterSaveUrl, orgMappingPage, saveMappingForm } from "~/lib/org-mapping.server";

export const meta: MetaFunction = () => [{ title: "Organization Mapping · NinjaOne · Core" }];

const PAGE_SIZE = 50;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { workspace } = await requirePermission(context, request, "integrations:manage");
  return orgMappingPage(context, workspace.id, new URL(request.url), { pageSize: PAGE_SIZE });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const session = await requirePermission(context, request, "integrations:manage");
  const undo = { id: newId(), userId: session.user.id };
  const result = await saveMappingForm(context, session.workspace.id, await request.formData(), auditFromSession(session, request), undo);
  if (result.ok) {
    return redirectWithToast(request, afterSaveUrl(request, result.flash), { message: mappingSavedToast(result.flash, Boolean(result.undoId)), undoId: result.undoId });
  }
  return data(result, { status: 422 });
}

const FILTER_LABELS: Record<OrgMappingFilter, string> = {
  all: "All statuses",
  attention: "Needs attention (unmatched or stale)",
  mapped: "Mapped",
  auto: "Auto-matched",
  unmatched: "Unmatched",
  stale: "Stale",
};

function pageHref(filter: { status: OrgMappingFilter; q: string }, page: number) {
  const params = new URLSearchParams();
  if (filter.status !== "all") params.set("status", filter.status);
  if (filter.q) params.set("q", filter.q);
  if (page > 1) params.set("page", String(page));
  const query = params.toString();
  return query ? `${MAPPINGS_PAGE}?${query}` : MAPPINGS_PAGE;
}

export default function OrganizationMappingPage() {
  const { rows, summary, filter, page, pageCount, matching, flash, draftKey } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const filtered = filter.status !== "all" || filter.q !== "";
  return (
    <div className="max-w-5xl">
      <NinjaTabIntro title="Organization Mapping">Review which Core customer each NinjaOne organization's devices belong to.</NinjaTabIntro>
      {flash && !failure ? <SavedAlert flash={flash} /> : null}

      {summary.total === 0 ? (
        <EmptyState
          title="No NinjaOne organizations yet"
          action={<ButtonLink to="/settings/integrations/ninjaone" variant="primary">Go to Device Sync</ButtonLink>}
        >
          Run Sync Devices on the NinjaOne page: it imports your organizations and matches them to customers by name. Then review them here.
        </EmptyState>
      ) : (
        <div className="space-y-5">
          {summary.complete ? (
            <Card>
              <div className="flex items-start gap-3" data-testid="mapping-complete">
                <span aria-hidden="true" className="flex h-9 w-9 shrink-0 items-center justify-center rounded-full bg-emerald-100 text-lg text-emerald-700">
                  ✓
                </span>
                <div>
                  <p className="font-semibold text-slate-900">{`All ${formatCount(summary.total)} organizations are mapped`}</p>
                  <p className="mt-0.5 text-sm text-slate-600">
                    Every NinjaOne device syncs under its customer. New organizations will show up here after a sync.{" "}
                    <Link to="/assets?source=ninjaone" className="text-indigo-700 hover:underline">
                      See the NinjaOne assets
                    </Link>
                  </p>
                </div>
              </div>
            </Card>
          ) : null}

          <Card title="Status">
            <OrgMappingLegend counts={summary.byStatus} hrefFor={(status) => pageHref({ status, q: "" }, 1)} />
            {summary.byStatus.unmatched > 0 ? (
              <div className="mt-3">
                <ButtonLink to={`${MAPPINGS_PAGE}/create-customers`}>Create customers for all unmatched organizations</ButtonLink>
              </div>
            ) : null}
          </Card>

          <Form method="get" className="flex flex-wrap items-end gap-3" role="search">
            <label className="text-sm">
              <span className="block font-medium text-slate-700">Status</span>
              <select name="status" defaultValue={filter.status} className="mt-1 rounded-md border-0 py-1.5 pl-2.5 pr-8 text-sm ring-1 ring-inset ring-slate-300">
                {Object.entries(FILTER_LABELS).map(([value, label]) => (
                  <option key={value} value={value}>
                    {label}
                  </option>
                ))}
              </select>
            </label>
            <label className="text-sm">
              <span className="block font-medium text-slate-700">Organization</span>
              <input
                type="search"
                name="q"
                defaultValue={filter.q}
                placeholder="Search by name"
                className="mt-1 rounded-md border-0 px-2.5 py-1.5 text-sm ring-1 ring-inset ring-slate-300"
              />
            </label>
            <Button variant="secondary">Filter</Button>
            {filtered ? (
              <Link to={MAPPINGS_PAGE} className="self-center text-sm text-slate-600 hover:underline">
                Clear
              </Link>
            ) : null}
            <span className="ml-auto self-center text-sm text-slate-600" data-testid="matching-count">
              {formatCount(matching)} of {formatCount(summary.total)} organizations
            </span>
          </Form>

          {rows.length === 0 ? (
            <EmptyState title="No organization matches these filters" action={<ButtonLink to={MAPPINGS_PAGE}>Show all organizations</ButtonLink>}>
              Try another status or search.
            </EmptyState>
          ) : (
            <OrgMappingForm
              rows={rows}
              failure={failure}
              draftKey={draftKey}
              saved={flash !== null}
              variant="page"
              autoCount={summary.byStatus.auto}
              footer={
                pageCount > 1 ? (
                  <nav aria-label="Pages" className="flex items-center gap-3">
                    {page > 1 ? <Link to={pageHref(filter, page - 1)} className="text-indigo-700 hover:underline">← Previous</Link> : null}
                    <span>
                      Page {page} of {pageCount} (your unsaved picks are kept while you page)
                    </span>
                    {page < pageCount ? <Link to={pageHref(filter, page + 1)} className="text-indigo-700 hover:underline">Next →</Link> : null}
                  </nav>
                ) : null
              }
            />
          )}
        </div>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
