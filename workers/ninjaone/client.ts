// The NinjaOne REST client: typed, zod-validated calls, fail-closed paging, one retry policy.
// It knows URLs, headers and paging; tokens come from a TokenProvider (workers/sync/connection.ts),
// fetch and sleep are injected (tests hand it the simulator and a fake sleep).
import type { z } from "zod";
import { NinjaError } from "./errors";
import {
  errorCode,
  formatZodError,
  parseJson,
  retryPolicy,
  sendWithRetries,
  type RawResponse,
  type RetryOptions,
} from "./http";
import {
  ContactSchema,
  DeviceSchema,
  EndUserSchema,
  LocationSchema,
  LoggedOnUserSchema,
  NodeRoleSchema,
  OrganizationDetailedSchema,
  OrganizationSchema,
  PortalEndUserSchema,
  QUERY_ROW_SCHEMAS,
  QueryEnvelopeSchema,
  type Contact,
  type Device,
  type EndUser,
  type Location,
  type LoggedOnUser,
  type NodeRole,
  type Organization,
  type OrganizationDetailed,
  type PortalEndUser,
  type QueryCursor,
  type QueryReport,
  type QueryRow,
} from "./schemas";

export interface TokenProvider {
  getAccessToken(): Promise<string>;
  /** Called once after a 401 with the token that was refused; returns a fresh one or throws NinjaError. */
  refreshAfterUnauthorized(rejectedToken: string): Promise<string>;
}

export type InvalidRecord = { id: number | null; error: string };

export type NinjaClientOptions = {
  baseUrl: string;
  tokens: TokenProvider;
  /** Reported for records dropped from calls that return plain arrays (organizations, roles, ...). */
  onInvalidRecord?: (record: InvalidRecord & { endpoint: string }) => void;
} & RetryOptions;

/** The largest page NinjaOne is known to honour; asking for more risks a silently capped page. */
export const MAX_PAGE_SIZE = 1000;

export type KeysetPage<T> = { items: T[]; invalid: InvalidRecord[]; nextAfter: number; done: boolean };

export type DevicePage = {
  devices: Device[];
  invalid: InvalidRecord[];
  /** The largest raw id on the page (before validation): send it as `after` for the next page. */
  nextAfter: number;
  /** An empty page: the listing is complete. */
  done: boolean;
};

export type DevicePageOptions = {
  after: number;
  pageSize: number;
  /** Device filter (fact sheet §6), e.g. `org in (1,2) AND class = WINDOWS_SERVER`. */
  df?: string;
  /** Expansions, e.g. "warranty". */
  expand?: string | string[];
};

/** Where a /v2/queries/* report continues: the cursor name and the offset of the page just read. */
export type QueryPosition = { name: string; offset?: number };

export type QueryPage<R extends QueryReport> = {
  results: QueryRow<R>[];
  invalid: InvalidRecord[];
  cursor: QueryCursor | null;
  /** Pass as `cursor` to read the next page; null when this was the last one. */
  next: QueryPosition | null;
  done: boolean;
};

export type QueryPageOptions = {
  cursor?: string | QueryPosition;
  pageSize: number;
  df?: string;
  /** Only rows collected at or after this epoch second (reports that support it). */
  ts?: number;
};

const API_PREFIX = "/v2";

function integerField(item: unknown, key: "id" | "deviceId"): number | null {
  if (!item || typeof item !== "object" || !(key in item)) return null;
  const value: unknown = (item as Record<typeof key, unknown>)[key];
  return typeof value === "number" && Number.isInteger(value) ? value : null;
}

const rawId = (item: unknown) => integerField(item, "id");
const rawDeviceId = (item: unknown) => integerField(item, "deviceId");

function checkPageSize(pageSize: number) {
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
    throw new RangeError(`pageSize must be an integer from 1 to ${MAX_PAGE_SIZE}, got ${pageSize}`);
  }
}

