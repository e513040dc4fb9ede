// zod schemas for what NinjaOne sends (fact sheet §4, §13; spec components in ninjaone-openapi.yaml).
// Tolerance rules, because live responses drift from the spec:
// - every object is loose: unknown fields pass through untouched;
// - fields are optional, and null is treated as absent (NinjaOne omits empty fields, but a
//   proxy or a future build may send null);
// - timestamps are epoch seconds with fractions; a numeric string or milliseconds are normalised;
// - enums NinjaOne may extend (nodeClass, approvalStatus, ...) stay plain strings;
// - fields Core uses are strict (a wrong type makes the record invalid and it is reported with its
//   id); decorative fields (volumes, processors, tags, ...) that do not parse are dropped instead.
import { z } from "zod";

/** Recursively drop object properties whose value is null (array items are kept). */
export function stripNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripNulls);
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      if (item !== null) out[key] = stripNulls(item);
    }
    return out;
  }
  return value;
}

/** Wrap a schema so null anywhere inside counts as absent. */
function tolerant<T extends z.ZodType>(schema: T) {
  return z.preprocess(stripNulls, schema);
}

/** A field that Core does not rely on: if it does not parse, it is dropped, not fatal. */
function lenient<T extends z.ZodType>(schema: T) {
  return schema.optional().catch(undefined);
}

// Values above 1e11 can only be milliseconds (year 5138 in seconds); NinjaOne nests some of those.
const MS_THRESHOLD = 1e11;

/** Unix epoch seconds (fractional). Accepts numeric strings and milliseconds. */
export const epochSeconds = z
  .union([
    z.number(),
    z
      .string()
      .trim()
      .regex(/^-?\d+(\.\d+)?$/, "not a number")
      .transform(Number),
  ])
  .refine((n) => Number.isFinite(n), "not a finite number")
  .transform((n) => (Math.abs(n) > MS_THRESHOLD ? n / 1000 : n));

const int32 = z.number().int();
const userData = z.record(z.string(), z.unknown());

export const OrganizationSchema = tolerant(
  z.looseObject({
    id: int32,
    name: z.string(),
    description: z.string().optional(),
    nodeApprovalMode: z.string().optional(), // AUTOMATIC | MANUAL | REJECT
    userData: lenient(userData),
    tags: lenient(z.array(z.string())),
    fields: lenient(userData),
  }),
);
export type Organization = z.infer<typeof OrganizationSchema>;

export const LocationSchema = tolerant(
  z.looseObject({
    id: int32,
    name: z.string(),
    address: z.string().optional(),
    description: z.string().optional(),
    organizationId: int32.optional(), // present on /v2/locations (LocationWithOrganizationRef)
    userData: lenient(userData),
    tags: lenient(z.array(z.string())),
    fields: lenient(userData),
  }),
);
export type Location = z.infer<typeof LocationSchema>;

export const OrganizationDetailedSchema = tolerant(
  z.looseObject({
    id: int32,
    name: z.string(),
    description: z.string().optional(),
    nodeApprovalMode: z.string().optional(),
    userData: lenient(userData),
    locations: z.array(LocationSchema).optional(),
    policies: lenient(z.array(z.looseObject({ nodeRoleId: int32.optional(), policyId: int32.optional() }))),
    settings: lenient(z.record(z.string(), z.unknown())),
  }),
);
export type OrganizationDetailed = z.infer<typeof OrganizationDetailedSchema>;

export const NodeRoleSchema = tolerant(
  z.looseObject({
    id: int32,
    name: z.string(),
    description: z.string().optional(),
    nodeClass: z.string().optional(), // dropped from the newer spec, present live
    custom: z.boolean().optional(),
    chassisType: z.string().optional(), // UNKNOWN | DESKTOP | LAPTOP | MOBILE
    created: epochSeconds.optional(),
    nodeRoleParentId: int32.optional(),
    icon: z.string().optional(),
    tags: lenient(z.array(z.string())),
    fields: lenient(userData),
  }),
);
export type NodeRole = z.infer<typeof NodeRoleSchema>;

