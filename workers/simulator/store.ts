// The simulator's state in its Durable Object's SQLite: settings, faults, registered apps, fleet
// spec, the mutation log, authorization codes, tokens, rate-limit buckets and query cursors.
// One instance serves everything, so every read here is strongly consistent.
import { z } from "zod";
import { fleetFor, type FleetSpec } from "./fleet";
import {
  AppSchema,
  DEMO_APP,
  FaultsSchema,
  FleetSpecSchema,
  MutationSchema,
  SettingsSchema,
  type App,
  type Faults,
  type Mutation,
  type NextFault,
  type Settings,
} from "./state";
import { FleetView, Overlay } from "./view";

export const DEFAULT_SEED = 42;
export const DEFAULT_SIZE = 250;

export type SimEnv = { NINJAONE_SIM_SEED?: string; NINJAONE_SIM_SIZE?: string };

const SCHEMA = [
  `CREATE TABLE IF NOT EXISTS kv (key TEXT PRIMARY KEY, value TEXT NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS mutations (seq INTEGER PRIMARY KEY AUTOINCREMENT, at INTEGER NOT NULL, body TEXT NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS codes (code TEXT PRIMARY KEY, client_id TEXT NOT NULL, redirect_uri TEXT NOT NULL,
     scope TEXT NOT NULL, expires_at INTEGER NOT NULL, used INTEGER NOT NULL DEFAULT 0,
     challenge TEXT, challenge_method TEXT)`,
  `CREATE TABLE IF NOT EXISTS tokens (token TEXT PRIMARY KEY, kind TEXT NOT NULL, client_id TEXT NOT NULL,
     scope TEXT NOT NULL, expires_at INTEGER NOT NULL, revoked INTEGER NOT NULL DEFAULT 0,
     public_client INTEGER NOT NULL DEFAULT 0, created_at INTEGER NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS rate_buckets (token TEXT PRIMARY KEY, tokens REAL NOT NULL, updated_at INTEGER NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS cursors (name TEXT PRIMARY KEY, report TEXT NOT NULL, df TEXT, ts REAL,
     version INTEGER NOT NULL, next_offset INTEGER NOT NULL, after_id INTEGER NOT NULL, expires_at INTEGER NOT NULL)`,
];

export type TokenRow = {
  token: string;
  kind: "access" | "refresh";
  client_id: string;
  scope: string;
  expires_at: number;
  revoked: number;
  public_client: number;
};

export type CodeRow = {
  code: string;
  client_id: string;
  redirect_uri: string;
  scope: string;
  expires_at: number;
  used: number;
  challenge: string | null;
  challenge_method: string | null;
};

export type CursorRow = {
  name: string;
  report: string;
  df: string | null;
  ts: number | null;
  version: number;
  next_offset: number;
  after_id: number;
  expires_at: number;
};

function envNumber(value: string | undefined, fallback: number, min: number, max: number): number {
  const n = Number(value);
  return value && Number.isInteger(n) && n >= min && n <= max ? n : fallback;
}

export class SimStore {
  private cachedView: { version: number; spec: string; view: FleetView } | null = null;

  constructor(private readonly sql: SqlStorage, env: SimEnv, nowMs: number) {
    for (const statement of SCHEMA) this.sql.exec(statement);
    // The fleet follows NINJAONE_SIM_SEED / NINJAONE_SIM_SIZE: when they change, the fleet is re-seeded.
    const fromEnv = {
      seed: envNumber(env.NINJAONE_SIM_SEED, DEFAULT_SEED, 0, 2 ** 31 - 1),
      size: envNumber(env.NINJAONE_SIM_SIZE, DEFAULT_SIZE, 10, 100_000),
    };
    const seen = this.readKv("envFleet", z.object({ seed: z.number(), size: z.number() }));
    if (!seen || seen.seed !== fromEnv.seed || seen.size !== fromEnv.size || !this.readKv("fleet", FleetSpecSchema)) {
      this.resetFleet({ ...fromEnv, anchor: Math.floor(nowMs / 1000) });
      this.writeKv("envFleet", fromEnv);
    }
    if (!this.readKv("apps", z.array(AppSchema))) this.writeKv("apps", [DEMO_APP]);
  }

  // ---- key/value JSON ---------------------------------------------------------------------------

  private readKv<S extends z.ZodType>(key: string, schema: S): z.infer<S> | null {
    const row = this.sql.exec<{ value: string }>("SELECT value FROM kv WHERE key = ?", key).toArray()[0];
    if (!row) return null;
    const parsed = schema.safeParse(JSON.parse(row.value));
    return parsed.success ? parsed.data : null;
  }

