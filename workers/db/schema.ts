// The one drizzle schema. `npm run db:generate` compiles it into migrations/; wrangler applies
// them locally, in tests and on deploy. Every table holding workspace data carries
// workspace_id, and every query filters on it.
import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { ASSET_CATEGORIES, ASSET_STATUSES } from "../domain/asset-rules";
import { TICKET_PRIORITIES, TICKET_STATUSES } from "../domain/tickets";

const id = () => text("id").primaryKey();
const workspaceId = () => text("workspace_id").notNull();
// Epoch milliseconds everywhere in our own tables.
const createdAt = () => integer("created_at").notNull();
const updatedAt = () => integer("updated_at").notNull();

export const workspaces = sqliteTable("workspaces", {
  id: id(),
  name: text("name").notNull(),
  // "Mark asset inactive when its NinjaOne device is deleted" (default on).
  markInactiveOnDelete: integer("mark_inactive_on_delete", { mode: "boolean" }).notNull().default(true),
  // The workspace's own time zone (IANA name): new teammates start with it. Users keep their own.
  timeZone: text("time_zone").notNull().default("UTC"),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const users = sqliteTable(
  "users",
  {
    id: id(),
    workspaceId: workspaceId(),
    email: text("email").notNull(), // stored lower-cased
    name: text("name").notNull(),
    passwordHash: text("password_hash").notNull(), // "pbkdf2-sha256$iterations$salt$hash" (base64)
    role: text("role", { enum: ["owner", "admin", "manager", "technician", "observer"] }).notNull(),
    timeZone: text("time_zone").notNull().default("UTC"),
    disabledAt: integer("disabled_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("users_email_uq").on(t.email), index("users_ws_idx").on(t.workspaceId, t.createdAt)],
);

export const sessions = sqliteTable(
  "sessions",
  {
    id: id(), // SHA-256 of the cookie token: a leaked table does not hand out sessions
    userId: text("user_id").notNull(),
    workspaceId: workspaceId(),
    expiresAt: integer("expires_at").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

// Failed-login throttling, keyed by e-mail (lower-cased) and by client address.
export const loginThrottles = sqliteTable("login_throttles", {
  key: text("key").primaryKey(),
  failures: integer("failures").notNull(),
  lastFailureAt: integer("last_failure_at").notNull(),
  lockedUntil: integer("locked_until"),
});

// Browsers that have signed in to an account: the cookie holds a random token, D1 its SHA-256. A
// known device skips the per-e-mail login slow-down, so strangers guessing an address from many
// places cannot lock its owner out (app/lib/auth.server.ts).
export const knownDevices = sqliteTable(
  "known_devices",
  {
    tokenHash: text("token_hash").notNull(),
    userId: text("user_id").notNull(),
    workspaceId: workspaceId(),
    lastUsedAt: integer("last_used_at").notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.tokenHash, t.userId] }), index("known_devices_user_idx").on(t.userId)],
);

export const apiKeys = sqliteTable(
  "api_keys",
  {
    id: id(),
    workspaceId: workspaceId(),
    name: text("name").notNull(),
    prefix: text("prefix").notNull(), // first characters, shown in the list
    keyHash: text("key_hash").notNull(), // SHA-256 hex of the whole key
    role: text("role", { enum: ["owner", "admin", "manager", "technician", "observer"] }).notNull(),
    createdBy: text("created_by"),
    lastUsedAt: integer("last_used_at"),
    revokedAt: integer("revoked_at"),
    // Optional: after this instant (epoch ms) the key is refused like a revoked one.
    expiresAt: integer("expires_at"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("api_keys_hash_uq").on(t.keyHash), index("api_keys_ws_idx").on(t.workspaceId, t.createdAt)],
);

export const customers = sqliteTable(
  "customers",
  {
    id: id(),
    workspaceId: workspaceId(),
    name: text("name").notNull(),
    email: text("email"),
    phone: text("phone"),
    website: text("website"),
    notes: text("notes"),
    archivedAt: integer("archived_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("customers_ws_name_idx").on(t.workspaceId, t.name, t.id),
    // Lists sort names case-insensitively (keyset on name COLLATE NOCASE, id).
    index("customers_ws_name_nocase_idx").on(t.workspaceId, sql`name COLLATE NOCASE`, t.id),
  ],
);

export const contacts = sqliteTable(
  "contacts",
  {
    id: id(),
    workspaceId: workspaceId(),
    customerId: text("customer_id"),
    name: text("name").notNull(),
    email: text("email"),
    phone: text("phone"),
    title: text("title"),
    ninjaUid: text("ninja_uid"), // the first NinjaOne person (end user or contact) the contact sync linked
    // JSON array of the fields a person set or edited in Core (name, email, phone, title): the
    // contact sync never overwrites them (issue 11; the same rule as a person's asset fields).
    editedFields: text("edited_fields").notNull().default("[]"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("contacts_ws_name_idx").on(t.workspaceId, t.name, t.id),
    index("contacts_ws_customer_idx").on(t.workspaceId, t.customerId, t.name),
    index("contacts_ws_name_nocase_idx").on(t.workspaceId, sql`name COLLATE NOCASE`, t.id),
    // The contact sync links by e-mail within a customer (case-insensitive).
    index("contacts_ws_email_idx").on(t.workspaceId, sql`lower(email)`),
  ],
);

// NinjaOne people (end users and organization contacts) the contact sync has seen, keyed by uid,
// and the Core contact each is linked to. Several NinjaOne records may link to one contact (the
// same person as an end user and a contact, or in two organizations of one customer).
export const ninjaPeople = sqliteTable(
  "ninja_people",
  {
    workspaceId: workspaceId(),
    ninjaUid: text("ninja_uid").notNull(), // uid, or "end_user:<id>" / "contact:<id>" when NinjaOne sent none
    kind: text("kind", { enum: ["end_user", "contact"] }).notNull(),
    ninjaId: integer("ninja_id").notNull(),
    ninjaOrgId: integer("ninja_org_id"),
    contactId: text("contact_id").notNull(),
    // What NinjaOne said last (shown on the contact page; an update compares against it).
    firstName: text("first_name"),
    lastName: text("last_name"),
    email: text("email"),
    phone: text("phone"),
    title: text("title"),
    lastRunId: text("last_run_id"), // the run that last wrote this row
    lastAction: text("last_action", { enum: ["created", "linked", "updated"] }), // what that run did
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.ninjaUid] }), index("ninja_people_contact_idx").on(t.workspaceId, t.contactId)],
);

// Defined in a pure module so browser code (forms, filters) can use them without drizzle.
export { ASSET_CATEGORIES, ASSET_STATUSES } from "../domain/asset-rules";

/**
 * SQL twin of serialKey() in workers/domain/serials.ts: whitespace characters become spaces, runs
 * of spaces collapse (five halvings: runs up to 32), the ends are trimmed, ASCII letters upper-cased,
 * and an empty result is NULL. A unit test checks both give the same key.
 */
const SERIAL_KEY_SQL = sql.raw(
  `nullif(upper(trim(${"replace(".repeat(5)}${"replace(".repeat(6)}serial_number, char(9), ' '), char(10), ' '), char(11), ' '), char(12), ' '), char(13), ' '), char(160), ' ')${", '  ', ' ')".repeat(5)})), '')`,
);

/**
 * SQL twin of deviceStartMs() in workers/domain/lifecycle.ts (the age basis in epoch ms: purchase
 * date, warranty start, NinjaOne first seen); also deviceStartSql in workers/db/assets.ts.
 */
const AGE_BASIS_MS_SQL = sql.raw(
  "COALESCE(CAST(strftime('%s', purchase_date) AS INTEGER) * 1000, CAST(strftime('%s', warranty_start) AS INTEGER) * 1000, ninja_created_at)",
);

export const assets = sqliteTable(
  "assets",
  {
    id: id(),
    workspaceId: workspaceId(),
    name: text("name").notNull(),
    manufacturer: text("manufacturer"),
    model: text("model"),
    serialNumber: text("serial_number"),
    notes: text("notes"),
    status: text("status", { enum: ASSET_STATUSES }).notNull(),
    category: text("category", { enum: ASSET_CATEGORIES }).notNull(),
    customerId: text("customer_id"),
    contactId: text("contact_id"),
    // Who set contact_id: 'person' (a person chose it: the sync never overwrites it) or
    // 'ninjaone' (the sync set it from the device's assigned owner). Null: nobody yet.
    contactSource: text("contact_source", { enum: ["person", "ninjaone"] }),
    purchaseDate: text("purchase_date"), // ISO date YYYY-MM-DD
    installDate: text("install_date"),
    warrantyStart: text("warranty_start"),
    warrantyEnd: text("warranty_end"),
    source: text("source", { enum: ["manual", "ninjaone"] }).notNull(),
    // NinjaOne link and synced fields (null for manual assets).
    ninjaDeviceId: integer("ninja_device_id"),
    ninjaDeviceUid: text("ninja_device_uid"),
    ninjaOrgId: integer("ninja_org_id"),
    ninjaLocationId: integer("ninja_location_id"),
    ninjaRoleId: integer("ninja_role_id"),
    ninjaNodeClass: text("ninja_node_class"),
    ninjaOffline: integer("ninja_offline", { mode: "boolean" }),
    ninjaLastContact: integer("ninja_last_contact"), // epoch ms
    ninjaLastLoggedInUser: text("ninja_last_logged_in_user"),
    ninjaAssignedOwnerUid: text("ninja_assigned_owner_uid"),
    ninjaCreatedAt: integer("ninja_created_at"), // epoch ms: the device's creation in NinjaOne
    ninjaOsName: text("ninja_os_name"),
    ninjaSyncHash: text("ninja_sync_hash"), // hash of the mapped fields: unchanged devices are not written
    // rawDeviceHash of the record last written (workers/domain/device-mapping.ts): equal → not even mapped.
    ninjaRawHash: text("ninja_raw_hash"),
    // The sync run that last WROTE this row. Seen-ness is not stored per row (an unchanged device
    // costs no write); a run detects vanished devices by the id range each page covers.
    ninjaLastSeenRunId: text("ninja_last_seen_run_id"),
    ninjaDeletedAt: integer("ninja_deleted_at"), // device vanished from NinjaOne
    warrantyCheckedAt: integer("warranty_checked_at"),
    matchedBy: text("matched_by"), // ninja_id | serial | name | created
    matchReason: text("match_reason"), // shown to the user
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    // The serial's comparison form (whitespace runs collapsed, trimmed, ASCII upper case), computed
    // by SQLite from serial_number so no write path can forget it. Every serial match compares
    // this column with serialKey() of the device's serial (workers/domain/serials.ts, same rule).
    serialKey: text("serial_key").generatedAlwaysAs(SERIAL_KEY_SQL, { mode: "virtual" }),
    // Who set customer_id on a NinjaOne asset: 'person' (kept while its organization has no
    // mapping) or 'sync' (from the organization's mapping). Null: never set.
    customerSource: text("customer_source", { enum: ["person", "sync"] }),
    // Complete runs in a row that did not list the device while GET /v2/device/{id} still answered
    // it (2 or more: flagged for a person). The run that last counted it, so a redelivery does not.
    ninjaUnlistedRuns: integer("ninja_unlisted_runs").notNull().default(0),
    ninjaUnlistedRunId: text("ninja_unlisted_run_id"),
    // The name's natural sort key (naturalSortKey in workers/domain/natural-sort.ts: "PC 10.2"
    // before "PC 10.10"), written with the name by every write path; the assets list sorts and
    // pages on it. Migrations backfill it with the same rule in SQL.
    nameSort: text("name_sort"),
    // The age basis in epoch ms (AGE_BASIS_MS_SQL), computed by SQLite like serial_key: the list's
    // age filter is a range on its index instead of an expression over every row.
    ageBasisMs: integer("age_basis_ms").generatedAlwaysAs(AGE_BASIS_MS_SQL, { mode: "virtual" }),
  },
  (t) => [
    // The assets list sorts by name (natural order, name_sort), created or updated and pages by
    // keyset on (sort column, id). Customer and contact have an index in name order (their
    // lists are opened from the customer and contact pages); any other filter, or another sort,
    // is planned from the filter's count (workers/db/assets.ts listAssets): a rare filter is read
    // through assets_ws_report_idx and sorted in memory, a common one walks the sort index.
    index("assets_ws_name_sort_idx").on(t.workspaceId, t.nameSort, t.id),
    index("assets_ws_created_idx").on(t.workspaceId, t.createdAt, t.id),
    index("assets_ws_updated_idx").on(t.workspaceId, t.updatedAt, t.id),
    index("assets_ws_customer_sort_idx").on(t.workspaceId, t.customerId, t.nameSort, t.id),
    index("assets_ws_contact_sort_idx").on(t.workspaceId, t.contactId, t.nameSort, t.id),
    index("assets_ws_serial_key_idx").on(t.workspaceId, t.serialKey),
    // The list's other filters, one narrow index each, so its count (exact up to 10,000) and the
    // rowids of a rare value are a range of a few thousand entries, not a walk of the 22 MB
    // report index (25-40 ms at 100,000 assets). Keyed on low-cardinality values followed by the
    // rowid, a new asset lands at the end of its group (cheap to write); warranty end and the age
    // basis carry the source, which Reports' drill-downs add.
    index("assets_ws_category_idx").on(t.workspaceId, t.category),
    index("assets_ws_status_idx").on(t.workspaceId, t.status),
    index("assets_ws_online_idx").on(t.workspaceId, t.ninjaOffline),
    index("assets_ws_warranty_end_idx").on(t.workspaceId, t.warrantyEnd, t.source),
    index("assets_ws_age_basis_idx").on(t.workspaceId, t.ageBasisMs, t.source),
    // Covers every Reports aggregate (filters customer, category, online; bands from the dates)
    // and the EOL Recommendations (age basis: purchase date, warranty start, NinjaOne first seen),
    // so a 100,000-asset report reads this index and never the table.
    index("assets_ws_report_idx").on(
      t.workspaceId,
      t.source,
      t.customerId,
      t.category,
      t.status,
      t.ninjaOffline,
      t.ninjaCreatedAt,
      t.purchaseDate,
      t.warrantyEnd,
      t.warrantyStart,
      t.id, // EOL pages by keyset on (due date, id): id must be in the index to keep it covering
    ),
    uniqueIndex("assets_ws_ninja_device_uq")
      .on(t.workspaceId, t.ninjaDeviceId)
      .where(sql`ninja_device_id IS NOT NULL`),
    index("assets_ws_ninja_org_idx").on(t.workspaceId, t.ninjaOrgId),
    // The sync's light unchanged path (workers/sync/devices.ts linkedAssetsInRange) and the
    // organizations' device counts read only this index, never the table: a page's id range of
    // linked assets with what decides "unchanged" (hashes, customer, status, deletion, last run).
    index("assets_ws_ninja_sync_idx")
      .on(
        t.workspaceId,
        t.ninjaDeviceId,
        t.ninjaRawHash,
        t.ninjaSyncHash,
        t.customerId,
        t.customerSource,
        t.status,
        t.ninjaDeletedAt,
        t.ninjaLastSeenRunId,
        t.ninjaUnlistedRuns,
        t.ninjaOrgId,
        t.id,
      )
      .where(sql`ninja_device_id IS NOT NULL`),
    index("assets_ws_warranty_idx").on(t.workspaceId, t.warrantyCheckedAt), // the warranty phase: oldest check first
  ],
);

// Reports figures computed once and kept until an asset changes: triggers on `assets` (custom
// migration report_cache_and_search) delete a workspace's rows whenever one of its assets is
// inserted, deleted or changes a reported column, so a kept figure is never stale. `key` is the
// report's filters and the hour it was computed in (age bands move with the clock).
export const reportCache = sqliteTable(
  "report_cache",
  {
    workspaceId: workspaceId(),
    key: text("key").notNull(),
    body: text("body").notNull(), // JSON of the aggregate rows (workers/db/reports.ts)
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.key] })],
);

