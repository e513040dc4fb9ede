// Add or edit the NinjaOne integration: client credentials from the NinjaOne API client, region,
// optional dashboard link domain. The stored secret is never shown; leaving it empty keeps it.
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/cloudflare";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { REGIONS } from "@workers/ninjaone/regions";
import { saveIntegrationSettings } from "@workers/sync/integration-settings";
import { GeneralErrorBoundary } from "~/components/ErrorBoundary";
import { NINJA_PAGE } from "~/components/ninjaone/ConnectionCard";
import { DeploymentNotice } from "~/components/ninjaone/DeploymentNotice";
import { SetupGuide } from "~/components/ninjaone/SetupGuide";
import { SettingsPageTitle } from "~/components/SettingsPageTitle";
import { Button, Card, FormErrors, SelectField, TextField } from "~/components/ui";
import { auditFromSession } from "~/lib/audit.server";
import { requirePermission } from "~/lib/guards.server";
import { redirectWithToast } from "~/lib/toast.server";
import { integrationSettingsSchema, REGION_CODES } from "~/lib/ninjaone-forms";
import { deploymentView, integrationFormDefaults } from "~/lib/ninjaone.server";
import { DASHBOARD_DOMAIN_HINT } from "@workers/domain/dashboard-domain";

export const meta: MetaFunction = () => [{ title: "NinjaOne settings · Integrations · Core" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { workspace } = await requirePermission(context, request, "integrations:manage");
  return {
    current: await integrationFormDefaults(context, workspace.id),
    deployment: await deploymentView(context, request, true),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const session = await requirePermission(context, request, "integrations:manage");
  const { workspace } = session;
  const current = await integrationFormDefaults(context, workspace.id);
  const submission = parseWithZod(await request.formData(), { schema: integrationSettingsSchema({ secretStored: current !== null }) });
  if (submission.status !== "success") return data({ result: submission.reply({ hideFields: ["clientSecret"] }) }, { status: 400 });
  const saved = await saveIntegrationSettings(
    { db: context.db, kv: context.env.KV, config: context.config, workspaceId: workspace.id, now: context.now },
    submission.value,
    auditFromSession(session, request),
  );
  if (!saved.ok) {
    return data({ result: submission.reply({ fieldErrors: { [saved.field]: [saved.message] }, hideFields: ["clientSecret"] }) }, { status: 400 });
  }
  return redirectWithToast(request, `${NINJA_PAGE}?saved=${saved.created ? "created" : saved.connectionReset ? "reset" : "updated"}`, { message: "NinjaOne settings saved." });
}

const REGION_OPTIONS = REGION_CODES.map((code) => ({ value: code, label: `${REGIONS[code].label} (${REGIONS[code].host})` }));

export default function ConfigureNinjaOne() {
  const { current, deployment } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const schema = integrationSettingsSchema({ secretStored: current !== null });
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    defaultValue: current ? { clientId: current.clientId, region: current.region, dashboardDomain: current.dashboardDomain } : { region: "us" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    shouldValidate: "onBlur",
  });
  const editing = current !== null;
  return (
    <div className="max-w-3xl">
      <SettingsPageTitle
        title={editing ? "Edit NinjaOne integration" : "Add NinjaOne integration"}
        description="Core connects to NinjaOne with an API client you create in NinjaOne."
        back={editing ? { to: NINJA_PAGE, label: "NinjaOne" } : { to: "/settings/integrations", label: "Integrations" }}
      />
      <DeploymentNotice deployment={deployment} />
      <div className="grid gap-6">
        <SetupGuide redirectUri={deployment.redirectUri} />
        <Card title="2. Enter the client details">
          <Form method="post" {...getFormProps(form)} className="space-y-4">
            <FormErrors errors={form.errors} />
            <TextField label="Client ID" field={fields.clientId} autoComplete="off" />
            <TextField
              label="Client Secret"
              field={fields.clientSecret}
              type="password"
              autoComplete="new-password"
              hint={
                editing
                  ? `Stored${current.secretLast4 ? ` (ends in ${current.secretLast4})` : ""}. Leave empty to keep it; type a new one to replace it.`
                  : "Shown once by NinjaOne when you create the API client."
              }
            />
            <SelectField label="Region" field={fields.region} options={REGION_OPTIONS} hint="The NinjaOne instance your team signs in to." />
            <TextField
              label="Dashboard Link Domain (optional)"
              field={fields.dashboardDomain}
              placeholder="support.example-msp.com"
              hint={`Only if your team uses a branded NinjaOne portal domain: Core uses it for device dashboard links from tickets. ${DASHBOARD_DOMAIN_HINT}`}
            />
            <div className="flex items-center gap-3">
              <Button disabled={navigation.state !== "idle"}>{editing ? "Save changes" : "Save integration"}</Button>
              <Link to={editing ? NINJA_PAGE : "/settings/integrations"} className="text-sm text-slate-600 hover:underline">
                Cancel
              </Link>
            </div>
            {editing ? (
              <p className="text-xs text-slate-500">Changing the Client ID or the region removes the current connection: you will connect again.</p>
            ) : null}
          </Form>
        </Card>
      </div>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
