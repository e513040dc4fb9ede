// The NinjaOne card on Settings > Integrations: state, last sync, Sync Now and Manage.
import { Form, Link } from "@remix-run/react";
import { Button, ButtonLink, Card } from "~/components/ui";
import { ConnectionBadge } from "./ConnectionBadge";
import { NINJA_CONFIGURE_PAGE, NINJA_PAGE } from "./ConnectionCard";
import { LastSync } from "./LastSync";
import type { IntegrationView } from "./types";
import { SYNC_ACTION_PATH } from "~/lib/sync-paths";

const CARD_LINK = { not_configured: "Set up", not_connected: "Connect", connected: "Manage", needs_reconnect: "Reconnect" } as const;

export function NinjaOneIntegrationCard({ view, timeZone }: { view: IntegrationView; timeZone?: string }) {
  return (
    <Card
      title={
        <Link to={view.state === "not_configured" ? NINJA_CONFIGURE_PAGE : NINJA_PAGE} className="hover:underline">
          NinjaOne
        </Link>
      }
      actions={<ConnectionBadge state={view.state} reason={view.statusReason} />}
    >
      <p className="text-sm text-slate-600">RMM: sync managed devices into your assets and map NinjaOne organizations to customers.</p>
      {view.state === "needs_reconnect" && view.statusReason ? <p className="mt-2 text-sm text-rose-700">{view.statusReason}</p> : null}
      {view.state !== "not_configured" ? (
        <div className="mt-3">
          <LastSync run={view.lastSync} timeZone={timeZone} />
        </div>
      ) : null}
      <div className="mt-4 flex flex-wrap items-center gap-2">
        {view.state === "not_configured" ? (
          <ButtonLink to={NINJA_CONFIGURE_PAGE} variant="primary">
            Add NinjaOne integration
          </ButtonLink>
        ) : (
          <>
            {view.state === "connected" ? (
              <Form method="post" action={SYNC_ACTION_PATH}>
                <Button>Sync Now</Button>
              </Form>
            ) : null}
            <ButtonLink to={NINJA_PAGE}>{CARD_LINK[view.state]}</ButtonLink>
          </>
        )}
      </div>
    </Card>
  );
}
