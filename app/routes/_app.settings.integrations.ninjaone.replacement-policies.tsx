// Settings › Integrations › NinjaOne › Manage Replacement Policies (seed 003): per device category
// a maximum age, a warning threshold and an optional replacement cost; a global default and
// per-customer overrides that inherit the rest. reports:view reads; integrations:manage changes.
import { auditFromSession } from "~/lib/audit.server";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/cloudflare";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSubmit } from "@remix-run/react";
import { z } from "zod";
import { findCustomer } from "@workers/db/assets";
import { GLOBAL_SCOPE, listPolicyEvents, loadPolicyBook, policiesOf, type PolicyChange } from "@workers/db/replacement-policies";
import { ASSET_CATEGORIES, type AssetCategory } from "@workers/domain/categories";
import { formatCost } from "@workers/domain/eol";
import { can } from "@workers/domain/permissions";
import { GeneralErrorBoundary } from "~/components/ErrorBoundary";
import { CustomerPicker } from "~/components/CustomerPicker";
import { Alert, Badge, Button, Card, cx, formatDateTime, Table, Td, Th } from "~/components/ui";
import { requirePermission } from "~/lib/guards.server";
import { redirectWithToast } from "~/lib/toast.server";
import { changeReplacementPolicies } from "~/lib/lifecycle.server";
import { formNumber, PolicyValues } from "~/lib/replacement-policies";

export const meta: MetaFunction = () => [{ title: "Replacement Policies · NinjaOne · Core" }];

const PAGE = "/settings/integrations/ninjaone/replacement-policies";

const Query = z.object({
  customerId: z.string().trim().min(1).max(100).optional().catch(undefined),
  saved: z.coerce.number().int().min(0).max(100).optional().catch(undefined),
});

type Values = { maxAgeMonths: string; warningMonths: string; replacementCost: string };
const valuesOf = (p: { maxAgeMonths: number; warningMonths: number; replacementCostCents: number | null }): Values => ({
  maxAgeMonths: String(p.maxAgeMonths),
  warningMonths: String(p.warningMonths),
  replacementCost: p.replacementCostCents === null ? "" : String(p.replacementCostCents / 100),
});

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user, workspace } = await requirePermission(context, request, "reports:view");
  const query = Query.parse(Object.fromEntries(new URL(request.url).searchParams));
  const customer = query.customerId ? await findCustomer(context.db, workspace.id, query.customerId) : undefined;
  if (query.customerId && !customer) throw new Response("This customer does not exist in your workspace.", { status: 404 });
  const [book, events] = await Promise.all([
    loadPolicyBook(context.db, workspace.id),
    listPolicyEvents(context.db, workspace.id, customer?.id ?? GLOBAL_SCOPE, 10),
  ]);
  const global = policiesOf(book, null);
  const own = policiesOf(book, customer?.id ?? null);
  return {
    customer: customer ?? null,
    canManage: can(user.role, "integrations:manage"),
    saved: query.saved ?? null,
    timeZone: user.timeZone,
    rows: own.map((p, i) => ({
      category: p.category,
      source: p.source,
      values: valuesOf(p),
      inherited: { source: global[i].source, ...valuesOf(global[i]) },
    })),
    // The chosen customer only: the picker loads the others as you type (no page renders every customer).
    picked: customer
      ? {
          value: customer.id,
          label: `${customer.name}${book.overrides.has(customer.id) ? ` · ${Object.keys(book.overrides.get(customer.id) ?? {}).length} overridden` : ""}`,
        }
      : null,
    events: events.map((e) => ({ id: e.id, actorName: e.actorName, createdAt: e.createdAt, categories: Object.keys(safeJson(e.changes)) })),
  };
}

