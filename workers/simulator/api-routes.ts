// The simulator's REST API under /v2 and /api/v2 (fact sheet §4, §5): bearer checks, the rate
// limit, injected faults, keyset paging by id, the df filter and /v2/queries/* cursors.
import { DeviceFilterError, parseDeviceFilter, type DevicePredicate } from "./df";
import type { Json } from "./fleet";
import { failure, json, notAuthenticated, tooManyRequests, type SimContext } from "./respond";
import type { Faults } from "./state";
import { FleetView, isSimReport, type QueryReportName } from "./view";

type Paging = { after: number; pageSize: number; requested: number };

class BadRequest extends Error {}

function intParam(url: URL, name: string): number | undefined {
  const raw = url.searchParams.get(name);
  if (raw === null || raw === "") return undefined;
  if (!/^-?\d+$/.test(raw.trim())) throw new BadRequest(`Invalid value for ${name}: ${raw}`);
  return Number(raw);
}

function paging(ctx: SimContext, faults: Faults): Paging {
  const settings = ctx.store.settings();
  const requested = intParam(ctx.url, "pageSize") ?? settings.defaultPageSize;
  if (requested < 1) throw new BadRequest("pageSize must be positive");
  const after = intParam(ctx.url, "after") ?? 0;
  return {
    after: faults.pagingBug === "ignore_after" ? 0 : after,
    pageSize: Math.min(requested, settings.maxPageSize),
    requested,
  };
}

/** Paging bug "truncate": full pages come back half-filled, which no client can detect. */
function maybeTruncate(items: Json[], page: Paging, faults: Faults): Json[] {
  if (faults.pagingBug === "truncate" && items.length >= page.requested && items.length > 1) {
    return items.slice(0, Math.floor(items.length / 2));
  }
  return items;
}

function deviceFilter(df: string | null | undefined): DevicePredicate {
  return parseDeviceFilter(df);
}

function expandSet(ctx: SimContext): Set<string> {
  const raw = ctx.url.searchParams.get("expand") ?? "";
  return new Set(
    raw
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean),
  );
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Bearer check, rate limit, faults; then the route. */
export async function handleApi(ctx: SimContext, apiPath: string): Promise<Response> {
  const header = ctx.request.headers.get("Authorization") ?? "";
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  const token = match ? ctx.store.token(match[1], "access") : null;
  if (!token || token.revoked || token.expires_at <= ctx.now) return notAuthenticated();
  if (!token.scope.split(" ").includes("monitoring")) {
    return json({ error: "insufficient_privileges", error_description: "The token lacks the monitoring scope" }, 401);
  }

  const settings = ctx.store.settings();
  if (settings.rateLimit.enabled) {
    const waitSeconds = ctx.store.takeRateToken(token.token, settings.rateLimit, ctx.now);
    if (waitSeconds > 0) return tooManyRequests(waitSeconds, "seconds", ctx.now);
  }

  const faults = ctx.store.faults();
  const next = ctx.store.takeNextFault("api");
  if (next) {
    if (next.status === 429) {
      return tooManyRequests(
        next.retryAfterSeconds ?? faults.retryAfterSeconds,
        next.retryAfterFormat ?? faults.retryAfterFormat,
        ctx.now,
      );
    }
    return failure(next.status, `HTTP ${next.status}`, ctx.now);
  }
  if (faults.rate429 > 0 && Math.random() < faults.rate429) {
    return tooManyRequests(faults.retryAfterSeconds, faults.retryAfterFormat, ctx.now);
  }
  if (faults.rate5xx > 0 && Math.random() < faults.rate5xx) {
    return failure(faults.status5xx, `HTTP ${faults.status5xx}`, ctx.now);
  }

  let response: Response;
  try {
    response =
      ctx.request.method === "GET" ? route(ctx, apiPath, faults) : failure(405, "HTTP 405 Method Not Allowed", ctx.now);
  } catch (error) {
    if (error instanceof DeviceFilterError) {
      // NinjaOne answers a filter it cannot parse with a 500 (homotechsual/NinjaOne#12).
      response = failure(500, `Unable to parse device filter: ${error.message}`, ctx.now);
    } else if (error instanceof BadRequest) {
      response = failure(400, error.message, ctx.now);
    } else {
      throw error;
    }
  }
  if (faults.slowMs > 0) await sleep(faults.slowMs);
  return response;
}

