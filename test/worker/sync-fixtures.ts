// A small in-memory NinjaOne for sync pipeline tests (the client part a sync uses), and a harness
// that drives the real queue consumer message by message with createMessageBatch/getQueueResult.
import { naturalSortKey } from "@workers/domain/natural-sort";
import { createExecutionContext, createMessageBatch, env, getQueueResult } from "cloudflare:test";
import { and, eq } from "drizzle-orm";
import { newId } from "@workers/crypto";
import { schema } from "@workers/db/client";
import { checkKeysetPage } from "@workers/ninjaone/client";
import { ContactSchema, DeviceSchema, PortalEndUserSchema, type Contact, type Device, type PortalEndUser } from "@workers/ninjaone/schemas";
import { NinjaError, type NinjaErrorKind } from "@workers/ninjaone/errors";
import type { SyncMessage } from "@workers/sync/messages";
import type { SyncDeps, SyncNinjaClient } from "@workers/sync/ports";
import { handleSyncBatch } from "@workers/sync/queue";
import { startSync } from "@workers/sync/runs";
import { db } from "./helpers";

export type RawDevice = Record<string, unknown> & { id: number };

/** A NinjaOne device as /v2/devices-detailed returns it (agent device with a system block). */
export function device(
  id: number,
  opts: {
    name?: string;
    org?: number;
    serial?: string | null;
    nodeClass?: string;
    offline?: boolean;
    role?: number;
    manufacturer?: string;
    model?: string;
    warranty?: { startDate: number; endDate: number };
    os?: string;
  } = {},
): RawDevice {
  return {
    id,
    uid: `00000000-0000-4000-8000-${String(id).padStart(12, "0")}`,
    organizationId: opts.org ?? 1,
    locationId: 10 + (opts.org ?? 1),
    nodeClass: opts.nodeClass ?? "WINDOWS_WORKSTATION",
    nodeRoleId: opts.role ?? 100,
    offline: opts.offline ?? false,
    displayName: opts.name ?? `PC-${id}`,
    systemName: opts.name ?? `PC-${id}`,
    created: 1_700_000_000 + id,
    lastContact: 1_790_000_000,
    os: { name: opts.os ?? "Windows 11 Pro" },
    system: {
      manufacturer: opts.manufacturer ?? "Dell Inc.",
      model: opts.model ?? "Latitude 7440",
      ...(opts.serial === null ? {} : { serialNumber: opts.serial ?? `SN${String(id).padStart(6, "0")}` }),
    },
    lastLoggedInUser: `ACME\\user${id}`,
    ...(opts.warranty ? { references: { warranty: opts.warranty } } : {}),
  };
}

type Fault = { kind: NinjaErrorKind; retryAfterMs?: number; times: number; on: "devices" | "organizations" | "other" | "people" | "any" };

export class FakeNinja implements SyncNinjaClient {
  orgs: Array<{ id: number; name: string }> = [{ id: 1, name: "Acme Dental" }];
  locations: Array<{ id: number; name: string; organizationId: number }> = [{ id: 11, name: "HQ", organizationId: 1 }];
  roles: Array<{ id: number; name: string; nodeClass: string }> = [{ id: 100, name: "Windows Desktop", nodeClass: "WINDOWS_WORKSTATION" }];
  devices = new Map<number, RawDevice>();
  /** GET /v2/user/end-users and GET /v2/contacts, raw (validated like the real client does). */
  endUsers: Array<Record<string, unknown>> = [];
  contacts: Array<Record<string, unknown>> = [];
  warranties = new Map<number, { startDate: number; endDate: number }>();
  faults: Fault[] = [];
  calls = { devicesPages: 0, warranty: 0, device: 0, people: 0 };
  /** The most rows a page carries whatever pageSize asked for (a NinjaOne with a lower maximum). */
  pageCap = Infinity;
  /** Devices the lists leave out while GET /v2/device/{id} still answers them. */
  hidden = new Set<number>();
  /** GET /v2/device/{id} answers with this error instead (e.g. a 500 that is not a "no"). */
  deviceErrors = new Map<number, NinjaErrorKind>();