/**
 * Validate records one by one: a bad record is reported with its id, it never sinks the page.
 * `consume`: the caller owns `raw` and will not read it again; each raw record is let go once
 * validated, so a page never holds its whole raw and validated copies at once.
 */
export function parseRecords<S extends z.ZodType>(
  raw: unknown[],
  schema: S,
  idOf: (item: unknown) => number | null = rawId,
  { consume = false } = {},
): { items: z.infer<S>[]; invalid: InvalidRecord[] } {
  const items: z.infer<S>[] = [];
  const invalid: InvalidRecord[] = [];
  for (let i = 0; i < raw.length; i++) {
    const item = raw[i];
    if (consume) raw[i] = undefined;
    const parsed = schema.safeParse(item);
    if (parsed.success) items.push(parsed.data);
    else invalid.push({ id: idOf(item), error: formatZodError(parsed.error) });
  }
  return { items, invalid };
}

/**
 * A devices page whose records are validated on the first read of `devices` or `invalid`. Its
 * cursor (`nextAfter`, `done`: checked on the raw ids) is known at once, so a sync can send the
 * next page's request before this page's records go through zod (workers/sync/consumer.ts): the
 * validation then runs while the next page travels instead of before it leaves.
 */
export function lazyDevicePage(raw: unknown[], nextAfter: number, done: boolean): DevicePage {
  let pending: unknown[] | null = raw;
  let records: { items: Device[]; invalid: InvalidRecord[] } | undefined;
  const parsed = () => {
    if (!records) {
      records = parseRecords(pending ?? [], DeviceSchema, rawId, { consume: true });
      pending = null; // the raw JSON is garbage once validated
    }
    return records;
  };
  return {
    nextAfter,
    done,
    get devices() {
      return parsed().items;
    },
    get invalid() {
      return parsed().invalid;
    },
  };
}

/**
 * The fail-closed rules for one keyset page (fact sheet §5.1, §11.1-2): ids must be unique and
 * all greater than the `after` sent. Only an empty page ends a listing: NinjaOne may serve fewer
 * rows than `pageSize` asked for (a lower maximum), so a short page is not the end (one extra
 * request per listing). A non-empty page must carry an id to continue from.
 */
export function checkKeysetPage(endpoint: string, raw: unknown[], after: number, _pageSize: number) {
  const seen = new Set<number>();
  let maxId = after;
  for (const item of raw) {
    const id = rawId(item);
    if (id === null) continue;
    if (seen.has(id)) throw new NinjaError("paging", `${endpoint}: id ${id} appears twice on one page`);
    if (id <= after) {
      throw new NinjaError(
        "paging",
        `${endpoint}: asked for ids after ${after} but got ${id}: the server repeated or rewound the page`,
      );
    }
    seen.add(id);
    if (id > maxId) maxId = id;
  }
  const done = raw.length === 0;
  if (!done && maxId <= after) {
    throw new NinjaError("paging", `${endpoint}: a page without usable ids: cannot advance past ${after}`);
  }
  return { nextAfter: maxId, done };
}