export const WarrantyDatesSchema = z.looseObject({
  startDate: epochSeconds.optional(),
  endDate: epochSeconds.optional(),
  manufacturerFulfillmentDate: epochSeconds.optional(),
});
export type WarrantyDates = z.infer<typeof WarrantyDatesSchema>;

export const EndUserSchema = tolerant(
  z.looseObject({
    id: int32,
    uid: z.string().optional(),
    firstName: z.string().optional(),
    lastName: z.string().optional(),
    email: z.string().optional(),
    phone: z.string().optional(),
    enabled: z.boolean().optional(),
    administrator: z.boolean().optional(),
    userType: z.string().optional(), // TECHNICIAN | END_USER
    invitationStatus: z.string().optional(), // REGISTERED | PENDING | EXPIRED
    organizationId: int32.optional(),
    deviceIds: z.array(int32).optional(),
    assignedDeviceIds: z.array(int32).optional(),
    roles: lenient(z.array(z.string())),
  }),
);
export type EndUser = z.infer<typeof EndUserSchema>;

/** GET /v2/user/end-users: the EndUser schema (portal logins of every organization; no userType). */
export const PortalEndUserSchema = tolerant(
  z.looseObject({
    id: int32,
    uid: z.string().optional(),
    enabled: z.boolean().optional(),
    firstName: z.string().optional(),
    lastName: z.string().optional(),
    email: z.string().optional(),
    phone: z.string().optional(),
    organizationId: int32.optional(),
    fullPortalAccess: lenient(z.boolean()),
    mustChangePw: lenient(z.boolean()),
    mfaConfigured: lenient(z.boolean()),
    scimUser: lenient(z.boolean()),
    authType: lenient(z.string()), // NATIVE | SSO
    invitationStatus: lenient(z.string()),
    assignedDeviceIds: lenient(z.array(int32)),
    accessibleDeviceIds: lenient(z.array(int32)),
    roles: lenient(z.array(z.string())),
  }),
);
export type PortalEndUser = z.infer<typeof PortalEndUserSchema>;

export const ContactSchema = tolerant(
  z.looseObject({
    id: int32,
    organizationId: int32.optional(),
    uid: z.string().optional(),
    firstName: z.string().optional(),
    lastName: z.string().optional(),
    email: z.string().optional(),
    phone: z.string().optional(),
    jobTitle: z.string().optional(),
  }),
);
export type Contact = z.infer<typeof ContactSchema>;

const OperatingSystemShape = z.looseObject({
  manufacturer: z.string().optional(),
  name: z.string().optional(),
  architecture: z.string().optional(),
  lastBootTime: epochSeconds.optional(),
  buildNumber: z.string().optional(),
  releaseId: z.string().optional(),
  servicePackMajorVersion: lenient(z.number()),
  servicePackMinorVersion: lenient(z.number()),
  locale: z.string().optional(),
  language: z.string().optional(),
  needsReboot: lenient(z.boolean()),
});

// AgentDevice's ComputerSystem and MdmDevice's MdmSystem share the `system` key.
const SystemShape = z.looseObject({
  name: z.string().optional(),
  displayName: z.string().optional(), // MDM
  manufacturer: z.string().optional(),
  model: z.string().optional(),
  biosSerialNumber: z.string().optional(),
  serialNumber: z.string().optional(),
  assetSerialNumber: z.string().optional(),
  build: z.string().optional(), // MDM
  domain: z.string().optional(),
  domainRole: z.string().optional(),
  numberOfProcessors: lenient(z.number()),
  totalPhysicalMemory: lenient(z.number()),
  virtualMachine: z.boolean().optional(),
  chassisType: z.string().optional(),
});

const ReferencesShape = z.looseObject({
  organization: lenient(OrganizationSchema),
  location: lenient(LocationSchema),
  role: lenient(NodeRoleSchema),
  warranty: WarrantyDatesSchema.optional(),
  assignedOwner: lenient(EndUserSchema),
});

