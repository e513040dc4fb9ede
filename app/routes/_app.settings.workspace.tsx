// Workspace settings (name, what happens to assets whose NinjaOne device is deleted) and the
// signed-in user's own time zone and password.
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/cloudflare";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { updateUserTimeZone } from "@workers/db/users";
import { updateWorkspaceSettings } from "@workers/db/workspaces";
import { rescheduleForTimeZone } from "@workers/sync/sync-schedule";
import { can } from "@workers/domain/permissions";
import { isValidTimeZone, timeZoneChoices } from "@workers/domain/time-zones";
import { GeneralErrorBoundary } from "~/components/ErrorBoundary";
import { Alert, Button, Card, CheckboxField, FormErrors, SelectField, TextField } from "~/components/ui";
import { auditFromSession } from "~/lib/audit.server";
import { readIntent } from "~/lib/forms.server";
import { toastHeaders } from "~/lib/toast.server";
import { forbidden, requireUser } from "~/lib/guards.server";
import { changeOwnPassword } from "~/lib/people.server";
import { passwordField, requiredText } from "~/lib/validation";

export const meta: MetaFunction = () => [{ title: "Workspace settings · Core" }];

const RenameSchema = z.object({ intent: z.literal("rename"), name: requiredText("Workspace name", 120) });
const timeZoneField = z
  .string({ error: "Choose a time zone from the list." })
  .trim()
  .refine(isValidTimeZone, "Choose a time zone from the list (an IANA name such as Europe/Berlin).");
const WorkspaceTimeZoneSchema = z.object({ intent: z.literal("workspaceTimeZone"), workspaceTimeZone: timeZoneField });
const DevicePolicySchema = z.object({ intent: z.literal("devicePolicy"), markInactiveOnDelete: z.boolean().default(false) });
const TimeZoneSchema = z.object({ intent: z.literal("timeZone"), timeZone: timeZoneField });
const PasswordSchema = z
  .object({
    intent: z.literal("password"),
    currentPassword: z.string({ error: "Enter your current password." }).max(200),
    newPassword: passwordField,
    confirmPassword: z.string({ error: "Repeat the new password." }).max(200),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ["confirmPassword"], message: "The two new passwords differ." });
const ActionSchema = z.discriminatedUnion("intent", [RenameSchema, DevicePolicySchema, WorkspaceTimeZoneSchema, TimeZoneSchema, PasswordSchema]);
const INTENTS = ["rename", "devicePolicy", "workspaceTimeZone", "timeZone", "password"] as const;
// Your own time zone and password are yours to set; the workspace's settings need settings:manage.
const PERSONAL: ReadonlyArray<(typeof INTENTS)[number]> = ["timeZone", "password"];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user, workspace } = await requireUser(context, request);
  return {
    workspace: { name: workspace.name, markInactiveOnDelete: workspace.markInactiveOnDelete, timeZone: workspace.timeZone },
    timeZone: user.timeZone,
    timeZones: timeZoneChoices(),
    canManage: can(user.role, "settings:manage"),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const session = await requireUser(context, request);
  const formData = await request.formData();
  const intent = readIntent(formData, INTENTS);
  if (!PERSONAL.includes(intent) && !can(session.user.role, "settings:manage")) throw forbidden();
  const submission = parseWithZod(formData, { schema: ActionSchema });
  const secret = ["currentPassword", "newPassword", "confirmPassword"];
  if (submission.status !== "success") return data({ intent, result: submission.reply({ hideFields: secret }), notice: null }, { status: 400 });
  const value = submission.value;
  const now = context.now();
  let notice: string;
  if (value.intent === "rename") {
    await updateWorkspaceSettings(context.db, session.workspace.id, { name: value.name }, now);
    notice = `The workspace is now called ${value.name}.`;
  } else if (value.intent === "devicePolicy") {
    await updateWorkspaceSettings(context.db, session.workspace.id, { markInactiveOnDelete: value.markInactiveOnDelete }, now, {
      ...auditFromSession(session, request),
      kind: "policy.saved",
      summary: `Set “Mark asset inactive when its NinjaOne device is deleted” ${value.markInactiveOnDelete ? "on" : "off"}`,
    });
    notice = value.markInactiveOnDelete
      ? "Assets will be marked inactive when their NinjaOne device is deleted."
      : "Assets will keep their status when their NinjaOne device is deleted.";
  } else if (value.intent === "workspaceTimeZone") {
    await updateWorkspaceSettings(context.db, session.workspace.id, { timeZone: value.workspaceTimeZone }, now);
    await rescheduleForTimeZone(context.db, session.workspace.id, now); // a daily/weekly sync time is in this zone
    notice = `The workspace's time zone is now ${value.workspaceTimeZone}. New teammates start with it; scheduled syncs run at their time in it.`;
  } else if (value.intent === "timeZone") {
    await updateUserTimeZone(context.db, session.workspace.id, session.user.id, value.timeZone, now);
    notice = `Times are now shown in ${value.timeZone}.`;
  } else {
    const outcome = await changeOwnPassword(context, session, value);
    if (!outcome.ok) {
      const result = submission.reply({ hideFields: secret, fieldErrors: { [outcome.field]: [outcome.message] } });
      return data({ intent, result, notice: null }, { status: 400 });
    }
    const changed = "Your password is changed. Your other sessions are signed out.";
    return data({ intent, result: submission.reply({ resetForm: true }), notice: changed }, { headers: toastHeaders(request, { message: changed }) });
  }
  return data({ intent, result: submission.reply(), notice }, notice ? { headers: toastHeaders(request, { message: notice }) } : undefined);
}

