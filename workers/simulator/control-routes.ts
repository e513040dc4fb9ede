// The control API (<mount>/_control/*): not NinjaOne's API, the simulator's own knobs for tests and
// demos. JSON in and out, every body zod-validated; errors are {"error": ..., "issues"?: [...]}.
import { z } from "zod";
import { familyOf } from "./catalog";
import { json, type SimContext } from "./respond";
import {
  AppSchema,
  DeviceAddSchema,
  DevicePatchSchema,
  FaultsPatchSchema,
  FaultsSchema,
  OrgPatchSchema,
  ResetSchema,
  RevokeSchema,
  SettingsPatchSchema,
  SettingsSchema,
  type Settings,
} from "./state";

class ControlError extends Error {
  constructor(readonly status: number, message: string, readonly issues?: unknown) {
    super(message);
  }
}

async function body<S extends z.ZodType>(ctx: SimContext, schema: S): Promise<z.infer<S>> {
  const text = await ctx.request.text();
  let raw: unknown = undefined;
  if (text.trim()) {
    try {
      raw = JSON.parse(text);
    } catch {
      throw new ControlError(400, "The body is not JSON");
    }
  }
  const parsed = schema.safeParse(raw ?? {});
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
    throw new ControlError(400, "Invalid body", issues);
  }
  return parsed.data;
}

function mergeSettings(current: Settings, patch: z.infer<typeof SettingsPatchSchema>): Settings {
  return SettingsSchema.parse({ ...current, ...patch, rateLimit: { ...current.rateLimit, ...patch.rateLimit } });
}

function state(ctx: SimContext) {
  const view = ctx.store.view();
  return {
    simulator: "NinjaOne simulator",
    baseUrl: `${ctx.url.origin}${ctx.mount}`,
    fleet: ctx.store.fleetSpec(),
    counts: view.counts(),
    mutations: ctx.store.mutationCount(),
    settings: ctx.store.settings(),
    faults: ctx.store.faults(),
    apps: ctx.store.apps().map((app) => ({ ...app, clientSecret: app.clientSecret ? "(set)" : undefined })),
    tokens: ctx.store.tokenCounts(ctx.now),
    openQueryCursors: ctx.store.cursorCount(ctx.now),
    clockOffsetSeconds: ctx.store.clockOffsetMs() / 1000,
  };
}

export async function handleControl(ctx: SimContext, path: string): Promise<Response> {
  try {
    return await control(ctx, path);
  } catch (error) {
    if (error instanceof ControlError) return json({ error: error.message, issues: error.issues }, error.status);
    throw error;
  }
}