/**
 * One device as /v2/devices-detailed and /v2/device/{id} return it: the base Device plus the
 * flattened sub-schema named by `deviceType` (AgentDevice, VMHost, VMGuest, MdmDevice,
 * CloudMonitor*, NMS*, UnmanagedDevice). Also parses the basic /v2/devices items.
 */
export const DeviceSchema = tolerant(
  z.looseObject({
    id: int32,
    uid: z.string().optional(),
    assignedOwnerUid: z.string().optional(),
    parentDeviceId: int32.optional(),
    organizationId: int32.optional(),
    locationId: int32.optional(),
    nodeClass: z.string().optional(), // keep future classes as strings
    nodeRoleId: int32.optional(),
    rolePolicyId: int32.optional(),
    policyId: int32.optional(),
    approvalStatus: z.string().optional(),
    offline: z.boolean().optional(),
    displayName: z.string().optional(),
    systemName: z.string().optional(),
    dnsName: z.string().optional(),
    netbiosName: z.string().optional(),
    created: epochSeconds.optional(),
    lastContact: epochSeconds.optional(),
    lastUpdate: epochSeconds.optional(),
    userData: lenient(userData),
    tags: lenient(z.array(z.string())),
    fields: lenient(userData),
    maintenance: lenient(
      z.looseObject({
        status: z.string().optional(),
        start: epochSeconds.optional(),
        end: epochSeconds.optional(),
        reasonMessage: z.string().optional(),
      }),
    ),
    references: ReferencesShape.optional(),
    ipAddresses: lenient(z.array(z.string())),
    macAddresses: lenient(z.array(z.string())),
    publicIP: z.string().optional(),
    notes: lenient(z.array(z.looseObject({ text: z.string().optional() }))),
    deviceType: z.string().optional(),
    // AgentDevice / MdmDevice
    os: OperatingSystemShape.optional(),
    system: SystemShape.optional(),
    memory: lenient(z.looseObject({ capacity: z.number().optional() })),
    processors: lenient(z.array(z.looseObject({ name: z.string().optional() }))),
    volumes: lenient(z.array(z.looseObject({ name: z.string().optional() }))),
    network: lenient(z.array(z.looseObject({}))),
    lastLoggedInUser: z.string().optional(),
    // VMHost (flat hardware fields, serial in serviceTag) and VMGuest
    vendor: z.string().optional(),
    model: z.string().optional(),
    serviceTag: z.string().optional(),
    name: z.string().optional(),
    cpuModel: lenient(z.string()),
    cpuMhz: lenient(z.number()),
    cpuCores: lenient(z.number()),
    cpuPackages: lenient(z.number()),
    cpuThreads: lenient(z.number()),
    htActive: lenient(z.boolean()),
    htAvailable: lenient(z.boolean()),
    memorySize: lenient(z.number()),
    lastBootTime: lenient(epochSeconds),
    releaseName: z.string().optional(),
    version: z.string().optional(),
    buildNumber: z.string().optional(),
    fullName: z.string().optional(),
    guestOSFullName: z.string().optional(),
    powerState: lenient(z.string()),
    // CloudMonitor*
    target: z.string().optional(),
    enabled: lenient(z.boolean()),
    interval: lenient(z.number()),
    timeout: lenient(z.number()),
  }),
);
export type Device = z.infer<typeof DeviceSchema>;

export const LoggedOnUserSchema = tolerant(
  z.looseObject({ userName: z.string().optional(), logonTime: epochSeconds.optional() }),
);
export type LoggedOnUser = z.infer<typeof LoggedOnUserSchema>;

// ---- /v2/queries/* reports ----------------------------------------------------------------

export const QueryCursorSchema = tolerant(
  z.looseObject({
    name: z.string().optional(),
    offset: int32.optional(),
    count: int32.optional(),
    expires: epochSeconds.optional(),
  }),
);
export type QueryCursor = z.infer<typeof QueryCursorSchema>;

