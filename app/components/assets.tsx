// Small pieces every asset screen shows the same way.
import type { AssetStatus } from "@workers/domain/asset-rules";
import { WARRANTY_BAND_LABELS, type WarrantyBand } from "@workers/domain/lifecycle";
import { STATUS_LABELS } from "~/lib/asset-fields";
import { Badge, cx, type BadgeTone } from "./ui";

const STATUS_TONES: Record<AssetStatus, BadgeTone> = {
  in_use: "green",
  available: "blue",
  in_repair: "amber",
  inactive: "gray",
  retired: "red",
};

export function AssetStatusBadge({ status }: { status: AssetStatus }) {
  return <Badge tone={STATUS_TONES[status]}>{STATUS_LABELS[status]}</Badge>;
}

export function NinjaBadge() {
  return (
    <Badge tone="indigo" title="Synced from NinjaOne">
      NinjaOne
    </Badge>
  );
}

/** Online/offline dot for a NinjaOne device; nothing when the state is unknown. */
export function OnlineDot({ offline, withLabel = false }: { offline: boolean | null; withLabel?: boolean }) {
  if (offline === null) return null;
  const label = offline ? "Offline" : "Online";
  return (
    <span className="inline-flex items-center gap-1.5 text-xs text-slate-600" title={label}>
      <span aria-hidden="true" className={cx("inline-block h-2 w-2 rounded-full", offline ? "bg-slate-400" : "bg-emerald-500")} />
      <span className={withLabel ? undefined : "sr-only"}>{label}</span>
    </span>
  );
}

const WARRANTY_TONES: Record<WarrantyBand, BadgeTone> = { active: "green", expiring: "amber", expired: "red", none: "gray" };

export function WarrantyBadge({ band }: { band: WarrantyBand }) {
  return <Badge tone={WARRANTY_TONES[band]}>{WARRANTY_BAND_LABELS[band]}</Badge>;
}

/** "Open in NinjaOne": the device dashboard in a new tab. `href` comes from ninjaDashboardUrl (never built here). */
export function OpenInNinjaLink({ href, deviceName, className }: { href: string; deviceName: string; className?: string }) {
  return (
    <a
      href={href}
      target="_blank"
      rel="noopener noreferrer"
      aria-label={`Open ${deviceName} in NinjaOne`}
      className={cx("whitespace-nowrap text-xs font-medium text-indigo-700 hover:underline", className)}
    >
      Open in NinjaOne ↗
    </a>
  );
}
