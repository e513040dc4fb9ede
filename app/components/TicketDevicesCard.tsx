// The ticket sidebar's device cards: the NinjaOne devices of the ticket's contact, and their other assets.
import { Link } from "@remix-run/react";
import { OpenInNinjaLink } from "./assets";
import { Card, cx } from "./ui";

export type TicketDevice = {
  id: string;
  name: string;
  category: string;
  status: string;
};

const STATUS_DOTS: Record<string, { className: string; label: string }> = {
  in_use: { className: "bg-emerald-500", label: "In use" },
  available: { className: "bg-sky-500", label: "Available" },
  in_repair: { className: "bg-amber-500", label: "In repair" },
  inactive: { className: "bg-slate-400", label: "Inactive" },
  retired: { className: "bg-slate-300", label: "Retired" },
};

function statusDot(status: string) {
  return STATUS_DOTS[status] ?? { className: "bg-slate-300", label: status };
}

/** An asset's status as a coloured dot, with its label unless `labelled` is false (then a tooltip). */
export function AssetStatusDot({ status, labelled = true }: { status: string; labelled?: boolean }) {
  const dot = statusDot(status);
  return (
    <span className="inline-flex items-center gap-1.5" title={labelled ? undefined : dot.label}>
      <span
        role={labelled ? undefined : "img"}
        aria-hidden={labelled ? true : undefined}
        aria-label={labelled ? undefined : dot.label}
        className={cx("inline-block h-2 w-2 shrink-0 rounded-full", dot.className)}
      />
      {labelled ? <span>{dot.label}</span> : null}
    </span>
  );
}

export type TicketNinjaDeviceView = {
  id: string;
  name: string;
  deviceType: string;
  offline: boolean | null;
  /** "3 minutes ago", made by the loader with the server's clock; null when never seen. */
  lastSeen: string | null;
  removed: boolean;
  dashboardUrl: string | null;
};

function stateText(d: TicketNinjaDeviceView): string {
  const state = d.removed ? "Removed from NinjaOne" : d.offline === null ? "State unknown" : d.offline ? "Offline" : "Online";
  return d.lastSeen ? `${state} · last seen ${d.lastSeen}` : `${state} · never seen`;
}

/** Online/offline dot with "last seen … ago" on hover (and for screen readers). */
function NinjaStateDot({ device }: { device: TicketNinjaDeviceView }) {
  const text = stateText(device);
  const color = device.removed || device.offline === null ? "bg-slate-300" : device.offline ? "bg-slate-400" : "bg-emerald-500";
  return (
    <span title={text} className="mt-1.5 inline-flex shrink-0">
      <span role="img" aria-label={text} className={cx("inline-block h-2.5 w-2.5 rounded-full", color)} />
    </span>
  );
}

/**
 * The ticket sidebar's device cards: "NinjaOne Devices" (state, type, Open in NinjaOne) and the
 * contact's other assets in a plain list. Says in one line why it is empty.
 */
export function TicketDevicesCard({
  contactName,
  ninja,
  other,
  more,
  contactId,
}: {
  contactName: string | null;
  contactId: string | null;
  ninja: TicketNinjaDeviceView[];
  other: TicketDevice[];
  more: boolean;
}) {
  return (
    <>
      <Card title="NinjaOne Devices">
        {contactName === null ? (
          <p className="text-sm text-slate-600">No contact on this ticket, so no NinjaOne devices to show.</p>
        ) : ninja.length === 0 ? (
          <p className="text-sm text-slate-600">{`${contactName} has no NinjaOne devices.`}</p>
        ) : (
          <ul className="divide-y divide-slate-100" aria-label={`NinjaOne devices of ${contactName}`}>
            {ninja.map((d) => (
              <li key={d.id} className="flex items-start gap-2 py-2 text-sm">
                <NinjaStateDot device={d} />
                <div className="min-w-0 flex-1">
                  <Link to={`/assets/${d.id}`} className="block truncate font-medium text-indigo-700 hover:underline">
                    {d.name}
                  </Link>
                  <p className="text-xs text-slate-500">{d.deviceType}</p>
                </div>
                {d.dashboardUrl ? <OpenInNinjaLink href={d.dashboardUrl} deviceName={d.name} className="shrink-0" /> : null}
              </li>
            ))}
          </ul>
        )}
      </Card>
      {other.length > 0 ? (
        <Card title="Other devices">
          <ul className="divide-y divide-slate-100" aria-label={`Other devices of ${contactName ?? "the contact"}`}>
            {other.map((d) => (
              <li key={d.id} className="flex items-start gap-2 py-2 text-sm">
                <span className="mt-0.5">
                  <AssetStatusDot status={d.status} labelled={false} />
                </span>
                <div className="min-w-0">
                  <Link to={`/assets/${d.id}`} className="block truncate font-medium text-indigo-700 hover:underline">
                    {d.name}
                  </Link>
                  <p className="text-xs text-slate-500">
                    {d.category} · {statusDot(d.status).label}
                  </p>
                </div>
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
      {more && contactId ? (
        <Link to={`/assets?contactId=${contactId}`} className="block text-sm text-indigo-600 hover:underline">
          All devices of {contactName} →
        </Link>
      ) : null}
    </>
  );
}