// What syncs changed on an asset ("last changes from syncs" on the asset page).
export const assetEvents = sqliteTable(
  "asset_events",
  {
    id: id(),
    workspaceId: workspaceId(),
    assetId: text("asset_id").notNull(),
    runId: text("run_id"),
    kind: text("kind").notNull(), // created | updated | linked | renamed | moved | inactivated | reactivated | flagged | assigned
    summary: text("summary").notNull(),
    changes: text("changes"), // JSON: { field: [before, after] }
    // Who made a change a person (or an API key) made, and by which rule; null for sync events.
    actorType: text("actor_type", { enum: ["user", "api_key"] }),
    actorId: text("actor_id"),
    actorName: text("actor_name"),
    rule: text("rule"), // e.g. "bulk device assignment", "suggestion: email exact (100%)"
    createdAt: createdAt(),
  },
  (t) => [
    index("asset_events_asset_idx").on(t.workspaceId, t.assetId, t.createdAt),
    index("asset_events_run_idx").on(t.workspaceId, t.runId, t.assetId),
  ],
);

export { TICKET_PRIORITIES, TICKET_STATUSES };

export const tickets = sqliteTable(
  "tickets",
  {
    id: id(),
    workspaceId: workspaceId(),
    number: integer("number").notNull(),
    title: text("title").notNull(),
    description: text("description"),
    customerId: text("customer_id"),
    contactId: text("contact_id"),
    status: text("status", { enum: TICKET_STATUSES }).notNull(),
    priority: text("priority", { enum: TICKET_PRIORITIES }).notNull(),
    createdBy: text("created_by"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("tickets_ws_number_uq").on(t.workspaceId, t.number),
    index("tickets_ws_created_idx").on(t.workspaceId, t.createdAt, t.id),
    index("tickets_ws_customer_idx").on(t.workspaceId, t.customerId),
    // Ticket lists run newest first by number, often filtered by status; contact deletion
    // unassigns a contact's tickets.
    index("tickets_ws_status_number_idx").on(t.workspaceId, t.status, t.number),
    index("tickets_ws_contact_idx").on(t.workspaceId, t.contactId),
  ],
);

export const notifications = sqliteTable(
  "notifications",
  {
    id: id(),
    workspaceId: workspaceId(),
    userId: text("user_id").notNull(),
    type: text("type").notNull(), // e.g. ninjaone.reconnect, ninjaone.org_mapping
    title: text("title").notNull(),
    body: text("body"),
    link: text("link"),
    dedupKey: text("dedup_key"), // same key for the same user is posted once
    readAt: integer("read_at"),
    createdAt: createdAt(),
  },
  (t) => [
    index("notifications_user_idx").on(t.workspaceId, t.userId, t.createdAt),
    uniqueIndex("notifications_dedup_uq")
      .on(t.workspaceId, t.userId, t.dedupKey)
      .where(sql`dedup_key IS NOT NULL`),
  ],
);

// One NinjaOne integration per workspace. Tokens live in KV, encrypted; the client secret is
// encrypted here with the same key.
export const integrations = sqliteTable(
  "integrations",
  {
    workspaceId: text("workspace_id").primaryKey(),
    provider: text("provider").notNull().default("ninjaone"),
    clientId: text("client_id").notNull(),
    clientSecretEnc: text("client_secret_enc").notNull(),
    clientSecretLast4: text("client_secret_last4").notNull(),
    region: text("region", { enum: ["us", "eu", "oc", "ca", "us2", "fed"] }).notNull(),
    dashboardDomain: text("dashboard_domain"),
    status: text("status", { enum: ["not_connected", "connected", "needs_reconnect"] }).notNull(),
    statusReason: text("status_reason"),
    connectedAt: integer("connected_at"),
    syncFrequency: text("sync_frequency", { enum: ["manual", "hourly", "daily", "weekly"] })
      .notNull()
      .default("manual"),
    // Daily/weekly at a time of day ("HH:MM", 24 h) in the workspace's time zone, weekly on an ISO
    // weekday (1 = Monday … 7 = Sunday). Null time: Core's own spread slot (API clients before 2026-12).
    syncTime: text("sync_time"),
    syncWeekday: integer("sync_weekday"),
    nextSyncAt: integer("next_sync_at"), // epoch ms; null when manual
    scheduleNote: text("schedule_note"), // why the last scheduled sync did not run
    lastRunId: text("last_run_id"),
    // Tokens: KV holds one immutable entry per version under `tokenKey`; D1 says which is current
    // (KV is eventually consistent, D1 is not). Bumped on every connect, refresh and disconnect.
    tokenVersion: integer("token_version").notNull().default(0),
    tokenKey: text("token_key"), // KV key of the current encrypted TokenSet; null: no tokens
    // Refresh lease: one refresh per workspace across isolates (a refresh token is spent once).
    refreshLockUntil: integer("refresh_lock_until"), // epoch ms
    refreshLockOwner: text("refresh_lock_owner"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  // The cron pages through due workspaces on (next_sync_at, workspace_id): a keyset walk of this index.
  (t) => [index("integrations_due_idx").on(t.nextSyncAt, t.workspaceId)],
);

// OAuth `state` for Connect NinjaOne: only its SHA-256 is kept; single-use, 10 minutes, bound to
// the session, user and workspace that started it. A connect started over the API (apiKeyId set,
// sessionId null) is bound to the key and to the user who created it: any signed-in session of
// that user may finish it while the key is not revoked.
export const oauthStates = sqliteTable("oauth_states", {
  stateHash: text("state_hash").primaryKey(),
  workspaceId: workspaceId(),
  userId: text("user_id").notNull(),
  sessionId: text("session_id"),
  apiKeyId: text("api_key_id"),
  expiresAt: integer("expires_at").notNull(),
  usedAt: integer("used_at"),
  createdAt: createdAt(),
});

export const syncRuns = sqliteTable(
  "sync_runs",
  {
    id: id(),
    workspaceId: workspaceId(),
    trigger: text("trigger", { enum: ["manual", "scheduled"] }).notNull(),
    status: text("status", { enum: ["queued", "running", "succeeded", "failed"] }).notNull(),
    phase: text("phase").notNull().default("organizations"), // organizations | contacts | devices | finalize | warranty | done
    checkpoint: text("checkpoint"), // JSON: { after: number, page: number }
    pagesDone: integer("pages_done").notNull().default(0),
    devicesFound: integer("devices_found").notNull().default(0),
    assetsCreated: integer("assets_created").notNull().default(0),
    assetsUpdated: integer("assets_updated").notNull().default(0),
    assetsUnchanged: integer("assets_unchanged").notNull().default(0),
    assetsInactivated: integer("assets_inactivated").notNull().default(0),
    assetsReactivated: integer("assets_reactivated").notNull().default(0),
    orgsMatched: integer("orgs_matched").notNull().default(0),
    orgsUnmatched: integer("orgs_unmatched").notNull().default(0),
    errorCount: integer("error_count").notNull().default(0),
    rowsWritten: integer("rows_written").notNull().default(0),
    assetsLinked: integer("assets_linked").notNull().default(0), // existing assets linked by serial or name (part of updated)
    // Estimate for the progress bar: the device count of the last successful run.
    devicesExpected: integer("devices_expected"),
    warrantyChecked: integer("warranty_checked").notNull().default(0),
    warrantyUpdated: integer("warranty_updated").notNull().default(0),
    // Assets the warranty pass set out to check (set by its first batch; null until then).
    warrantyTotal: integer("warranty_total"),
    // Linked devices the list left out: confirmed gone by GET /v2/device/{id} answering 404, or kept
    // because it still answered ("not listed, still exists").
    devicesConfirmedDeleted: integer("devices_confirmed_deleted").notNull().default(0),
    devicesKeptUnlisted: integer("devices_kept_unlisted").notNull().default(0),
    // Devices created instead of claiming another customer's asset with their serial (sync_serial_clashes).
    serialClashes: integer("serial_clashes").notNull().default(0),
    // Contact sync (issue 11): NinjaOne people found, and what became of them.
    contactsFound: integer("contacts_found").notNull().default(0),
    contactsCreated: integer("contacts_created").notNull().default(0),
    contactsLinked: integer("contacts_linked").notNull().default(0),
    contactsUpdated: integer("contacts_updated").notNull().default(0),
    contactsSkipped: integer("contacts_skipped").notNull().default(0), // organization not mapped to a customer
    failureReason: text("failure_reason"),
    // Liveness for the cron watchdog (workers/sync/watchdog.ts): every step records when it started;
    // the watchdog records when it re-sent the message the run waits for.
    heartbeatAt: integer("heartbeat_at"),
    watchdogResentAt: integer("watchdog_resent_at"),
    lastError: text("last_error"), // the latest retryable error, reported if the run dead-letters
    startedAt: integer("started_at"),
    finishedAt: integer("finished_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("sync_runs_ws_created_idx").on(t.workspaceId, t.createdAt),
    uniqueIndex("sync_runs_one_active_uq")
      .on(t.workspaceId)
      .where(sql`status IN ('queued', 'running')`),
  ],
);

// Per-page results: a redelivered page replaces its own row, so nothing is counted twice. The
// finalize step keeps its own counters in the row with after = -1.
export const syncRunPages = sqliteTable(
  "sync_run_pages",
  {
    runId: text("run_id").notNull(),
    workspaceId: workspaceId(),
    after: integer("after").notNull(),
    nextAfter: integer("next_after"),
    devices: integer("devices").notNull(),
    created: integer("created").notNull(),
    updated: integer("updated").notNull(),
    unchanged: integer("unchanged").notNull(),
    errors: integer("errors").notNull(),
    rowsWritten: integer("rows_written").notNull(),
    linked: integer("linked").notNull().default(0),
    reactivated: integer("reactivated").notNull().default(0),
    inactivated: integer("inactivated").notNull().default(0),
    deferred: integer("deferred").notNull().default(0), // serial matches decided at finalize
    confirmedDeleted: integer("confirmed_deleted").notNull().default(0),
    keptUnlisted: integer("kept_unlisted").notNull().default(0),
    // JSON array of asset ids whose NinjaOne id lies in this page's id range but was not returned:
    // the device vanished. Applied at finalize, only when the run completes.
    missing: text("missing").notNull().default("[]"),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.runId, t.after] })],
);

// Devices whose serial matched exactly one unlinked asset: whether another device in the fleet
// shares the serial is only known once every page is in, so the link is decided at finalize.
export const syncRunDeferred = sqliteTable(
  "sync_run_deferred",
  {
    runId: text("run_id").notNull(),
    workspaceId: workspaceId(),
    ninjaDeviceId: integer("ninja_device_id").notNull(),
    serial: text("serial").notNull(),
    candidateAssetId: text("candidate_asset_id").notNull(),
    pageAfter: integer("page_after").notNull(),
    payload: text("payload").notNull(), // JSON: the mapped device, its hash and customer
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.runId, t.ninjaDeviceId] }), index("sync_run_deferred_serial_idx").on(t.runId, t.serial)],
);