export default function WorkspaceSettings() {
  const { workspace, timeZone, timeZones, canManage } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state !== "idle";
  const resultFor = (intent: (typeof INTENTS)[number]) => (actionData?.intent === intent ? actionData.result : undefined);

  const [renameForm, renameFields] = useForm({
    id: "rename",
    lastResult: resultFor("rename"),
    defaultValue: { name: workspace.name },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: RenameSchema }),
    shouldValidate: "onBlur",
  });
  const [policyForm, policyFields] = useForm({
    id: "device-policy",
    lastResult: resultFor("devicePolicy"),
    defaultValue: { markInactiveOnDelete: workspace.markInactiveOnDelete },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: DevicePolicySchema }),
  });
  const [wsTzForm, wsTzFields] = useForm({
    id: "workspace-time-zone",
    lastResult: resultFor("workspaceTimeZone"),
    defaultValue: { workspaceTimeZone: workspace.timeZone },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: WorkspaceTimeZoneSchema }),
  });
  const [tzForm, tzFields] = useForm({
    id: "time-zone",
    lastResult: resultFor("timeZone"),
    defaultValue: { timeZone },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: TimeZoneSchema }),
  });
  const [passwordForm, passwordFields] = useForm({
    id: "password",
    lastResult: resultFor("password"),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: PasswordSchema }),
    shouldValidate: "onBlur",
  });

  return (
    <div className="max-w-2xl space-y-6">
      {actionData?.notice ? <Alert tone="green">{actionData.notice}</Alert> : null}
      {canManage ? null : (
        <Alert tone="blue">You can see the workspace settings. Only an Owner or Admin can change them; your time zone and password are yours to set.</Alert>
      )}

      <Card title="Workspace">
        {canManage ? (
          <Form method="post" {...getFormProps(renameForm)} className="space-y-4">
            <FormErrors errors={renameForm.errors} />
            <input type="hidden" name="intent" value="rename" />
            <TextField label="Workspace name" field={renameFields.name} hint="Shown in the navigation and in welcome messages." />
            <Button disabled={busy}>Save name</Button>
          </Form>
        ) : (
          <dl className="text-sm">
            <dt className="text-slate-500">Workspace name</dt>
            <dd className="mt-1 font-medium">{workspace.name}</dd>
          </dl>
        )}
      </Card>

      <Card title="NinjaOne devices">
        {canManage ? (
          <Form method="post" {...getFormProps(policyForm)} className="space-y-4">
            <FormErrors errors={policyForm.errors} />
            <input type="hidden" name="intent" value="devicePolicy" />
            <CheckboxField
              label="Mark asset inactive when its NinjaOne device is deleted"
              field={policyFields.markInactiveOnDelete}
              hint="When a device disappears from NinjaOne, the next complete sync sets its asset to Inactive. Turned off, the asset keeps its status. A device that comes back is reactivated either way."
            />
            <Button disabled={busy}>Save</Button>
          </Form>
        ) : (
          <p className="text-sm">
            Mark asset inactive when its NinjaOne device is deleted:{" "}
            <span className="font-medium">{workspace.markInactiveOnDelete ? "On" : "Off"}</span>
          </p>
        )}
      </Card>

      <Card title="Workspace time zone">
        {canManage ? (
          <Form method="post" {...getFormProps(wsTzForm)} className="space-y-4">
            <FormErrors errors={wsTzForm.errors} />
            <input type="hidden" name="intent" value="workspaceTimeZone" />
            <SelectField
              label="Zone for new teammates"
              field={wsTzFields.workspaceTimeZone}
              options={timeZones.map((z) => ({ value: z, label: z.replaceAll("_", " ") }))}
              hint="New teammates start with this time zone; each person can change their own below."
            />
            <Button disabled={busy}>Save workspace time zone</Button>
          </Form>
        ) : (
          <p className="text-sm">
            Workspace time zone: <span className="font-medium">{workspace.timeZone}</span>
          </p>
        )}
      </Card>

      <Card title="Your time zone">
        <Form method="post" {...getFormProps(tzForm)} className="space-y-4">
          <FormErrors errors={tzForm.errors} />
          <input type="hidden" name="intent" value="timeZone" />
          <SelectField
            label="Time zone"
            field={tzFields.timeZone}
            options={timeZones.map((z) => ({ value: z, label: z.replaceAll("_", " ") }))}
            hint="Dates and times you see in Core (the inbox, scheduled syncs) use this zone. Only you are affected."
          />
          <Button disabled={busy}>Save time zone</Button>
        </Form>
      </Card>

      <Card title="Your password">
        <Form method="post" {...getFormProps(passwordForm)} className="space-y-4">
          <FormErrors errors={passwordForm.errors} />
          <input type="hidden" name="intent" value="password" />
          <TextField label="Current password" field={passwordFields.currentPassword} type="password" autoComplete="current-password" />
          <TextField label="New password" field={passwordFields.newPassword} type="password" autoComplete="new-password" hint="At least 10 characters." />
          <TextField label="Repeat new password" field={passwordFields.confirmPassword} type="password" autoComplete="new-password" />
          <Button disabled={busy}>Change password</Button>
        </Form>
      </Card>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
