// The quick mapping panel: "Map Organizations" on the Device Sync card. A child route of the NinjaOne
// page drawn as a slide-over on top of it, so without JavaScript it is simply that page with the panel
// open; closing it is a link back. Organizations needing a person come first.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/cloudflare";
import { Link, useActionData, useLoaderData, useNavigate } from "@remix-run/react";
import { useEffect } from "react";
import { OrgMappingForm, SavedAlert } from "~/components/ninjaone/OrgMapping";
import { MAP_PANEL, MAPPINGS_PAGE } from "~/components/ninjaone/OrgMappingCard";
import { ButtonLink, EmptyState, formatCount } from "~/components/ui";
import { newId } from "@workers/crypto";
import { auditFromSession } from "~/lib/audit.server";
import { requirePermission } from "~/lib/guards.server";
import { redirectWithToast } from "~/lib/toast.server";
import { mappingSavedToast, afterSaveUrl, orgMappingPage, saveMappingForm } from "~/lib/org-mapping.server";
import { NINJA_SETTINGS_PAGE } from "~/lib/sync-paths";

const PAGE_SIZE = 25;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { workspace } = await requirePermission(context, request, "integrations:manage");
  return orgMappingPage(context, workspace.id, new URL(request.url), { pageSize: PAGE_SIZE, attentionFirst: true });
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

export default function MapOrganizationsPanel() {
  const { rows, summary, page, pageCount, flash, draftKey } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const navigate = useNavigate();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") navigate(NINJA_SETTINGS_PAGE, { preventScrollReset: true });
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [navigate]);

  return (
    <div className="fixed inset-0 z-40 flex justify-end" role="dialog" aria-modal="true" aria-labelledby="map-orgs-title">
      <Link to={NINJA_SETTINGS_PAGE} preventScrollReset className="absolute inset-0 bg-slate-900/40" aria-hidden="true" tabIndex={-1} />
      <div className="relative flex h-full w-full max-w-2xl flex-col overflow-y-auto bg-slate-50 shadow-xl">
        <div className="sticky top-0 z-10 flex items-start justify-between gap-4 border-b border-slate-200 bg-white px-5 py-4">
          <div>
            <h2 id="map-orgs-title" className="text-lg font-semibold">
              Map Organizations
            </h2>
            <p className="mt-0.5 text-sm text-slate-600">
              {summary.total === 0
                ? "No organizations yet."
                : `${formatCount(summary.total)} NinjaOne organizations · ${formatCount(summary.needingAttention)} need attention · ${formatCount(summary.byStatus.auto)} auto-matched`}
            </p>
          </div>
          <Link to={NINJA_SETTINGS_PAGE} preventScrollReset className="rounded-md px-2 py-1 text-sm text-slate-600 ring-1 ring-slate-300 hover:bg-slate-50">
            Close
          </Link>
        </div>
        <div className="space-y-4 p-5">
          {flash && !failure ? <SavedAlert flash={flash} /> : null}
          {summary.total === 0 ? (
            <EmptyState title="No NinjaOne organizations yet">Click Sync Devices: the sync imports your organizations and matches them to customers by name.</EmptyState>
          ) : (
            <OrgMappingForm
              rows={rows}
              failure={failure}
              draftKey={draftKey}
              saved={flash !== null}
              variant="panel"
              autoCount={summary.byStatus.auto}
              footer={
                <span className="flex flex-wrap items-center gap-3">
                  {page > 1 ? <Link to={`${MAP_PANEL}?page=${page - 1}`} className="text-indigo-700 hover:underline">← Previous</Link> : null}
                  {pageCount > 1 ? <span>Page {page} of {pageCount}</span> : null}
                  {page < pageCount ? <Link to={`${MAP_PANEL}?page=${page + 1}`} className="text-indigo-700 hover:underline">Next →</Link> : null}
                </span>
              }
            />
          )}
          <div className="flex flex-wrap justify-end gap-2">
            {summary.byStatus.unmatched > 0 ? <ButtonLink to={`${MAPPINGS_PAGE}/create-customers`}>Create customers for all unmatched organizations</ButtonLink> : null}
            <ButtonLink to={MAPPINGS_PAGE}>Open the full review page</ButtonLink>
          </div>
        </div>
      </div>
    </div>
  );
}