// A device whose serial is carried only by unlinked assets of another customer: the sync created a
// new asset instead of claiming (or moving) theirs, and lists the pair for a person to decide.
export const syncSerialClashes = sqliteTable(
  "sync_serial_clashes",
  {
    runId: text("run_id").notNull(),
    workspaceId: workspaceId(),
    ninjaDeviceId: integer("ninja_device_id").notNull(),
    serial: text("serial").notNull(),
    assetId: text("asset_id").notNull(), // the asset the sync created for the device
    customerId: text("customer_id"), // the device's customer (null: its organization is unmapped)
    otherAssetId: text("other_asset_id").notNull(), // the asset carrying the serial
    otherCustomerId: text("other_customer_id"),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.runId, t.ninjaDeviceId, t.otherAssetId] }), index("sync_serial_clashes_ws_idx").on(t.workspaceId, t.runId)],
);

export const syncRunErrors = sqliteTable(
  "sync_run_errors",
  {
    id: id(),
    runId: text("run_id").notNull(),
    workspaceId: workspaceId(),
    ninjaDeviceId: integer("ninja_device_id"),
    kind: text("kind", { enum: ["device_invalid", "device_write", "warranty", "run"] }).notNull().default("device_invalid"),
    message: text("message").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("sync_run_errors_run_idx").on(t.runId, t.createdAt)],
);

