// Daily and weekly syncs at a time of day in the workspace's time zone (issue 16): the API (new fields,
// old clients, validation naming the field, permissions, one workspace only), the Device Sync form,
// a zone change moving the next run, and the cron starting it when due (not before) across a DST change.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createApiKey } from "@workers/db/api-keys";
import { schema } from "@workers/db/client";
import type { Role } from "@workers/domain/permissions";
import type { SyncMessage } from "@workers/sync/messages";
import { runScheduledSyncs, type ScheduledSyncQueue } from "@workers/sync/scheduler";
import { saveSyncSchedule } from "@workers/sync/sync-schedule";
import { appFetch, db, makeWorkspace, postForm } from "./helpers";
import { api } from "./records-helpers";
import { connectWorkspace } from "./sync-fixtures";

const SCHEDULE = "/integrations/ninjaone/schedule";
const PAGE = "/settings/integrations/ninjaone";

async function connected(timeZone: string, role: Role = "admin") {
  const ws = await makeWorkspace("owner");
  await connectWorkspace(ws.workspaceId);
  await db().update(schema.workspaces).set({ timeZone }).where(eq(schema.workspaces.id, ws.workspaceId));
  const { key } = await createApiKey(db(), ws.workspaceId, { name: `${role} key`, role, createdBy: ws.userId }, Date.now());
  return { ...ws, key };
}

const integrationOf = async (workspaceId: string) => {
  const row = await db().query.integrations.findFirst({ where: eq(schema.integrations.workspaceId, workspaceId) });
  if (!row) throw new Error("no integration");
  return row;
};

function recordingQueue() {
  const sent: SyncMessage[] = [];
  const queue: ScheduledSyncQueue = {
    async sendBatch(messages) {
      for (const m of messages) sent.push(m.body);
    },
  };
  return { queue, sent };
}