export function createNinjaClient(options: NinjaClientOptions) {
  const policy = retryPolicy(options);
  const baseUrl = options.baseUrl.replace(/\/+$/, "");
  const { tokens } = options;

  function url(path: string, query: Record<string, string | number | boolean | undefined> = {}) {
    const target = new URL(`${baseUrl}${API_PREFIX}${path}`);
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined && value !== "") target.searchParams.set(key, String(value));
    }
    return target;
  }

  function send(target: URL, token: string): Promise<RawResponse> {
    return sendWithRetries(
      policy,
      () => new Request(target, { headers: { Authorization: `Bearer ${token}`, Accept: "application/json" } }),
    );
  }

  /** GET with the 401 rule: refresh once, retry once. Returns parsed JSON, or null for an allowed 404. */
  async function get(
    path: string,
    query: Record<string, string | number | boolean | undefined> = {},
    { allowNotFound = false } = {},
  ): Promise<unknown> {
    const target = url(path, query);
    const what = `GET ${API_PREFIX}${path}`;
    let token = await tokens.getAccessToken();
    let response = await send(target, token);
    if (response.status === 401) {
      const first = errorCode(response.text);
      // A token without the scope stays without it after a refresh.
      if (first.code !== "insufficient_privileges") {
        token = await tokens.refreshAfterUnauthorized(token);
        response = await send(target, token);
      }
    }
    if (response.status === 401) {
      const { code, message } = errorCode(response.text);
      throw new NinjaError(
        "unauthorized",
        `NinjaOne refused ${what}: ${code ?? "401"}${message ? ` (${message})` : ""}`,
        {
          status: 401,
          code,
        },
      );
    }
    if (response.status === 404 && allowNotFound) return null;
    if (response.status < 200 || response.status >= 300) {
      const { code, message } = errorCode(response.text);
      throw new NinjaError(
        "permanent",
        `NinjaOne answered ${response.status} to ${what}${message ? `: ${message}` : code ? `: ${code}` : ""}`,
        { status: response.status, code },
      );
    }
    return parseJson(response);
  }

  async function getArray(path: string, query: Record<string, string | number | boolean | undefined> = {}) {
    const body = await get(path, query);
    if (!Array.isArray(body)) throw new NinjaError("permanent", `GET ${API_PREFIX}${path} did not return an array`);
    return body;
  }

  function report(endpoint: string, invalid: InvalidRecord[]) {
    for (const record of invalid) options.onInvalidRecord?.({ ...record, endpoint });
  }

  async function keysetPage<S extends z.ZodType>(
    path: string,
    schema: S,
    page: { after: number; pageSize: number; query?: Record<string, string | undefined> },
  ): Promise<KeysetPage<z.infer<S>>> {
    checkPageSize(page.pageSize);
    const raw = await getArray(path, { ...page.query, pageSize: page.pageSize, after: page.after });
    const { nextAfter, done } = checkKeysetPage(`GET ${API_PREFIX}${path}`, raw, page.after, page.pageSize);
    return { ...parseRecords(raw, schema), nextAfter, done };
  }

  async function* keysetPages<S extends z.ZodType>(
    path: string,
    schema: S,
    start: { after?: number; pageSize: number; query?: Record<string, string | undefined> },
  ): AsyncGenerator<KeysetPage<z.infer<S>>> {
    let after = start.after ?? 0;
    for (;;) {
      const page = await keysetPage(path, schema, { after, pageSize: start.pageSize, query: start.query });
      yield page;
      if (page.done) return;
      if (page.nextAfter <= after) {
        throw new NinjaError("paging", `GET ${API_PREFIX}${path}: the cursor did not advance past ${after}`);
      }
      after = page.nextAfter;
    }
  }

  async function all<S extends z.ZodType>(path: string, schema: S): Promise<z.infer<S>[]> {
    const items: z.infer<S>[] = [];
    for await (const page of keysetPages(path, schema, { pageSize: MAX_PAGE_SIZE })) {
      items.push(...page.items);
      report(`GET ${API_PREFIX}${path}`, page.invalid);
    }
    return items;
  }

  async function unpaged<S extends z.ZodType>(path: string, schema: S, query = {}): Promise<z.infer<S>[]> {
    const { items, invalid } = parseRecords(await getArray(path, query), schema);
    report(`GET ${API_PREFIX}${path}`, invalid);
    return items;
  }

  function expandParam(expand: string | string[] | undefined) {
    if (!expand) return undefined;
    return Array.isArray(expand) ? expand.join(",") : expand;
  }

  async function devicesDetailedPage(page: DevicePageOptions): Promise<DevicePage> {
    checkPageSize(page.pageSize);
    const raw = await getArray("/devices-detailed", { df: page.df, expand: expandParam(page.expand), pageSize: page.pageSize, after: page.after });
    const { nextAfter, done } = checkKeysetPage(`GET ${API_PREFIX}/devices-detailed`, raw, page.after, page.pageSize);
    return lazyDevicePage(raw, nextAfter, done);
  }

  async function* iterateDevicesDetailed(
    opts: Omit<DevicePageOptions, "after"> & { after?: number },
  ): AsyncGenerator<DevicePage> {
    const pages = keysetPages("/devices-detailed", DeviceSchema, {
      after: opts.after,
      pageSize: opts.pageSize,
      query: { df: opts.df, expand: expandParam(opts.expand) },
    });
    for await (const page of pages) {
      yield { devices: page.items, invalid: page.invalid, nextAfter: page.nextAfter, done: page.done };
    }
  }

  async function getDevice(id: number, opts: { expand?: string | string[] } = {}): Promise<Device | null> {
    const body = await get(`/device/${id}`, { expand: expandParam(opts.expand) }, { allowNotFound: true });
    if (body === null) return null;
    const parsed = DeviceSchema.safeParse(body);
    if (!parsed.success) {
      throw new NinjaError(
        "permanent",
        `device ${id} does not match the Device schema: ${formatZodError(parsed.error)}`,
      );
    }
    return parsed.data;
  }

  async function queryPage<R extends QueryReport>(reportName: R, opts: QueryPageOptions): Promise<QueryPage<R>> {
    checkQueryPageSize(opts.pageSize);
    const position = typeof opts.cursor === "string" ? { name: opts.cursor } : opts.cursor;
    const endpoint = `GET ${API_PREFIX}/queries/${reportName}`;
    const body = await get(`/queries/${reportName}`, {
      pageSize: opts.pageSize,
      cursor: position?.name,
      df: opts.df,
      ts: opts.ts,
    });
    const envelope = QueryEnvelopeSchema.safeParse(body);
    if (!envelope.success) {
      throw new NinjaError("permanent", `${endpoint}: not a report envelope: ${formatZodError(envelope.error)}`);
    }
    const { results, cursor } = envelope.data;
    const schema = QUERY_ROW_SCHEMAS[reportName];
    const { items, invalid } = parseRecords(results, schema, rawDeviceId);
    if (position?.offset !== undefined && cursor?.offset !== undefined && cursor.offset <= position.offset) {
      throw new NinjaError(
        "paging",
        `${endpoint}: cursor ${position.name} went from offset ${position.offset} to ${cursor.offset}: it did not advance`,
      );
    }
    // As for lists: a short page is not the end, only an empty one is.
    const done = results.length === 0;
    if (!done && !cursor?.name) {
      throw new NinjaError("paging", `${endpoint}: a page of results without a cursor to continue from`);
    }
    const next = done || !cursor?.name ? null : { name: cursor.name, offset: cursor.offset };
    return { results: items as QueryRow<R>[], invalid, cursor: cursor ?? null, next, done };
  }

  async function* iterateQuery<R extends QueryReport>(
    reportName: R,
    opts: Omit<QueryPageOptions, "cursor"> & { cursor?: QueryPosition },
  ): AsyncGenerator<QueryPage<R>> {
    const seen = new Set<string>();
    let cursor: QueryPosition | undefined = opts.cursor;
    for (;;) {
      const page: QueryPage<R> = await queryPage(reportName, { ...opts, cursor });
      const key = page.cursor?.name === undefined ? null : `${page.cursor.name}@${page.cursor.offset ?? "?"}`;
      if (key !== null && seen.has(key)) {
        throw new NinjaError("paging", `GET ${API_PREFIX}/queries/${reportName}: cursor ${key} was returned twice`);
      }
      if (key !== null) seen.add(key);
      yield page;
      if (!page.next) return;
      cursor = page.next;
    }
  }

  return {
    baseUrl,

    /** Every organization (keyset paged, 1000 a page). */
    listOrganizations: (): Promise<Organization[]> => all("/organizations", OrganizationSchema),
    listOrganizationsDetailed: (): Promise<OrganizationDetailed[]> =>
      all("/organizations-detailed", OrganizationDetailedSchema),
    /** Every location of every organization, each with its organizationId. */
    listLocations: (): Promise<Location[]> => all("/locations", LocationSchema),
    listOrganizationLocations: (organizationId: number): Promise<Location[]> =>
      unpaged(`/organization/${organizationId}/locations`, LocationSchema),
    /** Device roles (not paged). */
    listRoles: (): Promise<NodeRole[]> => unpaged("/roles", NodeRoleSchema),

    devicesDetailedPage,
    iterateDevicesDetailed,
    getDevice,

    /** Warranty dates (epoch s) via expand=warranty; null when the device is gone or has none. */
    async deviceWarranty(id: number): Promise<{ startDate?: number; endDate?: number } | null> {
      const device = await getDevice(id, { expand: "warranty" });
      const warranty = device?.references?.warranty;
      if (!warranty || (warranty.startDate === undefined && warranty.endDate === undefined)) return null;
      return { startDate: warranty.startDate, endDate: warranty.endDate };
    },

    /** `{userName, logonTime}`; null when the device is gone or nobody has logged on. */
    async lastLoggedOnUser(id: number): Promise<LoggedOnUser | null> {
      const body = await get(`/device/${id}/last-logged-on-user`, {}, { allowNotFound: true });
      if (body === null) return null;
      const parsed = LoggedOnUserSchema.safeParse(body);
      if (!parsed.success) {
        throw new NinjaError("permanent", `last-logged-on-user of ${id} is malformed: ${formatZodError(parsed.error)}`);
      }
      return parsed.data.userName ? parsed.data : null;
    },

    /** Organization contacts (no portal access), all organizations, not paged. */
    listContacts: (): Promise<Contact[]> => unpaged("/contacts", ContactSchema),
    /** End users (portal logins) of one organization, with the devices assigned to them. */
    listEndUsers: (organizationId: number): Promise<EndUser[]> =>
      unpaged(`/organization/${organizationId}/end-users`, EndUserSchema),

    /**
     * Users across organizations (GET /v2/users, not paged). NinjaOne ignores parameters it does not
     * know (fact sheet §3), so the userType filter is applied again here.
     */
    async listUsers(opts: { userType?: "END_USER" | "TECHNICIAN" } = {}): Promise<EndUser[]> {
      const users = await unpaged("/users", EndUserSchema, { userType: opts.userType });
      return opts.userType ? users.filter((u) => u.userType === undefined || u.userType === opts.userType) : users;
    },

    /**
     * Every end user of every organization, for the contact sync: GET /v2/user/end-users (not
     * paged); where an instance lacks it (404: regional drift, fact sheet §11.15), the same people
     * from GET /v2/users?userType=END_USER.
     */
    async listAllEndUsers(): Promise<Array<PortalEndUser | EndUser>> {
      const body = await get("/user/end-users", {}, { allowNotFound: true });
      if (body === null) {
        const users = await unpaged("/users", EndUserSchema, { userType: "END_USER" });
        return users.filter((u) => u.userType === undefined || u.userType === "END_USER");
      }
      if (!Array.isArray(body)) throw new NinjaError("permanent", `GET ${API_PREFIX}/user/end-users did not return an array`);
      const { items, invalid } = parseRecords(body, PortalEndUserSchema);
      report(`GET ${API_PREFIX}/user/end-users`, invalid);
      return items;
    },

    queryPage,
    iterateQuery,

    /** A cheap authenticated call that proves the token and the base URL work. */
    async testConnection(): Promise<{ sampleOrganization: Organization | null }> {
      const raw = await getArray("/organizations", { pageSize: 1 });
      const { items } = parseRecords(raw, OrganizationSchema);
      return { sampleOrganization: items[0] ?? null };
    },
  };
}

export type NinjaClient = ReturnType<typeof createNinjaClient>;

function checkQueryPageSize(pageSize: number) {
  // logged-on-users documents 10..10000; the rest are undocumented and 1000 is what works.
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 10_000) {
    throw new RangeError(`pageSize must be an integer from 1 to 10000, got ${pageSize}`);
  }
}