async function control(ctx: SimContext, path: string): Promise<Response> {
  const { store } = ctx;
  const method = ctx.request.method;
  let m: RegExpExecArray | null;

  if (path === "/state" && method === "GET") return json(state(ctx));

  if (path === "/reset" && method === "POST") {
    const input = await body(ctx, ResetSchema);
    const current = store.fleetSpec();
    store.resetFleet({
      seed: input.seed ?? current.seed,
      size: input.size ?? current.size,
      anchor: input.anchor ?? Math.floor(ctx.now / 1000),
      ...(input.organizations ? { organizations: input.organizations } : {}),
    });
    if (input.settings) store.setSettings(mergeSettings(SettingsSchema.parse({}), input.settings));
    if (input.clearTokens) store.clearTokens();
    return json(state(ctx));
  }

  if (path === "/settings" && method === "PATCH") {
    store.setSettings(mergeSettings(store.settings(), await body(ctx, SettingsPatchSchema)));
    return json(store.settings());
  }

  if (path === "/faults" && method === "PATCH") {
    const patch = await body(ctx, FaultsPatchSchema);
    const current = store.faults();
    // `next` appends to the queue; everything else replaces.
    store.setFaults(FaultsSchema.parse({ ...current, ...patch, next: [...current.next, ...(patch.next ?? [])] }));
    return json(store.faults());
  }
  if (path === "/faults" && method === "DELETE") {
    store.setFaults(FaultsSchema.parse({}));
    return json(store.faults());
  }

  if (path === "/clock" && method === "POST") {
    const { advanceSeconds } = await body(
      ctx,
      z
        .object({
          advanceSeconds: z
            .number()
            .min(0)
            .max(400 * 86_400),
        })
        .strict(),
    );
    store.advanceClock(advanceSeconds);
    return json({ clockOffsetSeconds: store.clockOffsetMs() / 1000 });
  }

  if (path === "/tokens/expire" && method === "POST") {
    return json({ expiredAccessTokens: store.expireAccessTokens(ctx.now) });
  }
  if (path === "/tokens/revoke" && method === "POST") {
    const input = await body(ctx, RevokeSchema);
    const specific = [input.refreshToken, input.accessToken].filter((t): t is string => !!t);
    if (specific.length) return json({ revoked: specific.filter((t) => store.revokeToken(t)).length });
    return json({ revoked: store.revokeAllTokens() });
  }

  if (path === "/app" && method === "PUT") {
    const app = await body(ctx, AppSchema);
    store.putApp(app);
    return json({ ...app, clientSecret: app.clientSecret ? "(set)" : undefined });
  }
  if ((m = /^\/app\/([^/]+)$/.exec(path)) && method === "DELETE") {
    if (!store.deleteApp(decodeURIComponent(m[1]))) throw new ControlError(404, "No such app");
    return json({ deleted: true });
  }

  if (path === "/devices" && method === "POST") {
    const input = await body(ctx, DeviceAddSchema);
    const view = store.view();
    const org = view.fleet.orgById.get(input.organizationId);
    if (!org || !view.orgExists(input.organizationId)) throw new ControlError(400, "No such organization");
    const locationId = input.locationId ?? org.locationIds[0];
    if (!org.locationIds.includes(locationId)) throw new ControlError(400, "The location is not in that organization");
    const family = familyOf(input.nodeClass);
    if (input.serialNumber !== undefined && !["agent", "mdm", "vmhost"].includes(family)) {
      throw new ControlError(400, `${input.nodeClass} devices report no serial number`);
    }
    const { id, ordinal } = store.nextAddedDevice();
    store.addMutation(
      { kind: "device.add", id, ordinal, ...input, locationId, created: Math.floor(ctx.now / 10) / 100 },
      ctx.now,
    );
    const live = store.view().liveDevice(id);
    return json(live?.generate().device ?? { id }, 201);
  }

  if ((m = /^\/devices\/(\d+)$/.exec(path))) {
    const id = Number(m[1]);
    const view = store.view();
    const live = view.liveDevice(id);
    if (!live) throw new ControlError(404, "No such device");
    if (method === "GET") return json(live.generate().device);
    if (method === "DELETE") {
      store.addMutation({ kind: "device.delete", id }, ctx.now);
      return json({ deleted: id });
    }
    if (method === "PATCH") {
      const patch = await body(ctx, DevicePatchSchema);
      let locationId = patch.locationId;
      const organizationId = patch.organizationId ?? live.filterable.organizationId;
      const org = view.fleet.orgById.get(organizationId);
      if (!org || !view.orgExists(organizationId)) throw new ControlError(400, "No such organization");
      if (patch.organizationId !== undefined && locationId === undefined) locationId = org.locationIds[0];
      if (locationId !== undefined && !org.locationIds.includes(locationId)) {
        throw new ControlError(400, "The location is not in that organization");
      }
      store.addMutation({ kind: "device.patch", id, ...patch, locationId }, ctx.now);
      return json(store.view().liveDevice(id)?.generate().device ?? { id });
    }
  }

  if ((m = /^\/organizations\/(\d+)$/.exec(path))) {
    const id = Number(m[1]);
    const view = store.view();
    if (!view.orgExists(id)) throw new ControlError(404, "No such organization");
    if (method === "PATCH") {
      const { name } = await body(ctx, OrgPatchSchema);
      store.addMutation({ kind: "org.rename", id, name }, ctx.now);
      return json(store.view().organization(id, false));
    }
    if (method === "DELETE") {
      // The simulator's rule: the organization's locations, people and devices go with it.
      store.addMutation({ kind: "org.delete", id }, ctx.now);
      return json({ deleted: id });
    }
  }

  if (path === "/organizations" && method === "GET") {
    const view = store.view();
    return json(view.organizations(0, Number.MAX_SAFE_INTEGER));
  }

  return json({ error: `No control route ${method} ${path}` }, 404);
}