export const ninjaOrganizations = sqliteTable(
  "ninja_organizations",
  {
    workspaceId: workspaceId(),
    ninjaOrgId: integer("ninja_org_id").notNull(),
    name: text("name").notNull(),
    description: text("description"),
    deviceCount: integer("device_count").notNull().default(0),
    // Mapping: customerId set + mappingSource 'confirmed' = Mapped; 'auto' = Auto-matched.
    customerId: text("customer_id"),
    mappingSource: text("mapping_source", { enum: ["confirmed", "auto"] }),
    matchScore: integer("match_score"), // 0..100
    suggestedCustomerId: text("suggested_customer_id"),
    lastSeenRunId: text("last_seen_run_id"),
    vanishedAt: integer("vanished_at"), // no longer in NinjaOne
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.ninjaOrgId] })],
);

export const ninjaLocations = sqliteTable(
  "ninja_locations",
  {
    workspaceId: workspaceId(),
    ninjaLocationId: integer("ninja_location_id").notNull(),
    ninjaOrgId: integer("ninja_org_id").notNull(),
    name: text("name").notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.ninjaLocationId] })],
);

export const ninjaRoles = sqliteTable(
  "ninja_roles",
  {
    workspaceId: workspaceId(),
    ninjaRoleId: integer("ninja_role_id").notNull(),
    name: text("name").notNull(),
    nodeClass: text("node_class"),
    categoryOverride: text("category_override", { enum: ASSET_CATEGORIES }),
    markInactiveOnDelete: integer("mark_inactive_on_delete", { mode: "boolean" }), // null: workspace default
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.ninjaRoleId] })],
);