/** The envelope of every report; rows are validated one by one with the report's row schema. */
export const QueryEnvelopeSchema = tolerant(
  z.looseObject({ cursor: QueryCursorSchema.optional(), results: z.array(z.unknown()) }),
);

const ComputerSystemRowSchema = tolerant(SystemShape.extend({ deviceId: int32, timestamp: epochSeconds.optional() }));
const OperatingSystemRowSchema = tolerant(
  OperatingSystemShape.extend({ deviceId: int32, timestamp: epochSeconds.optional() }),
);
const LoggedOnUserRowSchema = tolerant(
  z.looseObject({ deviceId: int32, userName: z.string().optional(), logonTime: epochSeconds.optional() }),
);
const DeviceHealthRowSchema = tolerant(
  z.looseObject({
    deviceId: int32,
    healthStatus: z.string().optional(),
    offline: z.boolean().optional(),
    parentDeviceId: int32.optional(),
    parentOffline: z.boolean().optional(),
    alertCount: lenient(z.number()),
    activeJobCount: lenient(z.number()),
    pendingRebootReason: z.string().optional(),
  }),
);

export const QUERY_ROW_SCHEMAS = {
  "computer-systems": ComputerSystemRowSchema,
  "operating-systems": OperatingSystemRowSchema,
  "logged-on-users": LoggedOnUserRowSchema,
  "device-health": DeviceHealthRowSchema,
} as const;
export type QueryReport = keyof typeof QUERY_ROW_SCHEMAS;
export type QueryRow<R extends QueryReport> = z.infer<(typeof QUERY_ROW_SCHEMAS)[R]>;
export const QUERY_REPORTS = Object.keys(QUERY_ROW_SCHEMAS) as QueryReport[];

// ---- OAuth and error bodies ---------------------------------------------------------------

export const TokenResponseSchema = tolerant(
  z.looseObject({
    access_token: z.string().min(1),
    token_type: z.string().optional(),
    expires_in: z.coerce.number().positive().optional(),
    scope: z.string().optional(),
    refresh_token: z.string().min(1).optional(),
  }),
);

/** `{"error":"invalid_token"}` and `{"error":"not_authenticated","error_description":...,"error_code":10}`. */
export const OAuthErrorBodySchema = z.looseObject({
  error: z.string(),
  error_description: z.string().optional(),
  error_code: z.number().optional(),
});

/** `{"resultCode":"FAILURE","errorMessage":...,"incidentId":...}` and `{"resultCode":"Client app not exist"}`. */
export const ResultCodeBodySchema = z.looseObject({
  resultCode: z.string(),
  errorMessage: z.string().optional(),
  incidentId: z.string().optional(),
});

// ---- Activities and webhooks (deletion detection, fact sheet §5.3, §10) --------------------

const ActivityShape = z.looseObject({
  id: z.number().int(),
  activityTime: epochSeconds.optional(),
  deviceId: int32.optional(),
  severity: z.string().optional(),
  priority: z.string().optional(),
  seriesUid: z.string().optional(),
  activityType: z.string().optional(),
  statusCode: z.string().optional(),
  status: z.string().optional(),
  activityResult: z.string().optional(),
  sourceConfigUid: z.string().optional(),
  sourceName: z.string().optional(),
  subject: z.string().optional(),
  userId: int32.optional(),
  message: z.string().optional(),
  type: z.string().optional(),
  data: lenient(z.record(z.string(), z.unknown())),
});
export const ActivitySchema = tolerant(ActivityShape);
export type Activity = z.infer<typeof ActivitySchema>;

export const ActivitiesPageSchema = tolerant(
  z.looseObject({ lastActivityId: z.number().int().optional(), activities: z.array(ActivitySchema) }),
);

/** A webhook delivery: an activity plus the (basic) device it concerns. */
export const WebhookPayloadSchema = tolerant(ActivityShape.extend({ device: DeviceSchema.optional() }));
