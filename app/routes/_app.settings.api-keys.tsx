// API keys for /api/v1: create (shown once), list, revoke. Changes need apikeys:manage.
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/cloudflare";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useState } from "react";
import { z } from "zod";
import { apiKeyState, listApiKeys, revokeApiKey, type ApiKeyState } from "@workers/db/api-keys";
import { can, canAssignRole, ROLE_LABELS, ROLES } from "@workers/domain/permissions";
import { GeneralErrorBoundary } from "~/components/ErrorBoundary";
import { Alert, Badge, Button, Card, EmptyState, FormErrors, SelectField, Table, Td, TextField, Th, formatDateTime } from "~/components/ui";
import { auditFromSession } from "~/lib/audit.server";
import { toastHeaders } from "~/lib/toast.server";
import { requirePermission, requireUser } from "~/lib/guards.server";
import { createWorkspaceApiKey, notFound } from "~/lib/people.server";
import { requiredText } from "~/lib/validation";

export const meta: MetaFunction = () => [{ title: "API keys · Settings · Core" }];

const CreateSchema = z.object({
  intent: z.literal("create"),
  name: requiredText("Name", 80),
  role: z.enum(ROLES, { error: "Choose a role from the list." }),
  expiresInDays: z.enum(["30", "90", "365"], { error: "Choose when the key expires." }).optional().transform((v) => (v ? Number(v) : null)),
});

const EXPIRY_OPTIONS = [
  { value: "", label: "Never" },
  { value: "30", label: "In 30 days" },
  { value: "90", label: "In 90 days" },
  { value: "365", label: "In a year" },
];

const STATE_BADGES: Record<ApiKeyState, { tone: "green" | "gray" | "amber" | "red"; label: string }> = {
  active: { tone: "green", label: "Active" },
  revoked: { tone: "gray", label: "Revoked" },
  expired: { tone: "gray", label: "Expired" },
  creator_disabled: { tone: "red", label: "Creator disabled" },
  creator_missing: { tone: "red", label: "Creator removed" },
};
const ActionSchema = z.discriminatedUnion("intent", [
  CreateSchema,
  z.object({ intent: z.literal("revoke"), keyId: z.string({ error: "Which key?" }).trim().min(1, "Which key?").max(64, "Which key?") }),
]);

// The page that shows a new key must never be stored by a browser or proxy cache.
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user, workspace } = await requireUser(context, request);
  const keys = await listApiKeys(context.db, workspace.id);
  return {
    timeZone: user.timeZone,
    canManage: can(user.role, "apikeys:manage"),
    assignableRoles: ROLES.filter((r) => canAssignRole(user.role, r)).map((r) => ({ value: r, label: ROLE_LABELS[r] })),
    keys: keys.map((k) => {
      const state = apiKeyState(k, context.now());
      // A key acts with at most its creator's current role: say so when that caps it.
      const capped = state === "active" && k.createdByRole && ROLES.indexOf(k.createdByRole) > ROLES.indexOf(k.role) ? ROLE_LABELS[k.createdByRole] : null;
      return { ...k, state, cappedAt: capped, roleLabel: ROLE_LABELS[k.role] };
    }),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const session = await requirePermission(context, request, "apikeys:manage");
  const submission = parseWithZod(await request.formData(), { schema: ActionSchema });
  if (submission.status !== "success") {
    return data({ intent: submission.payload.intent, result: submission.reply(), created: null, notice: null }, { status: 400 });
  }
  const value = submission.value;
  if (value.intent === "revoke") {
    const outcome = await revokeApiKey(context.db, session.workspace.id, value.keyId, context.now(), auditFromSession(session, request));
    if (outcome === "not_found") throw notFound("API key");
    return data(
      { intent: "revoke", result: submission.reply(), created: null, notice: "The key is revoked. Requests using it are refused from now on." },
      { headers: toastHeaders(request, { message: "API key revoked." }) },
    );
  }
  const outcome = await createWorkspaceApiKey(context, session, value, auditFromSession(session, request));
  if (!outcome.ok) {
    return data(
      { intent: "create", result: submission.reply({ fieldErrors: { role: [outcome.message] } }), created: null, notice: null },
      { status: outcome.status },
    );
  }
  const { key, name, prefix, role } = outcome;
  return data(
    { intent: "create", result: submission.reply({ resetForm: true }), created: { apiKey: key, name, prefix, roleLabel: ROLE_LABELS[role] }, notice: null },
    { headers: toastHeaders(request, { message: `API key ${name} created: copy it now, it is shown once.` }) },
  );
}

