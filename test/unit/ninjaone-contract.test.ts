// Contract: the client's schemas accept every payload of the fact sheet, and every kind of device
// the simulator generates (so the simulator and the client share one understanding of the API).
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { classifyTokenError } from "@workers/ninjaone/oauth";
import { errorCode, parseRetryAfter } from "@workers/ninjaone/http";
import {
  ActivitiesPageSchema,
  ContactSchema,
  DeviceSchema,
  EndUserSchema,
  LocationSchema,
  NodeRoleSchema,
  OAuthErrorBodySchema,
  OrganizationDetailedSchema,
  OrganizationSchema,
  QUERY_REPORTS,
  QUERY_ROW_SCHEMAS,
  QueryEnvelopeSchema,
  ResultCodeBodySchema,
  TokenResponseSchema,
  WebhookPayloadSchema,
} from "@workers/ninjaone/schemas";
import { NODE_CLASSES } from "@workers/simulator/catalog";
import { deviceAt, fleetFor } from "@workers/simulator/fleet";
import { FleetView, Overlay } from "@workers/simulator/view";
import { FACT_SHEET_BLOCKS as FS, FACT_SHEET_INLINE } from "../fixtures/ninjaone-examples";

const json = (text: string): unknown => JSON.parse(text);

describe("fact sheet payloads parse with the client's schemas", () => {
  it("§13.1 token responses", () => {
    const cc = TokenResponseSchema.parse(json(FS.tokenClientCredentials));
    expect(cc).toMatchObject({ token_type: "Bearer", expires_in: 3600, scope: "monitoring management" });
    expect(cc.refresh_token).toBeUndefined();
    const code = TokenResponseSchema.parse(json(FS.tokenAuthorizationCode));
    expect(code.refresh_token).toMatch(/^[0-9a-f-]{36}\.[A-Za-z0-9_-]+$/);
  });

  it("§13.1/§2.7 a refused refresh token means reconnect required", () => {
    expect(OAuthErrorBodySchema.parse(json(FS.refreshFailure)).error).toBe("invalid_token");
    expect(FACT_SHEET_INLINE.invalidToken).toHaveLength(25); // the observed body length
    const error = classifyTokenError("refresh_token", 400, FS.refreshFailure);
    expect(error.kind).toBe("reconnect_required");
    expect(classifyTokenError("authorization_code", 400, FS.refreshFailure).kind).toBe("invalid_grant");
  });

  it("§13.2 organizations, including a trailing-space name and absent fields", () => {
    const orgs = (json(FS.organizations) as unknown[]).map((o) => OrganizationSchema.parse(o));
    expect(orgs.map((o) => o.id)).toEqual([12, 27]);
    expect(orgs[1].name).toBe("Harbor Dental Group ");
    expect(orgs[1].description).toBeUndefined();
    const detailed = OrganizationDetailedSchema.parse(json(FS.organizationDetailed));
    expect(detailed.locations?.map((l) => l.id)).toEqual([31, 32]);
  });

  it("§13.3 device A: serial, warranty under references, fractional timestamps", () => {
    const device = DeviceSchema.parse(json(FS.deviceA));
    expect(device.system?.serialNumber).toBe("PF4XK2QZ");
    expect(device.references?.warranty).toEqual({ startDate: 1686009600, endDate: 1780617600 });
    expect(device.created).toBeCloseTo(1718353211.402114, 5);
    expect(device.lastLoggedInUser).toBe("BLUEWATER\\m.okafor");
    expect(device.volumes).toHaveLength(1);
  });

  it("§13.4 device B: no serial keys at all", () => {
    const device = DeviceSchema.parse(json(FS.deviceB));
    expect(device.system?.serialNumber).toBeUndefined();
    expect(device.offline).toBe(true);
  });

  it("§13.5 device C: an agent VM with a junk serial keeps the raw value", () => {
    const device = DeviceSchema.parse(json(FS.deviceC));
    expect(device.system).toMatchObject({ serialNumber: "Default string", virtualMachine: true });
  });

  it("§13.6 VMware host: flat serviceTag/vendor/model, no system object", () => {
    const device = DeviceSchema.parse(json(FS.deviceVmHost));
    expect(device).toMatchObject({ serviceTag: "7QZK4M3", vendor: "Dell Inc.", model: "PowerEdge R650xs" });
    expect(device.system).toBeUndefined();
    expect(device.macAddresses).toHaveLength(3); // duplicates kept as sent
  });

  it("§13.7/§13.8 query reports: cursor envelope and rows", () => {
    const systems = QueryEnvelopeSchema.parse(json(FS.computerSystems));
    expect(systems.cursor).toMatchObject({ offset: 0, count: 3 });
    const rows = systems.results.map((r) => QUERY_ROW_SCHEMAS["computer-systems"].parse(r));
    expect(rows.map((r) => r.deviceId)).toEqual([4107, 4153, 4188]);
    const users = QueryEnvelopeSchema.parse(json(FS.loggedOnUsers));
    const userRows = users.results.map((r) => QUERY_ROW_SCHEMAS["logged-on-users"].parse(r));
    expect(userRows[1]).toEqual({ userName: "BLUEWATER\\svc-deploy", logonTime: 1750870440, deviceId: 4188 });
  });

  it("§13.9 the 429 response: Retry-After in seconds and a resultCode body", () => {
    const [head, body] = FS.rateLimited.split("\n\n");
    expect(head).toMatch(/^HTTP\/1\.1 429/);
    const retryAfter = /Retry-After: (.+)/.exec(head)?.[1] ?? null;
    expect(parseRetryAfter(retryAfter, 0)).toBe(30_000);
    expect(ResultCodeBodySchema.parse(json(body)).resultCode).toBe("TOO_MANY_REQUESTS");
  });

  it("§13.10/§8.1/§2.8 error bodies of both families", () => {
    expect(errorCode(FS.notAuthenticated)).toEqual({ code: "not_authenticated", message: "Invalid credentials" });
    expect(errorCode(FACT_SHEET_INLINE.notAuthenticated).code).toBe("not_authenticated");
    expect(errorCode(FS.genericFailure)).toEqual({ code: "FAILURE", message: "HTTP 404 Not Found" });
    expect(errorCode(FACT_SHEET_INLINE.redirectFailure).code).toBe("FAILURE");
    expect(classifyTokenError("authorization_code", 400, FACT_SHEET_INLINE.clientAppNotExist).kind).toBe(
      "invalid_client",
    );
  });

  it("§13.11 activities page and a webhook whose device carries references", () => {
    const page = ActivitiesPageSchema.parse(json(FS.activities));
    expect(page.activities[0].statusCode).toBe("NODE_DELETED");
    const hook = WebhookPayloadSchema.parse(json(FS.webhookAlert));
    expect(hook.device?.references?.organization?.name).toBe("Bluewater Logistics");
  });
});