// Replacement policies (Settings › Integrations › NinjaOne › Manage Replacement Policies): per
// device category a maximum age and a warning age in months and an optional cost. scope is
// "global" (the workspace default) or a customer id (that customer's override of one category;
// categories without a row inherit). No global row: Core's prefilled default (domain/eol).
export const replacementPolicies = sqliteTable(
  "replacement_policies",
  {
    workspaceId: workspaceId(),
    scope: text("scope").notNull(),
    category: text("category", { enum: ASSET_CATEGORIES }).notNull(),
    maxAgeMonths: integer("max_age_months").notNull(),
    warningMonths: integer("warning_months").notNull(),
    replacementCostCents: integer("replacement_cost_cents"),
    updatedBy: text("updated_by"), // "user:<id>" or "apikey:<id>"
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.scope, t.category] })],
);

// Who changed which policy, and how: one row per save that changed something.
export const replacementPolicyEvents = sqliteTable(
  "replacement_policy_events",
  {
    id: id(),
    workspaceId: workspaceId(),
    scope: text("scope").notNull(),
    actor: text("actor").notNull(), // "user:<id>" or "apikey:<id>"
    actorName: text("actor_name").notNull(),
    changes: text("changes").notNull(), // JSON: { category: [before, after] }, null = inherited
    createdAt: createdAt(),
  },
  (t) => [index("replacement_policy_events_ws_idx").on(t.workspaceId, t.createdAt)],
);

