// The ticket sidebar's "Devices" card: the assets assigned to the ticket's contact.
import { Link } from "@remix-run/react";
import { Card, cx } from "./ui";

export type TicketDevice = {
  id: string;
  name: string;
  category: string;
  status: string;
  source: "manual" | "ninjaone";
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

export function TicketDevicesCard({ contactName, devices }: { contactName: string | null; devices: TicketDevice[] }) {
  return (
    <Card title="Devices">
      {contactName === null ? (
        <p className="text-sm text-slate-600">Add a contact to this ticket to see the devices assigned to them.</p>
      ) : devices.length === 0 ? (
        <p className="text-sm text-slate-600">
          No devices assigned to this contact. Assign assets to {contactName} on the asset's page and they appear here.
        </p>
      ) : (
        <ul className="divide-y divide-slate-100" aria-label={`Devices of ${contactName}`}>
          {devices.map((d) => (
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
      )}
    </Card>
  );
}
