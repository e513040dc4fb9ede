// The simulator's configurable state, as zod schemas: they validate the control API's bodies and
// what is read back from the Durable Object's storage.
import { z } from "zod";
import { NODE_CLASSES } from "./catalog";
import { MAX_FLEET_SIZE, MAX_ORGANIZATIONS, MIN_FLEET_SIZE } from "./fleet";

export const SettingsSchema = z.object({
  /** expires_in of access tokens. */
  accessTokenTtlSeconds: z
    .number()
    .int()
    .min(1)
    .max(30 * 86_400)
    .default(3600),
  /** Refresh tokens die this long after they were issued (fact sheet §2.7: about 30 days). */
  refreshTokenTtlSeconds: z
    .number()
    .int()
    .min(1)
    .max(365 * 86_400)
    .default(30 * 86_400),
  authorizationCodeTtlSeconds: z.number().int().min(1).max(3600).default(60),
  /** Each refresh returns a new refresh token and kills the old one. */
  rotateRefreshTokens: z.boolean().default(true),
  rateLimit: z
    .object({
      enabled: z.boolean().default(false),
      /** Requests per window per access token (a token bucket refilling continuously). */
      requests: z.number().int().min(1).max(1_000_000).default(600),
      perSeconds: z.number().int().min(1).max(3600).default(60),
    })
    .prefault({}),
  /** /v2/devices-detailed honours expand=warranty (the fact sheet leaves this open). */
  listWarranty: z.boolean().default(true),
  /** Larger pageSize values are silently capped, like an undocumented server maximum. */
  maxPageSize: z.number().int().min(1).max(100_000).default(1000),
  /** pageSize when the request has none (undocumented in NinjaOne). */
  defaultPageSize: z.number().int().min(1).max(100_000).default(1000),
  cursorTtlSeconds: z.number().int().min(1).max(86_400).default(600),
  /** Dev convenience, never NinjaOne's behaviour: any client id/secret and any redirect URI is accepted. */
  permissiveOAuth: z.boolean().default(false),
});
export type Settings = z.infer<typeof SettingsSchema>;

/** Partial update of the settings (rateLimit may be partial too). */
export const SettingsPatchSchema = SettingsSchema.extend({
  rateLimit: SettingsSchema.shape.rateLimit.unwrap().partial(),
})
  .partial()
  .strict();

const FaultStatus = z.union([z.literal(429), z.literal(500), z.literal(502), z.literal(503), z.literal(504)]);
const RetryAfterFormat = z.enum(["seconds", "http-date", "none"]);

export const NextFaultSchema = z
  .object({
    status: FaultStatus,
    retryAfterSeconds: z.number().min(0).max(3600).optional(),
    retryAfterFormat: RetryAfterFormat.optional(),
    /** Which endpoint family the fault hits: the REST API (default) or the token endpoint. */
    target: z.enum(["api", "token"]).default("api"),
  })
  .strict();
export type NextFault = z.infer<typeof NextFaultSchema>;

export const FaultsSchema = z.object({
  /** Share (0..1) of API requests answered 429. */
  rate429: z.number().min(0).max(1).default(0),
  retryAfterSeconds: z.number().min(0).max(3600).default(1),
  retryAfterFormat: RetryAfterFormat.default("seconds"),
  /** Share (0..1) of API requests answered with status5xx. */
  rate5xx: z.number().min(0).max(1).default(0),
  status5xx: z.union([z.literal(500), z.literal(502), z.literal(503), z.literal(504)]).default(503),
  /** Delay before every API answer. */
  slowMs: z.number().int().min(0).max(30_000).default(0),
  /**
   * Server paging bugs: ignore_after (every page is the first page), repeat_cursor (a query
   * cursor never advances), truncate (full pages come back half-filled, undetectably).
   */
  pagingBug: z.enum(["none", "ignore_after", "repeat_cursor", "truncate"]).default("none"),
  /** Deterministic faults: the next matching requests fail in this order, one each. */
  next: z.array(NextFaultSchema).default([]),
});
export type Faults = z.infer<typeof FaultsSchema>;

export const FaultsPatchSchema = FaultsSchema.partial().strict();

export const GRANTS = ["authorization_code", "refresh_token", "client_credentials"] as const;
export const SCOPES = ["monitoring", "management", "control", "offline_access"] as const;