describe("PUT/GET /api/v1/integrations/ninjaone/schedule with a time of day", () => {
  it("saves a daily time in the workspace's zone and answers it back with the zone and the next run", async () => {
    const { key } = await connected("America/New_York");
    const res = await api(SCHEDULE, key, { method: "PUT", json: { frequency: "daily", time: "02:30" } });
    expect(res.status).toBe(200);
    const { data } = (await res.json()) as { data: { time: string; weekday: string | null; timeZone: string; nextSyncAt: string } };
    expect(data).toMatchObject({ frequency: "daily", time: "02:30", weekday: null, timeZone: "America/New_York" });
    // 02:30 in New York is 06:30 or 07:30 UTC depending on DST.
    const next = new Date(data.nextSyncAt);
    expect(new Intl.DateTimeFormat("en-GB", { timeZone: "America/New_York", hour: "2-digit", minute: "2-digit" }).format(next)).toBe("02:30");
    expect(next.getTime()).toBeGreaterThan(Date.now());
    expect(next.getTime() - Date.now()).toBeLessThanOrEqual(25 * 3_600_000);
    expect(((await (await api(SCHEDULE, key)).json()) as { data: unknown }).data).toEqual(data);
  });

  it("weekly takes a day; an old client sending only the frequency keeps the stored time and day", async () => {
    const { key, workspaceId } = await connected("Europe/Berlin");
    const weekly = (await (await api(SCHEDULE, key, { method: "PUT", json: { frequency: "weekly", time: "08:15", weekday: "friday" } })).json()) as {
      data: { nextSyncAt: string };
    };
    const next = new Date(weekly.data.nextSyncAt);
    expect(new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Berlin", weekday: "long", hour: "2-digit", minute: "2-digit" }).format(next)).toBe("Friday 08:15");
    await api(SCHEDULE, key, { method: "PUT", json: { frequency: "hourly" } });
    const back = (await (await api(SCHEDULE, key, { method: "PUT", json: { frequency: "weekly" } })).json()) as { data: { time: string; weekday: string } };
    expect(back.data).toMatchObject({ time: "08:15", weekday: "friday" });
    // time: null goes back to Core's spread slot.
    const spread = (await (await api(SCHEDULE, key, { method: "PUT", json: { frequency: "daily", time: null } })).json()) as { data: { time: null } };
    expect(spread.data.time).toBeNull();
    expect((await integrationOf(workspaceId)).syncTime).toBeNull();
  });

  it("answers 422 naming the field for a bad time or day, and changes nothing", async () => {
    const { key, workspaceId } = await connected("UTC");
    await api(SCHEDULE, key, { method: "PUT", json: { frequency: "daily", time: "06:00" } });
    const before = await integrationOf(workspaceId);
    for (const [body, field] of [
      [{ frequency: "daily", time: "25:00" }, "time"],
      [{ frequency: "daily", time: "6pm" }, "time"],
      [{ frequency: "weekly", time: "06:00", weekday: "someday" }, "weekday"],
      [{ frequency: "daily", time: 630 }, "time"],
    ] as const) {
      const res = await api(SCHEDULE, key, { method: "PUT", json: body });
      expect(res.status, JSON.stringify(body)).toBe(422);
      const error = ((await res.json()) as { error: { fields: Record<string, string[]> } }).error;
      expect(Object.keys(error.fields), JSON.stringify(body)).toEqual([field]);
    }
    const after = await integrationOf(workspaceId);
    expect([after.syncFrequency, after.syncTime, after.nextSyncAt]).toEqual([before.syncFrequency, before.syncTime, before.nextSyncAt]);
  });

  it("needs integrations:manage to change, and a key only ever reaches its own workspace", async () => {
    const mine = await connected("UTC");
    const other = await connected("Asia/Tokyo");
    await api(SCHEDULE, other.key, { method: "PUT", json: { frequency: "daily", time: "09:00" } });
    const { key: techKey } = await createApiKey(db(), mine.workspaceId, { name: "tech", role: "technician", createdBy: mine.userId }, Date.now());
    expect((await api(SCHEDULE, techKey, { method: "PUT", json: { frequency: "daily", time: "03:00" } })).status).toBe(403);
    await api(SCHEDULE, mine.key, { method: "PUT", json: { frequency: "daily", time: "03:00" } });
    expect((await integrationOf(other.workspaceId)).syncTime).toBe("09:00");
    expect((await integrationOf(mine.workspaceId)).syncTime).toBe("03:00");
  });

  it("is documented in the OpenAPI document", async () => {
    const doc = JSON.stringify(await (await appFetch("/api/v1/openapi.json")).json());
    for (const word of ['"time"', '"weekday"', '"timeZone"', "daylight saving time"]) expect(doc).toContain(word);
  });
});

describe("the Device Sync form and the workspace's time zone", () => {
  it("the form saves Weekly with its day and time; a bad time is refused beside the field", async () => {
    const { workspaceId, cookie } = await connected("Europe/London");
    const bad = await postForm(PAGE, { intent: "schedule", frequency: "daily", time: "25:00" }, cookie);
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("Enter a time of day as HH:MM (24-hour), e.g. 02:30.");
    expect((await integrationOf(workspaceId)).syncFrequency).toBe("manual");
    const ok = await postForm(PAGE, { intent: "schedule", frequency: "weekly", time: "18:45", weekday: "sunday" }, cookie);
    expect(ok.status).toBe(200);
    const row = await integrationOf(workspaceId);
    expect(row).toMatchObject({ syncFrequency: "weekly", syncTime: "18:45", syncWeekday: 7 });
    expect(new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", weekday: "long", hour: "2-digit", minute: "2-digit" }).format(new Date(row.nextSyncAt ?? 0))).toBe(
      "Sunday 18:45",
    );
    const html = (await (await appFetch(PAGE, { cookie })).text()).replaceAll("<!-- -->", "");
    expect(html).toContain('value="18:45"');
    expect(html).toContain("Time (Europe/London)");
  });

  it("changing the workspace's zone moves a daily time to that time in the new zone", async () => {
    const { workspaceId, cookie, key } = await connected("UTC");
    await api(SCHEDULE, key, { method: "PUT", json: { frequency: "daily", time: "02:30" } });
    const res = await postForm("/settings/workspace", { intent: "workspaceTimeZone", workspaceTimeZone: "Asia/Tokyo" }, cookie);
    expect(res.status).toBeLessThan(400);
    const next = new Date((await integrationOf(workspaceId)).nextSyncAt ?? 0);
    expect(new Intl.DateTimeFormat("en-GB", { timeZone: "Asia/Tokyo", hour: "2-digit", minute: "2-digit" }).format(next)).toBe("02:30");
    // And over the API.
    await api("/workspace/settings", key, { method: "PUT", json: { timeZone: "America/Chicago" } });
    const again = new Date((await integrationOf(workspaceId)).nextSyncAt ?? 0);
    expect(new Intl.DateTimeFormat("en-GB", { timeZone: "America/Chicago", hour: "2-digit", minute: "2-digit" }).format(again)).toBe("02:30");
  });
});

describe("the cron runs a timed schedule when due, across a DST change", () => {
  it("New York, daily 09:00 over the spring-forward weekend: not before 09:00 local, at it, then 09:00 EDT the next day", async () => {
    const { workspaceId } = await connected("America/New_York");
    const friday = Date.parse("2026-03-06T20:00:00Z"); // Friday 15:00 EST
    await saveSyncSchedule(db(), workspaceId, { frequency: "daily", time: "09:00" }, friday);
    expect((await integrationOf(workspaceId)).nextSyncAt).toBe(Date.parse("2026-03-07T14:00:00Z")); // Saturday 09:00 EST

    const cron = async (iso: string) => {
      const { queue, sent } = recordingQueue();
      await runScheduledSyncs({ db: db(), queue, now: Date.parse(iso) });
      return sent.filter((m) => m.workspaceId === workspaceId).length;
    };
    expect(await cron("2026-03-07T13:55:00Z")).toBe(0); // 08:55 EST: not due
    expect(await cron("2026-03-07T14:00:00Z")).toBe(1); // 09:00 EST: due
    expect((await integrationOf(workspaceId)).nextSyncAt).toBe(Date.parse("2026-03-08T13:00:00Z")); // Sunday 09:00 EDT (UTC−4)
    await db().update(schema.syncRuns).set({ status: "succeeded", phase: "done" }).where(eq(schema.syncRuns.workspaceId, workspaceId));
    expect(await cron("2026-03-08T12:55:00Z")).toBe(0); // 08:55 EDT: not due
    expect(await cron("2026-03-08T13:00:00Z")).toBe(1); // 09:00 EDT: due, an hour earlier in UTC than Saturday's
  });

  it("Berlin, weekly on Sunday at 02:30 on the spring-forward night runs at 03:30 CEST, once", async () => {
    const { workspaceId } = await connected("Europe/Berlin");
    await saveSyncSchedule(db(), workspaceId, { frequency: "weekly", time: "02:30", weekday: "sunday" }, Date.parse("2026-03-27T12:00:00Z"));
    const next = (await integrationOf(workspaceId)).nextSyncAt;
    expect(next).toBe(Date.parse("2026-03-29T01:30:00Z")); // 03:30 CEST: 02:30 does not exist that night
    const { queue, sent } = recordingQueue();
    await runScheduledSyncs({ db: db(), queue, now: Date.parse("2026-03-29T01:25:00Z") });
    expect(sent.filter((m) => m.workspaceId === workspaceId)).toHaveLength(0);
    await runScheduledSyncs({ db: db(), queue, now: Date.parse("2026-03-29T01:30:00Z") });
    expect(sent.filter((m) => m.workspaceId === workspaceId)).toHaveLength(1);
    expect((await integrationOf(workspaceId)).nextSyncAt).toBe(Date.parse("2026-04-05T00:30:00Z")); // next Sunday 02:30 CEST
  });
});
