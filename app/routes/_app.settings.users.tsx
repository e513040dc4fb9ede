// Users of the workspace: everyone sees the list; users:manage adds teammates, changes roles,
// disables and enables accounts (rules in workers/domain/user-admin.ts).
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/cloudflare";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { listWorkspaceUsers } from "@workers/db/users";
import { can, canAssignRole, ROLE_LABELS, ROLES } from "@workers/domain/permissions";
import { GeneralErrorBoundary } from "~/components/ErrorBoundary";
import { Alert, Badge, Button, Card, FormErrors, SelectField, Table, Td, TextField, Th, formatDateTime } from "~/components/ui";
import { auditFromSession } from "~/lib/audit.server";
import { toastHeaders } from "~/lib/toast.server";
import { requirePermission, requireUser } from "~/lib/guards.server";
import { addTeammate, changeRole, changeStatus } from "~/lib/people.server";
import { emailField, passwordField, requiredText } from "~/lib/validation";

export const meta: MetaFunction = () => [{ title: "Users · Settings · Core" }];

const roleField = z.enum(ROLES, { error: "Choose a role from the list." });
const userIdField = z.string({ error: "Which user?" }).trim().min(1, "Which user?").max(64, "Which user?");

const AddSchema = z.object({
  intent: z.literal("add"),
  name: requiredText("Name", 120),
  email: emailField,
  role: roleField,
  password: passwordField,
});
const ActionSchema = z.discriminatedUnion("intent", [
  AddSchema,
  z.object({ intent: z.literal("changeRole"), userId: userIdField, role: roleField }),
  z.object({ intent: z.literal("disable"), userId: userIdField }),
  z.object({ intent: z.literal("enable"), userId: userIdField }),
]);

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user } = await requireUser(context, request);
  const canManage = can(user.role, "users:manage");
  const users = await listWorkspaceUsers(context.db, user.workspaceId);
  return {
    me: user.id,
    timeZone: user.timeZone,
    canManage,
    assignableRoles: ROLES.filter((r) => canAssignRole(user.role, r)).map((r) => ({ value: r, label: ROLE_LABELS[r] })),
    users: users.map((u) => ({
      ...u,
      roleLabel: ROLE_LABELS[u.role],
      // An Admin sees Owners but cannot change them.
      manageable: canManage && canAssignRole(user.role, u.role),
    })),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const session = await requirePermission(context, request, "users:manage");
  const submission = parseWithZod(await request.formData(), { schema: ActionSchema });
  if (submission.status !== "success") {
    const intent = submission.payload.intent === "add" ? "add" : "row";
    return data(
      { intent, result: submission.reply({ hideFields: ["password"] }), notice: null, error: intent === "row" ? firstError(submission.error) : null },
      { status: 400 },
    );
  }
  const value = submission.value;
  if (value.intent === "add") {
    const outcome = await addTeammate(context, session, value, auditFromSession(session, request));
    if (!outcome.ok) {
      const result = submission.reply({ hideFields: ["password"], fieldErrors: { [outcome.field ?? "role"]: [outcome.message] } });
      return data({ intent: "add", result, notice: null, error: null }, { status: outcome.status });
    }
    return data({ intent: "add" as const, result: submission.reply({ resetForm: true }), notice: outcome.message, error: null }, { headers: toastHeaders(request, { message: outcome.message }) });
  }
  const outcome =
    value.intent === "changeRole"
      ? await changeRole(context, session, value.userId, value.role, auditFromSession(session, request))
      : await changeStatus(context, session, value.userId, value.intent === "disable", auditFromSession(session, request));
  if (!outcome.ok) return data({ intent: "row", result: submission.reply(), notice: null, error: outcome.message }, { status: outcome.status });
  return data({ intent: "row" as const, result: submission.reply(), notice: outcome.message, error: null }, { headers: toastHeaders(request, { message: outcome.message }) });
}

function firstError(error: Record<string, string[] | null> | null | undefined) {
  const messages = Object.values(error ?? {}).flatMap((m) => m ?? []);
  return messages[0] ?? "That change was not valid.";
}