export const AppSchema = z
  .object({
    clientId: z.string().trim().min(1).max(200),
    /** Absent for a public (PKCE) app. */
    clientSecret: z.string().min(1).max(500).optional(),
    name: z.string().trim().min(1).max(200).default("Core"),
    redirectUris: z.array(z.url()).max(50).default([]),
    grants: z
      .array(z.enum(GRANTS))
      .min(1)
      .default([...GRANTS]),
    scopes: z
      .array(z.enum(SCOPES))
      .min(1)
      .default([...SCOPES]),
  })
  .strict();
export type App = z.infer<typeof AppSchema>;

export const DEMO_APP: App = {
  clientId: "core-demo",
  clientSecret: "core-demo-secret",
  name: "Core (demo)",
  redirectUris: [
    "http://localhost:8787/api/integrations/ninja/callback",
    "http://127.0.0.1:8787/api/integrations/ninja/callback",
  ],
  grants: [...GRANTS],
  scopes: [...SCOPES],
};

export const FleetSpecSchema = z.object({
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1),
  size: z.number().int().min(MIN_FLEET_SIZE).max(MAX_FLEET_SIZE),
  anchor: z.number().int().positive(),
  /** How many organizations the devices spread over; absent: one per 25 devices, 3 to 4,000. */
  organizations: z.number().int().min(3).max(MAX_ORGANIZATIONS).optional(),
});

export const ResetSchema = z
  .object({
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 31 - 1)
      .optional(),
    size: z.number().int().min(MIN_FLEET_SIZE).max(MAX_FLEET_SIZE).optional(),
    /** Epoch seconds the fleet's ages and warranties are relative to; default now. */
    anchor: z.number().int().positive().optional(),
    /** Organizations the devices spread over (not kept from the current fleet); default one per 25 devices, 3 to 4,000. */
    organizations: z.number().int().min(3).max(MAX_ORGANIZATIONS).optional(),
    /** Replaces all settings (missing keys take their defaults). */
    settings: SettingsPatchSchema.optional(),
    /** Also forget every code and token (connected apps must reconnect). */
    clearTokens: z.boolean().default(false),
  })
  .strict();

const NodeClassSchema = z.enum(NODE_CLASSES);

export const DevicePatchSchema = z
  .object({
    displayName: z.string().trim().min(1).max(200).optional(),
    organizationId: z.number().int().positive().optional(),
    locationId: z.number().int().positive().optional(),
    offline: z.boolean().optional(),
    /** true: list and report endpoints skip the device while GET /v2/device/{id} still answers. */
    hiddenFromLists: z.boolean().optional(),
  })
  .strict()
  .refine((p) => Object.keys(p).length > 0, "give at least one of displayName, organizationId, locationId, offline, hiddenFromLists");

export const DeviceAddSchema = z
  .object({
    organizationId: z.number().int().positive(),
    locationId: z.number().int().positive().optional(),
    nodeClass: NodeClassSchema.default("WINDOWS_WORKSTATION"),
    displayName: z.string().trim().min(1).max(200).optional(),
    /** For classes that report one (agents, MDM, VM hosts). */
    serialNumber: z.string().max(200).optional(),
    manufacturer: z.string().trim().min(1).max(200).optional(),
    model: z.string().trim().min(1).max(200).optional(),
  })
  .strict();

export const OrgPatchSchema = z.object({ name: z.string().min(1).max(200) }).strict();

export const RevokeSchema = z
  .object({ refreshToken: z.string().min(1).optional(), accessToken: z.string().min(1).optional() })
  .strict()
  .default({});

/** Fleet changes, stored as an append-only log (query cursors read the fleet as of their version). */
export const MutationSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("device.patch"),
    id: z.number().int(),
    displayName: z.string().optional(),
    organizationId: z.number().int().optional(),
    locationId: z.number().int().optional(),
    offline: z.boolean().optional(),
    hiddenFromLists: z.boolean().optional(),
  }),
  z.object({ kind: z.literal("device.delete"), id: z.number().int() }),
  z.object({
    kind: z.literal("device.add"),
    id: z.number().int(),
    ordinal: z.number().int(),
    nodeClass: NodeClassSchema,
    organizationId: z.number().int(),
    locationId: z.number().int(),
    created: z.number(),
    displayName: z.string().optional(),
    serialNumber: z.string().optional(),
    manufacturer: z.string().optional(),
    model: z.string().optional(),
  }),
  z.object({ kind: z.literal("org.rename"), id: z.number().int(), name: z.string() }),
  z.object({ kind: z.literal("org.delete"), id: z.number().int() }),
]);
export type Mutation = z.infer<typeof MutationSchema>;