function route(ctx: SimContext, path: string, faults: Faults): Response {
  const view = ctx.store.view();
  const notFound = () => failure(404, "HTTP 404 Not Found", ctx.now);
  let m: RegExpExecArray | null;

  if (path === "/organizations" || path === "/organizations-detailed") {
    const page = paging(ctx, faults);
    const items =
      path === "/organizations"
        ? view.organizations(page.after, page.pageSize)
        : view.organizationsDetailed(page.after, page.pageSize);
    return json(maybeTruncate(items, page, faults));
  }
  if ((m = /^\/organization\/(\d+)$/.exec(path))) {
    const org = view.organization(Number(m[1]), true);
    return org ? json(org) : notFound();
  }
  if ((m = /^\/organization\/(\d+)\/locations$/.exec(path))) {
    const locations = view.organizationLocations(Number(m[1]));
    return locations ? json(locations) : notFound();
  }
  if ((m = /^\/organization\/(\d+)\/end-users$/.exec(path))) {
    const users = view.endUsers(Number(m[1]));
    return users ? json(users) : notFound();
  }
  if ((m = /^\/organization\/(\d+)\/devices$/.exec(path))) {
    const orgId = Number(m[1]);
    if (!view.orgExists(orgId)) return notFound();
    const page = paging(ctx, faults);
    // This endpoint takes no df (fact sheet §4.10): only the organization narrows it.
    const items = view.devicePage(
      page.after,
      page.pageSize,
      (d) => d.organizationId === orgId,
      (live) => FleetView.basic(live.generate().device),
    );
    return json(maybeTruncate(items, page, faults));
  }
  if (path === "/locations") {
    const page = paging(ctx, faults);
    return json(maybeTruncate(view.locations(page.after, page.pageSize), page, faults));
  }
  if (path === "/roles") return json(view.roles());
  if (path === "/devices" || path === "/devices-detailed") {
    const page = paging(ctx, faults);
    const predicate = deviceFilter(ctx.url.searchParams.get("df"));
    const detailed = path === "/devices-detailed";
    // Warranty on the list call is a simulator setting (the fact sheet leaves it open).
    const expand = detailed && ctx.store.settings().listWarranty && expandSet(ctx).has("warranty");
    const items = view.devicePage(page.after, page.pageSize, predicate, (live) => {
      const generated = live.generate();
      if (!detailed) return FleetView.basic(generated.device);
      if (!expand || !generated.warranty) return generated.device;
      return { ...generated.device, references: { warranty: generated.warranty } };
    });
    return json(maybeTruncate(items, page, faults));
  }
  if ((m = /^\/device\/(\d+)$/.exec(path))) {
    const live = view.liveDevice(Number(m[1]));
    if (!live) return notFound();
    const generated = live.generate();
    const references = view.references(live, generated, expandSet(ctx));
    return json(references ? { ...generated.device, references } : generated.device);
  }
  if ((m = /^\/device\/(\d+)\/last-logged-on-user$/.exec(path))) {
    const live = view.liveDevice(Number(m[1]));
    if (!live) return notFound();
    return json(live.generate().lastLogon ?? {});
  }
  if (path === "/contacts") return json(view.contacts());
  // Not paged (fact sheet §4.15): every end user in one array. userType filters; an unknown value is ignored.
  if (path === "/users") {
    const type = ctx.url.searchParams.get("userType");
    const includeRoles = ctx.url.searchParams.get("includeRoles") === "true";
    const users = [...(type === "END_USER" ? [] : view.technicians()), ...(type === "TECHNICIAN" ? [] : view.allEndUsers("user"))];
    return json(includeRoles ? users.map((u) => ({ ...u, roles: u.userType === "TECHNICIAN" ? ["Administrators"] : [] })) : users);
  }
  if (path === "/user/end-users") return json(view.allEndUsers("end-user"));
  if ((m = /^\/contact\/(\d+)$/.exec(path))) {
    const contact = view.contact(Number(m[1]));
    return contact ? json(contact) : notFound();
  }
  if ((m = /^\/queries\/([a-z-]+)$/.exec(path))) {
    const report = m[1];
    return isSimReport(report) ? queryReport(ctx, report, faults) : notFound();
  }
  return notFound();
}

/**
 * /v2/queries/*: the first call takes a snapshot (the fleet version); each page answers a fresh
 * cursor name for the next page, so repeating a request repeats its page. offset = index of the
 * page's first row in the snapshot, count = rows on the page, expires = epoch seconds.
 */
function queryReport(ctx: SimContext, report: QueryReportName, faults: Faults): Response {
  const settings = ctx.store.settings();
  const requested = intParam(ctx.url, "pageSize") ?? 1000;
  if (requested < 1 || requested > 10_000) throw new BadRequest("pageSize must be between 1 and 10000");
  // The page cap (a setting) applies to reports too: fewer rows than asked is not the end.
  const pageSize = Math.min(requested, settings.maxPageSize);
  const cursorName = ctx.url.searchParams.get("cursor");

  let snapshot: { df: string | null; ts: number | null; version: number; offset: number; afterId: number };
  if (cursorName) {
    const row = ctx.store.cursor(cursorName);
    if (!row || row.expires_at < ctx.now || row.report !== report) {
      return failure(400, `Cursor ${cursorName} is unknown or has expired`, ctx.now);
    }
    snapshot = { df: row.df, ts: row.ts, version: row.version, offset: row.next_offset, afterId: row.after_id };
  } else {
    const ts = ctx.url.searchParams.get("ts");
    if (ts !== null && !/^\d+(\.\d+)?$/.test(ts)) throw new BadRequest(`Invalid value for ts: ${ts}`);
    snapshot = {
      df: ctx.url.searchParams.get("df"),
      ts: ts === null ? null : Number(ts),
      version: ctx.store.version(),
      offset: 0,
      afterId: 0,
    };
  }

  const predicate = deviceFilter(snapshot.df);
  const view = ctx.store.view(snapshot.version);
  const { rows, lastId } = view.reportRows(report, snapshot.afterId, pageSize, predicate, snapshot.ts ?? undefined);
  const expires = ctx.now + settings.cursorTtlSeconds * 1000;

  if (faults.pagingBug === "repeat_cursor" && cursorName) {
    // The bug: the cursor handed back is the one that was sent, at the offset already read.
    const previous = ctx.store.cursor(cursorName);
    const offset = Math.max(0, (previous?.next_offset ?? 0) - pageSize);
    return json({ cursor: { name: cursorName, offset, count: rows.length, expires: expires / 1000 }, results: rows });
  }

  const name = crypto.randomUUID();
  ctx.store.insertCursor(
    {
      name,
      report,
      df: snapshot.df,
      ts: snapshot.ts,
      version: snapshot.version,
      next_offset: snapshot.offset + rows.length,
      after_id: lastId,
      expires_at: expires,
    },
    ctx.now,
  );
  return json({
    cursor: { name, offset: snapshot.offset, count: rows.length, expires: expires / 1000 },
    results: rows,
  });
}