// The audit log: security-relevant events of a workspace (Settings > Audit log, GET /api/v1/audit-events).
// Written in the same D1 batch as the change it records (workers/db/audit.ts auditStatement);
// kept one year (the cron prunes).
export const auditEvents = sqliteTable(
  "audit_events",
  {
    id: id(),
    workspaceId: workspaceId(),
    at: integer("at").notNull(), // epoch ms
    kind: text("kind").notNull(), // see AUDIT_KINDS in workers/domain/audit.ts
    actorType: text("actor_type", { enum: ["user", "api_key", "system", "anonymous"] }).notNull(),
    actorId: text("actor_id"), // user id or API key id
    actorLabel: text("actor_label").notNull(), // name or key name at the time
    summary: text("summary").notNull(),
    ip: text("ip"),
    targetType: text("target_type"),
    targetId: text("target_id"),
    link: text("link"), // in-app path of the object
  },
  (t) => [
    index("audit_events_ws_at_idx").on(t.workspaceId, t.at),
    index("audit_events_ws_kind_at_idx").on(t.workspaceId, t.kind, t.at),
    index("audit_events_ws_actor_at_idx").on(t.workspaceId, t.actorId, t.at),
    index("audit_events_at_idx").on(t.at),
  ],
);

// Undo of a change a person just made (the toast's Undo button): what the change removed or
// replaced, kept for UNDO_WINDOW_MS (workers/db/undo.ts). Single-use: used_at is set in the same
// transaction that restores, so a second click changes nothing. The cron prunes old rows.
export const undoActions = sqliteTable(
  "undo_actions",
  {
    id: id(), // random; the toast's Undo form carries it
    workspaceId: workspaceId(),
    userId: text("user_id").notNull(), // only the person who made the change may undo it
    kind: text("kind").notNull(), // see UNDO_KINDS in workers/db/undo.ts
    targetId: text("target_id").notNull(),
    payload: text("payload").notNull(), // JSON: the removed row(s)
    createdAt: createdAt(),
    expiresAt: integer("expires_at").notNull(),
    usedAt: integer("used_at"),
  },
  (t) => [index("undo_actions_expires_idx").on(t.expiresAt)],
);

// Rows an undoable change touched (e.g. the assets a deleted customer had), one per row, so a
// customer with 100,000 assets is restored by one UPDATE … WHERE id IN (SELECT row_id …).
export const undoRows = sqliteTable(
  "undo_rows",
  {
    undoId: text("undo_id").notNull(),
    kind: text("kind").notNull(), // 'asset' | 'contact' | 'ticket' | 'org' (row_id: NinjaOne org id) | 'mapped_asset'
    rowId: text("row_id").notNull(),
    before: text("before"), // the value the change replaced, when it was not simply the deleted row's id
  },
  (t) => [primaryKey({ columns: [t.undoId, t.kind, t.rowId] })],
);