export default function ApiKeysSettings() {
  const { timeZone, canManage, assignableRoles, keys } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state !== "idle";
  const [form, fields] = useForm({
    id: "create-api-key",
    lastResult: actionData?.intent === "create" ? actionData.result : undefined,
    defaultValue: { role: "observer" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CreateSchema }),
    shouldValidate: "onBlur",
  });

  return (
    <div className="space-y-6">
      {actionData?.created ? <NewKey {...actionData.created} /> : null}
      {actionData?.notice ? <Alert tone="green">{actionData.notice}</Alert> : null}
      {canManage ? null : <Alert tone="blue">You can see this workspace&apos;s API keys. Only an Owner or Admin can create or revoke them.</Alert>}

      {keys.length === 0 ? (
        <EmptyState title="No API keys yet">
          {canManage
            ? "Create a key below to use the JSON API at /api/v1: send it as Authorization: Bearer <key>."
            : "An Owner or Admin can create one to use the JSON API at /api/v1."}
        </EmptyState>
      ) : (
        <Table>
          <thead className="bg-slate-50">
            <tr>
              <Th>Name</Th>
              <Th>Key</Th>
              <Th>Role</Th>
              <Th>Created</Th>
              <Th>Last used</Th>
              <Th>Expires</Th>
              <Th>Status</Th>
              {canManage ? <Th className="text-right">Actions</Th> : null}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {keys.map((k) => (
              <tr key={k.id}>
                <Td className="font-medium">{k.name}</Td>
                <Td>
                  <code className="text-xs text-slate-600">{k.prefix}_…</code>
                </Td>
                <Td>
                  {k.roleLabel}
                  {k.cappedAt ? <span className="block text-xs text-amber-700">acts as {k.cappedAt} (its creator&apos;s role)</span> : null}
                </Td>
                <Td className="whitespace-nowrap text-slate-600">
                  {formatDateTime(k.createdAt, timeZone)}
                  {k.createdByName ? <span className="block text-xs text-slate-500">by {k.createdByName}</span> : null}
                </Td>
                <Td className="whitespace-nowrap text-slate-600">{k.lastUsedAt ? formatDateTime(k.lastUsedAt, timeZone) : "Never"}</Td>
                <Td className="whitespace-nowrap text-slate-600">{k.expiresAt ? formatDateTime(k.expiresAt, timeZone) : "Never"}</Td>
                <Td>
                  <Badge tone={STATE_BADGES[k.state].tone}>{STATE_BADGES[k.state].label}</Badge>
                </Td>
                {canManage ? (
                  <Td className="text-right">
                    {k.revokedAt ? null : (
                      <Form method="post">
                        <input type="hidden" name="intent" value="revoke" />
                        <input type="hidden" name="keyId" value={k.id} />
                        <Button
                          variant="danger"
                          disabled={busy}
                          aria-label={`Revoke ${k.name}`}
                          onClick={(e) => {
                            if (!confirm(`Revoke “${k.name}”? Anything using this key stops working. This cannot be undone.`)) e.preventDefault();
                          }}
                        >
                          Revoke
                        </Button>
                      </Form>
                    )}
                  </Td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </Table>
      )}

      {canManage ? (
        <Card title="Create an API key" className="max-w-2xl">
          <p className="mb-4 text-sm text-slate-600">
            A key acts with the role you give it, and never more than your own current role: if you are disabled, your keys stop working; if
            your role changes, they are capped at the new one. You will see the full key once, right after creating it.
          </p>
          <Form method="post" {...getFormProps(form)} className="space-y-4">
            <FormErrors errors={form.errors} />
            <input type="hidden" name="intent" value="create" />
            <TextField label="Name" field={fields.name} placeholder="PSA integration" hint="What uses this key, so you know what breaks if you revoke it." />
            <SelectField label="Role" field={fields.role} options={assignableRoles} />
            <SelectField label="Expires" field={fields.expiresInDays} options={EXPIRY_OPTIONS} />
            <Button disabled={busy}>Create key</Button>
          </Form>
        </Card>
      ) : null}
    </div>
  );
}

function NewKey({ apiKey, name, roleLabel }: { apiKey: string; name: string; prefix: string; roleLabel: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <section role="status" className="rounded-lg bg-emerald-50 p-5 ring-1 ring-emerald-200" data-testid="new-api-key">
      <h2 className="font-semibold text-emerald-900">
        API key &ldquo;{name}&rdquo; created ({roleLabel})
      </h2>
      <p className="mt-1 text-sm text-emerald-900">Copy it now and store it somewhere safe. Core keeps only a hash: you will not see this key again.</p>
      <div className="mt-3 flex items-center gap-2">
        <input
          readOnly
          value={apiKey}
          aria-label="New API key"
          onFocus={(e) => e.currentTarget.select()}
          className="block w-full rounded-md border-0 bg-white px-3 py-2 font-mono text-sm ring-1 ring-inset ring-emerald-300"
        />
        <Button
          type="button"
          variant="secondary"
          onClick={() => navigator.clipboard.writeText(apiKey).then(() => setCopied(true))}
        >
          {copied ? "Copied" : "Copy"}
        </Button>
      </div>
    </section>
  );
}
