// Settings > Integrations > NinjaOne > Organization Mapping > Create customers for all unmatched
// organizations: a preview of the customers it would create (one per organization, named after it),
// each with a checkbox; Create makes the ticked ones and maps their organizations, all or nothing.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/cloudflare";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useState } from "react";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/ErrorBoundary";
import { MAPPINGS_PAGE } from "~/components/ninjaone/OrgMappingCard";
import { SettingsPageTitle } from "~/components/SettingsPageTitle";
import { Alert, Button, ButtonLink, Card, EmptyState, formatCount } from "~/components/ui";
import { requirePermission } from "~/lib/guards.server";
import { redirectWithToast } from "~/lib/toast.server";
import { countOf } from "@workers/domain/numbers";
import { bulkCreatePreview, createCustomersForOrgs } from "~/lib/org-mapping.server";

export const meta: MetaFunction = () => [{ title: "Create customers · Organization Mapping · Core" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { workspace } = await requirePermission(context, request, "integrations:manage");
  return { rows: await bulkCreatePreview(context, workspace.id) };
}

const CreateForm = z.object({
  org: z.array(z.coerce.number().int().positive()).min(1, "Tick at least one organization.").max(1000),
});

export async function action({ request, context }: ActionFunctionArgs) {
  const { workspace } = await requirePermission(context, request, "integrations:manage");
  const formData = await request.formData();
  const parsed = CreateForm.safeParse({ org: formData.getAll("org") });
  if (!parsed.success) return data({ message: parsed.error.issues[0]?.message ?? "Tick at least one organization.", byOrg: {} as Record<number, string> }, { status: 422 });
  const result = await createCustomersForOrgs(context, workspace.id, parsed.data.org);
  if (!result.ok) return data({ message: result.message, byOrg: result.byOrg }, { status: 422 });
  return redirectWithToast(request, `${MAPPINGS_PAGE}?saved=${[0, result.mapped, 0, result.created, result.moved].join(".")}`, {
    message: `${countOf(result.created, "customer", "customers")} created and mapped.`,
  });
}

export default function CreateCustomersForOrganizations() {
  const { rows } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const navigation = useNavigation();
  const creatable = rows.filter((r) => !r.blockedBy);
  const [ticked, setTicked] = useState<Set<number>>(() => new Set(creatable.map((r) => r.ninjaOrgId)));
  const toggle = (id: number, on: boolean) =>
    setTicked((current) => {
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  return (
    <div className="max-w-4xl">
      <SettingsPageTitle
        title="Create customers for unmatched organizations"
        description="One customer per NinjaOne organization, named after it; the organization is mapped to it and its devices move under it."
        back={{ to: MAPPINGS_PAGE, label: "Organization Mapping" }}
      />
      {rows.length === 0 ? (
        <EmptyState title="No unmatched organizations" action={<ButtonLink to={MAPPINGS_PAGE}>Back to Organization Mapping</ButtonLink>}>
          Every NinjaOne organization has a customer or a suggestion to review.
        </EmptyState>
      ) : (
        <Form method="post" className="space-y-4" data-testid="bulk-create-form">
          {failure ? <Alert>{failure.message}</Alert> : null}
          <Card>
            <div className="flex flex-wrap items-center justify-between gap-3">
              <p className="text-sm text-slate-700" data-testid="bulk-create-summary">
                {formatCount(ticked.size)} of {formatCount(rows.length)} organizations ticked. Nothing is created unless every ticked one can be.
              </p>
              <div className="flex gap-3 text-sm">
                <button type="button" className="text-indigo-700 hover:underline" onClick={() => setTicked(new Set(creatable.map((r) => r.ninjaOrgId)))}>
                  Tick all
                </button>
                <button type="button" className="text-indigo-700 hover:underline" onClick={() => setTicked(new Set())}>
                  Untick all
                </button>
              </div>
            </div>
          </Card>
          <ul className="divide-y divide-slate-200 rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
            {rows.map((row) => {
              const error = failure?.byOrg[row.ninjaOrgId];
              return (
                <li key={row.ninjaOrgId} className="flex items-start gap-3 px-4 py-3" data-create-org={row.name}>
                  <input
                    type="checkbox"
                    name="org"
                    value={row.ninjaOrgId}
                    id={`org-${row.ninjaOrgId}`}
                    checked={ticked.has(row.ninjaOrgId)}
                    disabled={Boolean(row.blockedBy)}
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
                    {row.blockedBy ? (
                      <span className="mt-0.5 block text-xs text-amber-700">
                        {`A customer named “${row.blockedBy}” already exists: map the organization to it on the review page instead.`}
                      </span>
                    ) : null}
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
          <div className="flex items-center justify-end gap-3">
            <Link to={MAPPINGS_PAGE} className="text-sm text-slate-600 hover:underline">
              Cancel
            </Link>
            <Button disabled={navigation.state !== "idle" || ticked.size === 0}>
              Create customers for {ticked.size} {ticked.size === 1 ? "organization" : "organizations"}
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