  private writeKv(key: string, value: unknown) {
    this.sql.exec("INSERT OR REPLACE INTO kv (key, value) VALUES (?, ?)", key, JSON.stringify(value));
  }

  settings(): Settings {
    return this.readKv("settings", SettingsSchema) ?? SettingsSchema.parse({});
  }

  setSettings(settings: Settings) {
    this.writeKv("settings", settings);
  }

  faults(): Faults {
    return this.readKv("faults", FaultsSchema) ?? FaultsSchema.parse({});
  }

  setFaults(faults: Faults) {
    this.writeKv("faults", faults);
  }

  /** Take the next queued fault for this target, if any. */
  takeNextFault(target: NextFault["target"]): NextFault | null {
    const faults = this.faults();
    const index = faults.next.findIndex((f) => f.target === target);
    if (index < 0) return null;
    const [fault] = faults.next.splice(index, 1);
    this.setFaults(faults);
    return fault;
  }

  /** Simulated clock offset (control API): lets tests expire codes, tokens and cursors without waiting. */
  clockOffsetMs(): number {
    return this.readKv("clockOffsetMs", z.number()) ?? 0;
  }

  advanceClock(seconds: number) {
    this.writeKv("clockOffsetMs", this.clockOffsetMs() + seconds * 1000);
  }

  apps(): App[] {
    return this.readKv("apps", z.array(AppSchema)) ?? [DEMO_APP];
  }

  app(clientId: string): App | null {
    return this.apps().find((a) => a.clientId === clientId) ?? null;
  }

  putApp(app: App) {
    this.writeKv("apps", [...this.apps().filter((a) => a.clientId !== app.clientId), app]);
  }

  deleteApp(clientId: string): boolean {
    const apps = this.apps();
    const rest = apps.filter((a) => a.clientId !== clientId);
    this.writeKv("apps", rest);
    return rest.length !== apps.length;
  }

  // ---- fleet and mutations ----------------------------------------------------------------------

  fleetSpec(): FleetSpec {
    const spec = this.readKv("fleet", FleetSpecSchema);
    if (!spec) throw new Error("simulator fleet is not initialised");
    return spec;
  }

  /** New fleet: the mutation log and every query cursor start over. */
  resetFleet(spec: FleetSpec) {
    this.writeKv("fleet", spec);
    this.sql.exec("DELETE FROM mutations");
    this.sql.exec("DELETE FROM cursors");
    this.writeKv("faults", FaultsSchema.parse({}));
    this.writeKv("clockOffsetMs", 0);
    this.cachedView = null;
  }

  clearTokens() {
    this.sql.exec("DELETE FROM tokens");
    this.sql.exec("DELETE FROM codes");
    this.sql.exec("DELETE FROM rate_buckets");
  }

  /** The version of the fleet: the seq of the last mutation (0 before any). */
  version(): number {
    const row = this.sql.exec<{ v: number | null }>("SELECT MAX(seq) AS v FROM mutations").toArray()[0];
    return row?.v ?? 0;
  }

  mutationCount(): number {
    return this.sql.exec<{ n: number }>("SELECT COUNT(*) AS n FROM mutations").one().n;
  }

  addMutation(mutation: Mutation, nowMs: number): number {
    this.sql.exec("INSERT INTO mutations (at, body) VALUES (?, ?)", nowMs, JSON.stringify(mutation));
    this.cachedView = null;
    return this.version();
  }

  /** The fleet as of a version (default: now). Query cursors read the version they were created at. */
  view(version = this.version()): FleetView {
    const spec = this.fleetSpec();
    const specKey = JSON.stringify(spec);
    if (this.cachedView && this.cachedView.version === version && this.cachedView.spec === specKey) {
      return this.cachedView.view;
    }
    const rows = this.sql
      .exec<{ body: string }>("SELECT body FROM mutations WHERE seq <= ? ORDER BY seq", version)
      .toArray();
    const overlay = Overlay.from(rows.map((r) => MutationSchema.parse(JSON.parse(r.body))));
    const view = new FleetView(spec, overlay);
    if (version === this.version()) this.cachedView = { version, spec: specKey, view };
    return view;
  }

  /** Ids for added devices continue after the base fleet's largest id. */
  nextAddedDevice(): { id: number; ordinal: number } {
    const view = this.view();
    const added = view.overlay.added;
    const last = added[added.length - 1];
    return { id: last ? last.id + 1 : fleetFor(this.fleetSpec()).maxBaseId + 1, ordinal: added.length };
  }