describe("tolerance", () => {
  it("treats null as absent, keeps unknown fields, normalises timestamps", () => {
    const device = DeviceSchema.parse({
      id: 1,
      displayName: null,
      system: { serialNumber: null, manufacturer: "Dell Inc." },
      created: "1707363433.892432000",
      lastContact: 1742391675556,
      futureField: { x: 1 },
    });
    expect(device.displayName).toBeUndefined();
    expect(device.system).toEqual({ manufacturer: "Dell Inc." });
    expect(device.created).toBeCloseTo(1707363433.892432, 5);
    expect(device.lastContact).toBeCloseTo(1742391675.556, 3);
    expect(device.futureField).toEqual({ x: 1 });
  });

  it("drops a malformed decorative field but rejects a malformed field Core uses", () => {
    expect(DeviceSchema.parse({ id: 2, volumes: "oops" }).volumes).toBeUndefined();
    expect(DeviceSchema.safeParse({ id: 3, system: { serialNumber: 42 } }).success).toBe(false);
    expect(DeviceSchema.safeParse({ displayName: "no id" }).success).toBe(false);
  });
});

describe("simulator output parses with the client's schemas", () => {
  const spec = { seed: 3, size: 5000, anchor: 1_751_023_400 };

  it("devices of every node class and every deviceType, with warranty references", () => {
    const fleet = fleetFor(spec);
    const classes = new Set<string>();
    const deviceTypes = new Set<string>();
    const failures: string[] = [];
    for (let index = 0; index < spec.size; index++) {
      const generated = deviceAt(fleet, index);
      const raw = generated.warranty
        ? { ...generated.device, references: { warranty: generated.warranty } }
        : generated.device;
      const parsed = DeviceSchema.safeParse(raw);
      if (!parsed.success) failures.push(`${generated.skeleton.id}: ${parsed.error.message}`);
      else {
        classes.add(parsed.data.nodeClass ?? "");
        deviceTypes.add(parsed.data.deviceType ?? "");
      }
    }
    expect(failures).toEqual([]);
    expect([...classes].sort()).toEqual([...NODE_CLASSES].sort());
    expect([...deviceTypes].sort()).toEqual(
      [
        "AgentDevice",
        "CloudMonitorDNS",
        "CloudMonitorEmailServer",
        "CloudMonitorHTTP",
        "CloudMonitorPing",
        "CloudMonitorPortScan",
        "MdmDevice",
        "NMSServer",
        "NMSTarget",
        "UnmanagedDevice",
        "VMGuest",
        "VMHost",
      ].sort(),
    );
  });

  it("organizations, locations, roles, contacts, end users and report rows", () => {
    const view = new FleetView(spec, new Overlay());
    const parseAll = (schema: z.ZodType, items: unknown[]) => items.map((item) => schema.parse(item));
    expect(parseAll(OrganizationSchema, view.organizations(0, 1000)).length).toBe(200);
    parseAll(OrganizationDetailedSchema, view.organizationsDetailed(0, 5));
    parseAll(LocationSchema, view.locations(0, 1000));
    parseAll(NodeRoleSchema, view.roles());
    expect(parseAll(ContactSchema, view.contacts()).length).toBeGreaterThan(0);
    expect(parseAll(EndUserSchema, view.endUsers(1) ?? []).length).toBeGreaterThan(0);
    for (const report of QUERY_REPORTS) {
      const { rows } = view.reportRows(report, 0, 200, () => true, undefined);
      expect(rows.length).toBeGreaterThan(0);
      parseAll(QUERY_ROW_SCHEMAS[report], rows);
    }
  });
});
