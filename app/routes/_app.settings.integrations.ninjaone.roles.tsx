// Settings > Integrations > NinjaOne > Device Roles: per NinjaOne device role, an asset category
// override and "Mark configuration inactive if corresponding NinjaOne device is deleted". Both apply
// from the next sync.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/cloudflare";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { ASSET_CATEGORIES } from "@workers/domain/categories";
import { listRoleSettings, RoleSettingSchema, saveRoleSettings, type InactiveSetting } from "@workers/sync/role-mapping";
import { GeneralErrorBoundary } from "~/components/ErrorBoundary";
import { NinjaTabIntro } from "~/components/ninjaone/NinjaOneTabs";
import { Alert, Button, ButtonLink, EmptyState, formatCount, Table, Td, Th } from "~/components/ui";
import { auditFromSession } from "~/lib/audit.server";
import { requirePermission } from "~/lib/guards.server";
import { redirectWithToast } from "~/lib/toast.server";
import { countOf } from "@workers/domain/numbers";

export const meta: MetaFunction = () => [{ title: "Device Roles · NinjaOne · Core" }];

const ROLES_PAGE = "/settings/integrations/ninjaone/roles";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { workspace } = await requirePermission(context, request, "integrations:manage");
  const saved = z.coerce.number().int().min(0).max(100_000).safeParse(new URL(request.url).searchParams.get("saved") ?? undefined);
  return { ...(await listRoleSettings(context.db, workspace.id)), saved: saved.success ? saved.data : null };
}

// roles[i].id, roles[i].category ("" = the nodeClass default), roles[i].inactive (default | yes | no)
const FormRole = z.object({
  id: z.coerce.number().int().positive(),
  category: z
    .string()
    .default("")
    .transform((v) => (v === "" ? null : v))
    .pipe(RoleSettingSchema.shape.categoryOverride),
  inactive: RoleSettingSchema.shape.markInactive,
});

export async function action({ request, context }: ActionFunctionArgs) {
  const session = await requirePermission(context, request, "integrations:manage");
  const { workspace } = session;
  const rows: Array<Record<string, string>> = [];
  for (const [key, value] of await request.formData()) {
    const m = /^roles\[(\d{1,4})\]\.(id|category|inactive)$/.exec(key);
    if (m && typeof value === "string") (rows[Number(m[1])] ??= {})[m[2]] = value;
  }
  const parsed = z.array(FormRole).max(2000).safeParse(rows.filter(Boolean));
  if (!parsed.success) return data({ error: "Nothing was saved: a category or inactive setting was not one of the choices." }, { status: 422 });
  const result = await saveRoleSettings(
    context.db,
    workspace.id,
    parsed.data.map((r) => ({ ninjaRoleId: r.id, categoryOverride: r.category, markInactive: r.inactive })),
    auditFromSession(session, request),
    context.now(),
  );
  if (!result.ok) return data({ error: result.message }, { status: 422 });
  return redirectWithToast(request, `${ROLES_PAGE}?saved=${result.changed}`, { message: `Device roles saved (${countOf(result.changed, "change", "changes")}).` });
}

const INACTIVE_LABELS: Record<Exclude<InactiveSetting, "default">, string> = { yes: "Yes: mark inactive", no: "No: leave as it is" };

export default function DeviceRolesPage() {
  const { roles, workspaceMarksInactive, saved } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const navigation = useNavigation();
  return (
    <div className="max-w-5xl">
      <NinjaTabIntro title="Device Roles">How each NinjaOne device role becomes an asset.</NinjaTabIntro>
      {saved !== null ? <Alert tone="green">Device roles saved ({saved} changed). They apply from the next sync.</Alert> : null}
      {failure ? <Alert>{failure.error}</Alert> : null}
      {roles.length === 0 ? (
        <EmptyState title="No device roles yet" action={<ButtonLink to="/settings/integrations/ninjaone" variant="primary">Go to Device Sync</ButtonLink>}>
          Device roles come from NinjaOne with each sync. Run Sync Devices, then set categories and deletion behaviour here.
        </EmptyState>
      ) : (
        <Form method="post" className="space-y-4">
          <p className="text-sm text-slate-600">
            A role&apos;s category replaces the one its device type gives. &ldquo;Mark configuration inactive if corresponding NinjaOne device is
            deleted&rdquo; decides what happens to a role&apos;s assets when their device disappears from NinjaOne; the workspace default is currently{" "}
            <strong>{workspaceMarksInactive ? "mark inactive" : "leave as it is"}</strong>. Changes apply from the next sync.
          </p>
          <Table>
            <thead className="bg-slate-50">
              <tr>
                <Th>Device role</Th>
                <Th className="text-right">Assets</Th>
                <Th>Asset category</Th>
                <Th>Mark configuration inactive if corresponding NinjaOne device is deleted</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {roles.map((role, i) => (
                <tr key={role.ninjaRoleId} data-role-name={role.name}>
                  <Td>
                    <input type="hidden" name={`roles[${i}].id`} value={role.ninjaRoleId} />
                    <span className="font-medium">{role.name}</span>
                    <span className="block text-xs text-slate-500">{role.nodeClassLabel}</span>
                  </Td>
                  <Td className="text-right tabular-nums">{formatCount(role.assetCount)}</Td>
                  <Td>
                    <select
                      name={`roles[${i}].category`}
                      defaultValue={role.categoryOverride ?? ""}
                      aria-label={`Asset category for ${role.name}`}
                      className="block w-full rounded-md border-0 py-1.5 pl-2.5 pr-8 text-sm ring-1 ring-inset ring-slate-300"
                    >
                      <option value="">By device type ({role.defaultCategory})</option>
                      {ASSET_CATEGORIES.map((c) => (
                        <option key={c} value={c}>
                          {c}
                        </option>
                      ))}
                    </select>
                  </Td>
                  <Td>
                    <select
                      name={`roles[${i}].inactive`}
                      defaultValue={role.markInactive}
                      aria-label={`Mark inactive when deleted for ${role.name}`}
                      className="block w-full rounded-md border-0 py-1.5 pl-2.5 pr-8 text-sm ring-1 ring-inset ring-slate-300"
                    >
                      <option value="default">Workspace default ({workspaceMarksInactive ? "mark inactive" : "leave as it is"})</option>
                      <option value="yes">{INACTIVE_LABELS.yes}</option>
                      <option value="no">{INACTIVE_LABELS.no}</option>
                    </select>
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
          <div className="flex justify-end">
            <Button disabled={navigation.state === "submitting"}>{navigation.state === "submitting" ? "Saving…" : "Save Device Roles"}</Button>
          </div>
        </Form>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
