// The NinjaOne connection state as a badge: Not configured, Not connected, Connected, Needs reconnect.
import { Badge, type BadgeTone } from "~/components/ui";
import type { ConnectionState } from "./types";

const LOOK: Record<ConnectionState, { tone: BadgeTone; label: string }> = {
  not_configured: { tone: "gray", label: "Not configured" },
  not_connected: { tone: "amber", label: "Not connected" },
  connected: { tone: "green", label: "Connected" },
  needs_reconnect: { tone: "red", label: "Needs reconnect" },
};

export function ConnectionBadge({ state, reason }: { state: ConnectionState; reason?: string | null }) {
  const look = LOOK[state];
  return (
    <span data-testid="ninjaone-status" data-state={state}>
      <Badge tone={look.tone} title={reason ?? undefined}>
        {look.label}
      </Badge>
    </span>
  );
}
