// The NinjaOne connection: its state, what it is connected to, and Connect / Reconnect /
// Test connection / Disconnect. Every button is a plain form post, so it works without JavaScript.
import { Form, Link, useNavigation } from "@remix-run/react";
import { Alert, Button, ButtonLink, Card, formatDateTime } from "~/components/ui";
import { ConnectionBadge } from "./ConnectionBadge";
import type { IntegrationView } from "./types";

export const NINJA_PAGE = "/settings/integrations/ninjaone";
export const NINJA_CONFIGURE_PAGE = "/settings/integrations/ninjaone/configure";

export type TestResult = { ok: boolean; message: string };

function IntentButton({ intent, label, variant = "secondary", reloadDocument }: { intent: string; label: string; variant?: "primary" | "secondary" | "danger"; reloadDocument?: boolean }) {
  const navigation = useNavigation();
  const busy = navigation.state !== "idle" && navigation.formData?.get("intent") === intent;
  return (
    <Form method="post" action={NINJA_PAGE} reloadDocument={reloadDocument}>
      <input type="hidden" name="intent" value={intent} />
      <Button variant={variant} disabled={busy}>
        {busy ? `${label}…` : label}
      </Button>
    </Form>
  );
}

export function ConnectionCard({ view, test, timeZone }: { view: IntegrationView; test?: TestResult | null; timeZone?: string }) {
  const configured = view.state !== "not_configured";
  return (
    <Card title="Connection" actions={<ConnectionBadge state={view.state} reason={view.statusReason} />}>
      {view.state === "needs_reconnect" ? (
        <Alert tone="red">
          <p className="font-medium">NinjaOne needs to be reconnected.</p>
          {view.statusReason ? <p className="mt-1">{view.statusReason}</p> : null}
        </Alert>
      ) : null}
      {test ? <Alert tone={test.ok ? "green" : "red"}>{test.message}</Alert> : null}

      {!configured ? (
        <div className="text-sm text-slate-700">
          <p>NinjaOne is not set up yet. Add the Client ID and Client Secret of a NinjaOne API client, then connect.</p>
          <div className="mt-4">
            <ButtonLink to={NINJA_CONFIGURE_PAGE} variant="primary">
              Add NinjaOne integration
            </ButtonLink>
          </div>
        </div>
      ) : (
        <>
          <dl className="grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-[10rem_1fr]">
            <dt className="text-slate-500">Region</dt>
            <dd>{view.regionLabel}</dd>
            <dt className="text-slate-500">Instance</dt>
            <dd className="font-mono text-xs leading-5">{view.instanceUrl}</dd>
            <dt className="text-slate-500">Client ID</dt>
            <dd className="font-mono text-xs leading-5">{view.clientId}</dd>
            <dt className="text-slate-500">Client Secret</dt>
            <dd className="font-mono text-xs leading-5">{view.secretLast4 ? `••••••••${view.secretLast4}` : "•••••••• (stored)"}</dd>
            <dt className="text-slate-500">Dashboard Link Domain</dt>
            <dd>{view.dashboardDomain ?? <span className="text-slate-500">Not set (links use the instance)</span>}</dd>
            {view.connectedAt ? (
              <>
                <dt className="text-slate-500">Connected since</dt>
                <dd>{formatDateTime(view.connectedAt, timeZone)}</dd>
              </>
            ) : null}
          </dl>

          <div className="mt-5 flex flex-wrap items-center gap-2">
            {view.state === "not_connected" ? (
              <IntentButton intent="connect" label="Connect NinjaOne" variant="primary" reloadDocument />
            ) : (
              <>
                <IntentButton intent="connect" label="Reconnect" variant={view.state === "needs_reconnect" ? "primary" : "secondary"} reloadDocument />
                <IntentButton intent="test" label="Test connection" />
              </>
            )}
            <Link to={NINJA_CONFIGURE_PAGE} className="px-2 text-sm font-medium text-indigo-600 hover:underline">
              Edit settings
            </Link>
          </div>

          {view.state !== "not_connected" ? (
            <details className="mt-5 rounded-md border border-slate-200 px-4 py-3 text-sm">
              <summary className="cursor-pointer font-medium text-slate-700">Disconnect NinjaOne…</summary>
              <p className="mt-2 text-slate-600">
                Disconnecting deletes Core's NinjaOne tokens. Scheduled syncs stop until you connect again; assets already synced stay
                as they are. The client ID and secret are kept, so connecting again takes one click.
              </p>
              <div className="mt-3">
                <IntentButton intent="disconnect" label="Disconnect" variant="danger" />
              </div>
            </details>
          ) : null}
        </>
      )}
    </Card>
  );
}