export default function UsersSettings() {
  const { me, timeZone, canManage, assignableRoles, users } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state !== "idle";
  const [form, fields] = useForm({
    id: "add-teammate",
    lastResult: actionData?.intent === "add" ? actionData.result : undefined,
    defaultValue: { role: "technician" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: AddSchema }),
    shouldValidate: "onBlur",
  });

  return (
    <div className="space-y-6">
      {actionData?.notice ? <Alert tone="green">{actionData.notice}</Alert> : null}
      {actionData?.error ? <Alert>{actionData.error}</Alert> : null}
      {canManage ? null : <Alert tone="blue">You can see who is in this workspace. Only an Owner or Admin can add people or change roles.</Alert>}

      <Table>
        <thead className="bg-slate-50">
          <tr>
            <Th>Name</Th>
            <Th>E-mail</Th>
            <Th>Role</Th>
            <Th>Status</Th>
            <Th>Added</Th>
            {canManage ? <Th className="text-right">Actions</Th> : null}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {users.map((u) => (
            <tr key={u.id} data-testid={`user-row-${u.email}`}>
              <Td className="font-medium">
                {u.name} {u.id === me ? <Badge tone="indigo">You</Badge> : null}
              </Td>
              <Td className="text-slate-600">{u.email}</Td>
              <Td>{u.roleLabel}</Td>
              <Td>{u.disabledAt ? <Badge tone="gray">Disabled</Badge> : <Badge tone="green">Active</Badge>}</Td>
              <Td className="whitespace-nowrap text-slate-600">{formatDateTime(u.createdAt, timeZone)}</Td>
              {canManage ? (
                <Td>
                  {u.manageable ? (
                    <div className="flex items-center justify-end gap-2 whitespace-nowrap">
                      <Form method="post" className="flex items-center gap-2">
                        <input type="hidden" name="intent" value="changeRole" />
                        <input type="hidden" name="userId" value={u.id} />
                        <select
                          name="role"
                          defaultValue={u.role}
                          key={u.role}
                          aria-label={`New role for ${u.name}`}
                          className="rounded-md border-0 py-1.5 pl-2 pr-8 text-sm ring-1 ring-inset ring-slate-300"
                        >
                          {assignableRoles.map((r) => (
                            <option key={r.value} value={r.value}>
                              {r.label}
                            </option>
                          ))}
                        </select>
                        <Button variant="secondary" disabled={busy}>
                          Change role
                        </Button>
                      </Form>
                      {u.id === me ? null : (
                        <Form method="post">
                          <input type="hidden" name="intent" value={u.disabledAt ? "enable" : "disable"} />
                          <input type="hidden" name="userId" value={u.id} />
                          <Button variant={u.disabledAt ? "secondary" : "danger"} disabled={busy} aria-label={`${u.disabledAt ? "Enable" : "Disable"} ${u.name}`}>
                            {u.disabledAt ? "Enable" : "Disable"}
                          </Button>
                        </Form>
                      )}
                    </div>
                  ) : (
                    <p className="text-right text-xs text-slate-500">Only an Owner can change an Owner.</p>
                  )}
                </Td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </Table>

      {canManage ? (
        <Card title="Add a teammate" className="max-w-2xl">
          <p className="mb-4 text-sm text-slate-600">
            Core does not send e-mail: choose an initial password and tell your teammate. They log in with their e-mail and
            that password, and find a welcome message in their inbox.
          </p>
          <Form method="post" {...getFormProps(form)} className="space-y-4">
            <FormErrors errors={form.errors} />
            <input type="hidden" name="intent" value="add" />
            <TextField label="Name" field={fields.name} autoComplete="off" />
            <TextField label="E-mail" field={fields.email} type="email" autoComplete="off" />
            <SelectField label="Role" field={fields.role} options={assignableRoles} hint={<RoleHint />} />
            <TextField label="Initial password" field={fields.password} type="password" autoComplete="new-password" hint="At least 10 characters." />
            <Button disabled={busy}>Add teammate</Button>
          </Form>
        </Card>
      ) : null}
    </div>
  );
}

function RoleHint() {
  return (
    <>
      Admins manage everything but Owners. Managers edit customers, contacts, assets and tickets. Technicians edit contacts, assets
      and tickets. Observers only read.
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