function safeJson(text: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed && typeof parsed === "object" ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

type FieldErrorMap = Partial<Record<AssetCategory, Partial<Record<keyof Values, string>>>>;

export async function action({ request, context }: ActionFunctionArgs) {
  const { user, workspace } = await requirePermission(context, request, "integrations:manage");
  const form = await request.formData();
  const customerId = String(form.get("customerId") ?? "").trim() || null;
  const errors: FieldErrorMap = {};
  const values: Partial<Record<AssetCategory, Values & { override: boolean }>> = {};
  const changes: PolicyChange[] = [];
  for (const category of ASSET_CATEGORIES) {
    const raw = {
      maxAgeMonths: String(form.get(`${category}.maxAgeMonths`) ?? ""),
      warningMonths: String(form.get(`${category}.warningMonths`) ?? ""),
      replacementCost: String(form.get(`${category}.replacementCost`) ?? ""),
    };
    // A customer's category is its own only when "Override" is ticked; global categories always are.
    const override = customerId === null || form.get(`${category}.override`) === "on";
    values[category] = { ...raw, override };
    if (!override) {
      changes.push({ category, policy: null });
      continue;
    }
    const parsed = PolicyValues.safeParse({
      maxAgeMonths: formNumber(raw.maxAgeMonths),
      warningMonths: formNumber(raw.warningMonths),
      replacementCost: formNumber(raw.replacementCost) ?? null,
    });
    if (parsed.success) changes.push({ category, policy: parsed.data });
    else for (const issue of parsed.error.issues) (errors[category] ??= {})[String(issue.path[0]) as keyof Values] ??= issue.message;
  }
  if (Object.keys(errors).length) return data({ errors, values, message: "Nothing was saved: fix the fields marked below." }, { status: 422 });
  const result = await changeReplacementPolicies(context, workspace.id, customerId, changes, { id: `user:${user.id}`, name: user.name }, auditFromSession({ user }, request));
  if (!result.ok) return data({ errors, values, message: result.fields.customerId?.[0] ?? "Nothing was saved." }, { status: 422 });
  const params = new URLSearchParams({ saved: String(Object.keys(result.value).length) });
  if (customerId) params.set("customerId", customerId);
  return redirectWithToast(request, `${PAGE}?${params}`, { message: "Replacement policies saved." });
}

const inputClass =
  "block w-24 rounded-md border-0 px-2 py-1.5 text-sm shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-indigo-500 aria-[invalid=true]:ring-rose-500 disabled:bg-slate-50 disabled:text-slate-500";

export default function ReplacementPoliciesPage() {
  const { customer, canManage, saved, rows, picked, events, timeZone } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const navigation = useNavigation();
  const submit = useSubmit();
  const scopeName = customer ? customer.name : "Global default";

  return (
    <div className="max-w-5xl">
      <h3 className="mb-1 text-lg font-semibold">Manage Replacement Policies</h3>
      <p className="mb-3 text-sm text-slate-600">How old a device may get before it is replaced: the rules behind Assets › EOL Recommendations.</p>
      <p className="mb-4 text-sm text-slate-600">
        Per device category: a <strong>maximum age</strong> (past it a device is Overdue) and a <strong>warning threshold</strong> (from it a device
        is Approaching end of life), in months, and an optional replacement cost for the budget. The global default applies to every customer;
        a customer&apos;s override replaces it for the categories it overrides and inherits the rest. Changes apply to the recommendations at once.
      </p>

      <Form method="get" className="mb-4 flex flex-wrap items-end gap-3">
        <div className="w-80">
          <CustomerPicker
            name="customerId"
            id="policy-customer"
            label="Policy for"
            value={picked}
            noneLabel="Global default (all customers)"
            includeArchived
            onChange={(value) => submit(value ? { customerId: value } : {}, { method: "get", replace: true })}
          />
        </div>
        <noscript>
          <Button variant="secondary">Show</Button>
        </noscript>
        <Link to={`/assets/eol${customer ? `?customerId=${customer.id}` : ""}`} className="pb-2 text-sm text-indigo-600 hover:underline">
          See the EOL Recommendations →
        </Link>
      </Form>

      {saved !== null ? <Alert tone="green">{`Replacement policies saved for ${scopeName} (${saved} ${saved === 1 ? "category" : "categories"} changed).`}</Alert> : null}
      {failure ? <Alert>{failure.message}</Alert> : null}
      {!canManage ? <Alert tone="blue">You can read these policies. Owners and Admins (integrations:manage) change them.</Alert> : null}

      <Form method="post" aria-label={`Replacement policies: ${scopeName}`}>
        <input type="hidden" name="customerId" value={customer?.id ?? ""} />
        <Table>
          <thead className="bg-slate-50">
            <tr>
              <Th>Category</Th>
              {customer ? <Th>Override</Th> : null}
              <Th>Maximum age (months)</Th>
              <Th>Warning threshold (months)</Th>
              <Th>Replacement cost</Th>
              <Th>Applies</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((row) => {
              const posted = failure?.values[row.category];
              const v = posted ?? row.values;
              const overridden = posted ? posted.override : row.source === "customer";
              const errs = failure?.errors[row.category] ?? {};
              const field = (name: keyof Values, label: string, step: string) => {
                const id = `${row.category}-${name}`;
                return (
                  <Td>
                    <input
                      id={id}
                      name={`${row.category}.${name}`}
                      type="number"
                      inputMode="decimal"
                      step={step}
                      min={0}
                      defaultValue={v[name]}
                      key={`${customer?.id ?? "global"}:${v[name]}`}
                      aria-label={`${label} for ${row.category}`}
                      aria-invalid={errs[name] ? true : undefined}
                      aria-describedby={errs[name] ? `${id}-error` : undefined}
                      disabled={!canManage}
                      className={inputClass}
                    />
                    {errs[name] ? (
                      <p id={`${id}-error`} className="mt-1 max-w-48 text-xs text-rose-600">
                        {errs[name]}
                      </p>
                    ) : null}
                  </Td>
                );
              };
              return (
                <tr key={row.category} data-category={row.category} className={cx(customer && !overridden ? "bg-slate-50/60" : undefined)}>
                  <Td className="font-medium">{row.category}</Td>
                  {customer ? (
                    <Td>
                      <input
                        type="checkbox"
                        name={`${row.category}.override`}
                        defaultChecked={overridden}
                        key={`${customer.id}:${overridden}`}
                        disabled={!canManage}
                        aria-label={`Override ${row.category} for ${customer.name}`}
                        className="h-4 w-4 rounded border-slate-300 text-indigo-600"
                      />
                    </Td>
                  ) : null}
                  {field("maxAgeMonths", "Maximum age", "1")}
                  {field("warningMonths", "Warning threshold", "1")}
                  {field("replacementCost", "Replacement cost", "0.01")}
                  <Td className="text-xs text-slate-600">
                    {customer ? (
                      overridden ? (
                        <Badge tone="indigo">{`${customer.name}'s override`}</Badge>
                      ) : (
                        <span>
                          <Badge tone="gray">Inherited</Badge>{" "}
                          {`${row.inherited.maxAgeMonths} / ${row.inherited.warningMonths} months${row.inherited.replacementCost ? `, cost ${formatCost(Number(row.inherited.replacementCost) * 100)}` : ""} from the ${row.inherited.source === "default" ? "Core default" : "global default"}`}
                        </span>
                      )
                    ) : row.source === "default" ? (
                      <Badge tone="gray">Core default</Badge>
                    ) : (
                      <Badge tone="indigo">Saved</Badge>
                    )}
                  </Td>
                </tr>
              );
            })}
          </tbody>
        </Table>
        {canManage ? (
          <div className="mt-4 flex items-center justify-end gap-3">
            {customer ? <p className="text-sm text-slate-600">Untick Override to let a category inherit the global default again.</p> : null}
            <Button disabled={navigation.state === "submitting"}>{navigation.state === "submitting" ? "Saving…" : `Save policies for ${scopeName}`}</Button>
          </div>
        ) : null}
      </Form>

      <Card title="Recent changes" className="mt-6">
        {events.length === 0 ? (
          <p className="text-sm text-slate-600">No one has changed {customer ? `${customer.name}'s` : "the global"} replacement policies yet.</p>
        ) : (
          <ul className="divide-y divide-slate-100 text-sm">
            {events.map((e) => (
              <li key={e.id} className="flex flex-wrap justify-between gap-2 py-2">
                <span>
                  <strong>{e.actorName}</strong> changed {e.categories.join(", ")}
                </span>
                <span className="text-slate-500">{formatDateTime(e.createdAt, timeZone)}</span>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