  constructor(devices: RawDevice[] = []) {
    for (const d of devices) this.devices.set(d.id, d);
  }

  fail(kind: NinjaErrorKind, opts: { times?: number; retryAfterMs?: number; on?: Fault["on"] } = {}) {
    this.faults.push({ kind, retryAfterMs: opts.retryAfterMs, times: opts.times ?? 1, on: opts.on ?? "any" });
  }

  private maybeFail(call: "devices" | "organizations" | "other" | "people") {
    // "any" faults predate the people calls: they keep hitting the calls they always hit.
    const fault = this.faults.find((f) => f.times > 0 && ((f.on === "any" && call !== "people") || f.on === call));
    if (!fault) return;
    fault.times -= 1;
    throw new NinjaError(fault.kind, `simulated ${fault.kind}`, { status: fault.kind === "rate_limited" ? 429 : undefined, retryAfterMs: fault.retryAfterMs });
  }

  async listOrganizations() {
    this.maybeFail("organizations");
    return this.orgs;
  }
  async listLocations() {
    return this.locations;
  }
  async listRoles() {
    return this.roles;
  }
  async devicesDetailedPage({ after, pageSize }: { after: number; pageSize: number }) {
    this.maybeFail("devices");
    this.calls.devicesPages += 1;
    const raw = [...this.devices.values()]
      .filter((d) => d.id > after && !this.hidden.has(d.id))
      .sort((a, b) => a.id - b.id)
      .slice(0, Math.min(pageSize, this.pageCap));
    // The client's own paging rule decides where the listing ends.
    const { nextAfter, done } = checkKeysetPage("GET /v2/devices-detailed", raw, after, pageSize);
    const devices: Device[] = [];
    const invalid: Array<{ id: number | null; error: string }> = [];
    for (const item of raw) {
      const parsed = DeviceSchema.safeParse(item);
      if (parsed.success) devices.push(parsed.data);
      else invalid.push({ id: item.id, error: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") });
    }
    return { devices, invalid, nextAfter, done };
  }
  async getDevice(id: number) {
    this.calls.device += 1;
    this.maybeFail("other");
    const error = this.deviceErrors.get(id);
    if (error) throw new NinjaError(error, `simulated ${error} for device ${id}`, { status: error === "permanent" ? 500 : 503 });
    const raw = this.devices.get(id);
    return raw ? DeviceSchema.parse(raw) : null;
  }
  async listAllEndUsers(): Promise<PortalEndUser[]> {
    this.maybeFail("people");
    this.calls.people += 1;
    return this.endUsers.flatMap((u) => {
      const parsed = PortalEndUserSchema.safeParse(u);
      return parsed.success ? [parsed.data] : [];
    });
  }
  async listContacts(): Promise<Contact[]> {
    return this.contacts.flatMap((c) => {
      const parsed = ContactSchema.safeParse(c);
      return parsed.success ? [parsed.data] : [];
    });
  }
  async deviceWarranty(id: number) {
    this.calls.warranty += 1;
    this.maybeFail("other");
    return this.warranties.get(id) ?? null;
  }
}

export async function connectWorkspace(workspaceId: string) {
  const now = Date.now();
  await db()
    .insert(schema.integrations)
    .values({
      workspaceId,
      clientId: "client-id",
      clientSecretEnc: "not-used-by-these-tests",
      clientSecretLast4: "abcd",
      region: "us",
      status: "connected",
      connectedAt: now,
      createdAt: now,
      updatedAt: now,
    });
}

export async function addCustomer(workspaceId: string, name: string, archived = false) {
  const now = Date.now();
  const id = newId();
  await db().insert(schema.customers).values({ id, workspaceId, name, archivedAt: archived ? now : null, createdAt: now, updatedAt: now });
  return id;
}

export async function addManualAsset(workspaceId: string, fields: { name: string; serialNumber?: string | null; customerId?: string | null }) {
  const now = Date.now();
  const id = newId();
  await db()
    .insert(schema.assets)
    .values({
      id,
      workspaceId,
      name: fields.name,
      nameSort: naturalSortKey(fields.name),
      serialNumber: fields.serialNumber ?? null,
      customerId: fields.customerId ?? null,
      status: "in_use",
      category: "Workstation",
      source: "manual",
      createdAt: now,
      updatedAt: now,
    });
  return id;
}

/**
 * The Worker's real queue handler with a recording queue: every message the pipeline sends waits in
 * `queue` until the test delivers it. `client` replaces NinjaOne; "real" uses the workspace's
 * connection (tokens in KV, the built-in simulator).
 */
export function syncHarness(
  client: SyncNinjaClient | "real",
  opts: { pageSize?: number; pagesPerMessage?: number; chainSteps?: boolean; now?: () => number } = {},
) {
  const queue: Array<{ body: SyncMessage; delaySeconds?: number }> = [];
  const recorder: SyncDeps["queue"] = {
    async send(body, options) {
      queue.push({ body, delaySeconds: options?.delaySeconds });
    },
  };
  const overrides: Partial<SyncDeps> = {
    db: db(),
    queue: recorder,
    warrantyQueue: recorder,
    pageSize: opts.pageSize ?? 3,
    ...(opts.pagesPerMessage ? { pagesPerMessage: opts.pagesPerMessage } : {}),
    // One step a message unless a test asks for the Worker's chaining (it drives and faults each step).
    chainSteps: opts.chainSteps ?? false,
    ...(opts.now ? { now: opts.now } : {}),
    ...(client === "real" ? {} : { clientFor: async () => client }),
  };
  const deps = { db: db(), queue: recorder, now: opts.now ?? (() => Date.now()) };
  let seq = 0;

  /**
   * Deliver one message through the consumer; returns what it did with it (acks, retries) plus the
   * delay asked for each retry (getQueueResult does not report delays, so retry() is observed).
   */
  async function deliver(body: unknown, attempts = 1, dlq = false) {
    const batch = createMessageBatch(dlq ? "core-sync-dlq" : "core-sync", [{ id: `m${++seq}`, timestamp: new Date(), attempts, body }]);
    const ctx = createExecutionContext();
    const retryDelays: Array<number | undefined> = [];
    const observed = {
      messages: batch.messages.map((m) => ({
        body: m.body,
        attempts: m.attempts,
        ack: () => m.ack(),
        retry: (options?: QueueRetryOptions) => {
          retryDelays.push(options?.delaySeconds);
          m.retry(options);
        },
      })),
    };
    await handleSyncBatch({ queue: batch.queue, messages: observed.messages }, env, ctx, overrides);
    return { ...(await getQueueResult(batch, ctx)), retryDelays };
  }

  /** Deliver queued messages in order until none is left (or `max` deliveries). */
  async function drain(max = 200) {
    const delivered: Array<SyncMessage["step"]> = [];
    for (let i = 0; i < max && queue.length; i++) {
      const next = queue.shift();
      if (!next) break;
      delivered.push(next.body.step);
      const result = await deliver(next.body);
      if (result.retryMessages.length) throw new Error(`message ${next.body.step} was retried unexpectedly`);
    }
    return delivered;
  }

  async function start(workspaceId: string, trigger: "manual" | "scheduled" = "manual") {
    return startSync(deps, workspaceId, trigger);
  }

  /** Start a run and drive it to the end. */
  async function sync(workspaceId: string) {
    const run = await start(workspaceId);
    await drain();
    return finishedRun(workspaceId, run.id);
  }

  return { deps, queue, deliver, drain, start, sync };
}

export async function finishedRun(workspaceId: string, runId: string) {
  const run = await db().query.syncRuns.findFirst({ where: and(eq(schema.syncRuns.id, runId), eq(schema.syncRuns.workspaceId, workspaceId)) });
  if (!run) throw new Error("run not found");
  return run;
}

export async function assetsOf(workspaceId: string) {
  return db().select().from(schema.assets).where(eq(schema.assets.workspaceId, workspaceId)).orderBy(schema.assets.ninjaDeviceId);
}

export async function eventsOf(workspaceId: string) {
  return db().select().from(schema.assetEvents).where(eq(schema.assetEvents.workspaceId, workspaceId));
}