  // ---- OAuth codes and tokens -------------------------------------------------------------------

  insertCode(row: Omit<CodeRow, "used">) {
    this.sql.exec(
      "INSERT INTO codes (code, client_id, redirect_uri, scope, expires_at, challenge, challenge_method) VALUES (?, ?, ?, ?, ?, ?, ?)",
      row.code,
      row.client_id,
      row.redirect_uri,
      row.scope,
      row.expires_at,
      row.challenge,
      row.challenge_method,
    );
  }

  /** Marks the code used and returns it as it was (used already or not). */
  consumeCode(code: string): CodeRow | null {
    const row = this.sql.exec<CodeRow>("SELECT * FROM codes WHERE code = ?", code).toArray()[0];
    if (!row) return null;
    this.sql.exec("UPDATE codes SET used = 1 WHERE code = ?", code);
    return row;
  }

  insertToken(row: Omit<TokenRow, "revoked">, nowMs: number) {
    this.sql.exec(
      "INSERT INTO tokens (token, kind, client_id, scope, expires_at, public_client, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
      row.token,
      row.kind,
      row.client_id,
      row.scope,
      row.expires_at,
      row.public_client,
      nowMs,
    );
  }

  token(token: string, kind: TokenRow["kind"]): TokenRow | null {
    return (
      this.sql.exec<TokenRow>("SELECT * FROM tokens WHERE token = ? AND kind = ?", token, kind).toArray()[0] ?? null
    );
  }

  revokeToken(token: string): boolean {
    return this.sql.exec("UPDATE tokens SET revoked = 1 WHERE token = ?", token).rowsWritten > 0;
  }

  /** Every access token expires now; refresh tokens keep working. */
  expireAccessTokens(nowMs: number): number {
    return this.sql.exec("UPDATE tokens SET expires_at = ? WHERE kind = 'access' AND expires_at > ?", nowMs - 1, nowMs)
      .rowsWritten;
  }

  /** Every access and refresh token stops working: the connected app must reconnect. */
  revokeAllTokens(): number {
    return this.sql.exec("UPDATE tokens SET revoked = 1 WHERE revoked = 0").rowsWritten;
  }

  tokenCounts(nowMs: number) {
    const count = (kind: string) =>
      this.sql
        .exec<{ n: number }>(
          "SELECT COUNT(*) AS n FROM tokens WHERE kind = ? AND revoked = 0 AND expires_at > ?",
          kind,
          nowMs,
        )
        .one().n;
    return { access: count("access"), refresh: count("refresh") };
  }

  /**
   * Token bucket per access token: `requests` per `perSeconds`, refilled continuously.
   * Returns 0 when the request may go ahead, else the seconds until one more request is allowed.
   */
  takeRateToken(token: string, limit: Settings["rateLimit"], nowMs: number): number {
    const rate = limit.requests / (limit.perSeconds * 1000); // tokens per ms
    const row = this.sql
      .exec<{ tokens: number; updated_at: number }>(
        "SELECT tokens, updated_at FROM rate_buckets WHERE token = ?",
        token,
      )
      .toArray()[0];
    const available = Math.min(limit.requests, row ? row.tokens + (nowMs - row.updated_at) * rate : limit.requests);
    if (available < 1) {
      this.sql.exec(
        "INSERT OR REPLACE INTO rate_buckets (token, tokens, updated_at) VALUES (?, ?, ?)",
        token,
        available,
        nowMs,
      );
      return Math.max(1, Math.ceil((1 - available) / rate / 1000));
    }
    this.sql.exec(
      "INSERT OR REPLACE INTO rate_buckets (token, tokens, updated_at) VALUES (?, ?, ?)",
      token,
      available - 1,
      nowMs,
    );
    return 0;
  }

  // ---- query cursors ----------------------------------------------------------------------------

  insertCursor(row: CursorRow, nowMs: number) {
    this.sql.exec("DELETE FROM cursors WHERE expires_at < ?", nowMs);
    this.sql.exec(
      "INSERT INTO cursors (name, report, df, ts, version, next_offset, after_id, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      row.name,
      row.report,
      row.df,
      row.ts,
      row.version,
      row.next_offset,
      row.after_id,
      row.expires_at,
    );
  }

  cursor(name: string): CursorRow | null {
    return this.sql.exec<CursorRow>("SELECT * FROM cursors WHERE name = ?", name).toArray()[0] ?? null;
  }

  cursorCount(nowMs: number): number {
    return this.sql.exec<{ n: number }>("SELECT COUNT(*) AS n FROM cursors WHERE expires_at >= ?", nowMs).one().n;
  }
}
