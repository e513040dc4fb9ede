// The audit log's vocabulary: which kinds of event exist, how they are labelled, how long they
// are kept. Pure: no I/O (workers/db/audit.ts writes and reads them).
export const AUDIT_KINDS = {
  "auth.login_failed": "Sign-in failed",
  "auth.lockout": "Sign-in locked out",
  "user.added": "User added",
  "user.disabled": "User disabled",
  "user.enabled": "User enabled",
  "user.role_changed": "Role changed",
  "api_key.created": "API key created",
  "api_key.revoked": "API key revoked",
  "integration.configured": "NinjaOne configured",
  "integration.connected": "NinjaOne connected",
  "integration.reconnected": "NinjaOne reconnected",
  "integration.disconnected": "NinjaOne disconnected",
  "mapping.saved": "Mapping saved",
  "policy.saved": "Policy saved",
  "assignment.bulk": "Bulk assignment",
  "sync.started": "Sync started",
  "sync.cancelled": "Sync cancelled",
} as const;

export type AuditKind = keyof typeof AUDIT_KINDS;
export const AUDIT_KIND_LIST = Object.keys(AUDIT_KINDS) as [AuditKind, ...AuditKind[]];

export const AUDIT_RETENTION_MS = 365 * 24 * 3600 * 1000;

/** Who did it: a signed-in user, an API key, Core itself, or someone not signed in (a failed sign-in). */
export type AuditActor =
  | { type: "user"; id: string; label: string }
  | { type: "api_key"; id: string; label: string }
  | { type: "system"; label?: string }
  | { type: "anonymous"; label: string };

/** One CSV field: quoted when needed, and defused against spreadsheet formula injection. */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(values: Array<string | number | null | undefined>): string {
  return values.map(csvField).join(",");
}
