// Settings > Integrations > NinjaOne > Organization Mapping > Create customers for all unmatched
// organizations: a preview of the customers it would create (one per organization, named after it),
// each with a checkbox; Create makes the ticked ones and maps their organizations, all or nothing.
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/cloudflare";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSubmit } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { GeneralErrorBoundary } from "~/components/ErrorBoundary";
import { MAPPINGS_PAGE } from "~/components/ninjaone/OrgMappingCard";
import { SettingsPageTitle } from "~/components/SettingsPageTitle";
import { Alert, Button, ButtonLink, Card, EmptyState, formatCount } from "~/components/ui";
import { auditFromSession } from "~/lib/audit.server";
import { requirePermission } from "~/lib/guards.server";
import { redirectWithToast } from "~/lib/toast.server";
import { countOf } from "@workers/domain/numbers";
import { bulkCreateFromForm, bulkCreatePage } from "~/lib/org-mapping.server";

export const meta: MetaFunction = () => [{ title: "Create customers · Organization Mapping · Core" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { workspace } = await requirePermission(context, request, "integrations:manage");
  return bulkCreatePage(context, workspace.id, new URL(request.url));
}

export async function action({ request, context }: ActionFunctionArgs) {
  const session = await requirePermission(context, request, "integrations:manage");
  const result = await bulkCreateFromForm(context, session.workspace.id, await request.formData(), auditFromSession(session, request));
  if (!result.ok) return data({ message: result.message, byOrg: result.byOrg, progress: null }, { status: 422 });
  const [mapped, created, moved] = [result.before.mapped + result.mapped, result.before.created + result.created, result.before.moved + result.moved];
  // A large run stops after its time budget: the page posts again (or shows Continue) until none is left.
  if (result.remaining > 0) return data({ message: null, byOrg: {} as Record<number, string>, progress: { mapped, created, moved, remaining: result.remaining } });
  return redirectWithToast(request, `${MAPPINGS_PAGE}?saved=${[0, mapped, 0, created, moved].join(".")}`, {
    message: `${countOf(created, "customer", "customers")} created and mapped.`,
  });
}

type Selection = { mode: "except"; skip: Set<number> } | { mode: "only"; picked: Set<number> };

export default function CreateCustomersForOrganizations() {
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const submit = useSubmit();
  const formRef = useRef<HTMLFormElement>(null);
  const [selection, setSelection] = useState<Selection>(() => ({ mode: "except", skip: new Set(page.skip) }));
  const failure = result && !result.progress ? result : null;
  const progress = result?.progress ?? null;

  // Continue a run the server stopped half-way, once the page shows what is left.
  const continued = useRef<unknown>(null);
  useEffect(() => {
    if (!progress || navigation.state !== "idle" || continued.current === result || !formRef.current) return;
    continued.current = result;
    submit(formRef.current, { method: "post" });
  }, [progress, result, navigation.state, submit]);

  const ticked = selection.mode === "except" ? page.creatable - selection.skip.size : selection.picked.size;
  const isTicked = (id: number) => (selection.mode === "except" ? !selection.skip.has(id) : selection.picked.has(id));
  const toggle = (id: number, on: boolean) =>
    setSelection((current) => {
      if (current.mode === "except") {
        const skip = new Set(current.skip);
        if (on) skip.delete(id);
        else skip.add(id);
        return { mode: "except", skip };
      }
      const picked = new Set(current.picked);
      if (on) picked.add(id);
      else picked.delete(id);
      return { mode: "only", picked };
    });
  const shownCreatable = page.rows.filter((r) => !r.blocked).map((r) => r.ninjaOrgId);
  const pageHref = (n: number) => {
    const params = new URLSearchParams({ page: String(n) });
    if (selection.mode === "except" && selection.skip.size) params.set("skip", [...selection.skip].join(","));
    return `?${params}`;
  };
  const first = (page.page - 1) * page.pageSize + 1;
  const last = first + page.rows.length - 1;
  const busy = navigation.state !== "idle";
  return (
    <div className="max-w-4xl">
      <SettingsPageTitle
        title="Create customers for unmatched organizations"
        description="One customer per NinjaOne organization, named after it; the organization is mapped to it and its devices move under it."
        back={{ to: MAPPINGS_PAGE, label: "Organization Mapping" }}
      />
      {page.total === 0 ? (
        <EmptyState title="No unmatched organizations" action={<ButtonLink to={MAPPINGS_PAGE}>Back to Organization Mapping</ButtonLink>}>
          Every NinjaOne organization has a customer or a suggestion to review.
        </EmptyState>
      ) : (
        <Form method="post" className="space-y-4" data-testid="bulk-create-form" ref={formRef}>
          {failure?.message ? <Alert>{failure.message}</Alert> : null}
          {progress ? (
            <Alert tone="blue">
              <span data-testid="bulk-create-progress">
                {`${countOf(progress.mapped, "organization", "organizations")} mapped to ${countOf(progress.created, "new customer", "new customers")} so far (${countOf(progress.moved, "device", "devices")} moved); ${formatCount(progress.remaining)} to go.`}
              </span>{" "}
              {navigation.state !== "idle" ? "Continuing…" : "Continue below to create the rest."}
            </Alert>
          ) : null}
          <input type="hidden" name="before" value={progress ? `${progress.mapped}.${progress.created}.${progress.moved}` : "0.0.0"} />
          {selection.mode === "except" ? (
            <>
              <input type="hidden" name="all" value="1" />
              <input type="hidden" name="fingerprint" value={page.fingerprint} />
              <input type="hidden" name="skip" value={[...selection.skip].join(",")} />
              <input type="hidden" name="shown" value={shownCreatable.join(",")} />
            </>
          ) : (
            [...selection.picked].filter((id) => !shownCreatable.includes(id)).map((id) => <input key={id} type="hidden" name="org" value={id} />)
          )}
          <Card>
            <div className="flex flex-wrap items-center justify-between gap-3">
              <p className="text-sm text-slate-700" data-testid="bulk-create-summary">
                {`${formatCount(ticked)} of ${formatCount(page.total)} organizations ticked. Nothing is created unless every ticked one can be.`}
              </p>
              <div className="flex gap-3 text-sm">
                <button type="button" className="text-indigo-700 hover:underline" onClick={() => setSelection({ mode: "except", skip: new Set() })}>
                  Tick all
                </button>
                <button type="button" className="text-indigo-700 hover:underline" onClick={() => setSelection({ mode: "only", picked: new Set() })}>
                  Untick all
                </button>
              </div>
            </div>
            <p className="mt-2 text-xs text-slate-500" data-testid="bulk-create-counts">
              {`${countOf(page.creatable, "organization", "organizations")} can get a new customer (${countOf(page.newCustomers, "customer", "customers")}: organizations of the same name share one)`}
              {page.blocked ? `; ${formatCount(page.blocked)} cannot (a customer of that name exists, or the name cannot be used).` : "."}
            </p>
          </Card>
          <ul className="divide-y divide-slate-200 rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
            {page.rows.map((row) => {
              const error = failure?.byOrg[row.ninjaOrgId];
              return (
                <li key={row.ninjaOrgId} className="flex items-start gap-3 px-4 py-3" data-create-org={row.name}>
                  <input
                    type="checkbox"
                    name="org"
                    value={row.ninjaOrgId}
                    id={`org-${row.ninjaOrgId}`}
                    checked={!row.blocked && isTicked(row.ninjaOrgId)}
                    disabled={Boolean(row.blocked)}
                    onChange={(e) => toggle(row.ninjaOrgId, e.target.checked)}
                    className="mt-1 h-4 w-4 rounded border-slate-300 text-indigo-600"
                  />
                  <label htmlFor={`org-${row.ninjaOrgId}`} className="min-w-0 flex-1 text-sm">
                    <span className="block break-words font-medium text-slate-900">{`New customer “${row.customerName}”`}</span>
                    <span className="block text-xs text-slate-500">
                      {`from ${row.name} · ${countOf(row.deviceCount, "device", "devices")}`}
                      {row.leftUnmapped ? " · left without a customer on purpose" : ""}
                      {row.sharesWith ? ` · shares this customer with ${row.sharesWith}` : ""}
                    </span>
                    {row.blocked ? <span className="mt-0.5 block text-xs text-amber-700">{row.blocked}</span> : null}
                    {error ? (
                      <span className="mt-0.5 block text-xs text-rose-600" role="alert">
                        {error}
                      </span>
                    ) : null}
                  </label>
                </li>
              );
            })}
          </ul>
          {page.pageCount > 1 ? (
            <nav aria-label="Pagination" className="flex items-center justify-between text-sm text-slate-600" data-testid="bulk-create-pages">
              <span>{`Showing ${formatCount(first)}–${formatCount(last)} of ${formatCount(page.total)} organizations`}</span>
              <span className="flex gap-4">
                {page.page > 1 ? (
                  <Link to={pageHref(page.page - 1)} className="text-indigo-600 hover:underline">
                    ← Previous page
                  </Link>
                ) : null}
                {page.page < page.pageCount ? (
                  <Link to={pageHref(page.page + 1)} className="font-medium text-indigo-600 hover:underline">
                    Next page →
                  </Link>
                ) : null}
              </span>
            </nav>
          ) : null}
          <div className="flex items-center justify-end gap-3">
            <Link to={MAPPINGS_PAGE} className="text-sm text-slate-600 hover:underline">
              Cancel
            </Link>
            <Button disabled={busy || ticked === 0}>
              {`Create customers for ${formatCount(ticked)} ${ticked === 1 ? "organization" : "organizations"}`}
            </Button>
          </div>
        </Form>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
