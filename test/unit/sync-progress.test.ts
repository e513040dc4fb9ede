import { describe, expect, it } from "vitest";
import { syncProgress, type SyncProgressRun } from "@workers/domain/sync-progress";
import { ninjaTabFor } from "~/lib/ninjaone-tabs";

const T = Date.UTC(2026, 11, 7, 9, 0, 0);
const run = (patch: Partial<SyncProgressRun>): SyncProgressRun => ({
  status: "running",
  phase: "organizations",
  pagesDone: 0,
  devicesFound: 0,
  devicesExpected: null,
  warrantyChecked: 0,
  warrantyTotal: null,
  finishedAt: null,
  updatedAt: T,
  ...patch,
});

describe("syncProgress: where a run is, in words", () => {
  it.each([
    ["a queued run (its first step not picked up yet)", run({ status: "queued" }), "organizations", "Reading organizations…"],
    ["the organizations step", run({}), "organizations", "Reading organizations…"],
    ["the contacts step", run({ phase: "contacts" }), "contacts", "Reading contacts…"],
    ["the first devices page, no estimate", run({ phase: "devices" }), "devices", "Devices: page 1"],
    ["page 3 of about 20", run({ phase: "devices", pagesDone: 2, devicesFound: 2000, devicesExpected: 20_000 }), "devices", "Devices: page 3 of about 20"],
    ["more pages than the estimate", run({ phase: "devices", pagesDone: 20, devicesFound: 20_000, devicesExpected: 19_500 }), "devices", "Devices: page 21"],
    ["finalize", run({ phase: "finalize" }), "finishing", "Finishing…"],
    ["the deletions check", run({ phase: "deletions" }), "finishing", "Finishing…"],
    ["the warranty pass", run({ status: "succeeded", phase: "warranty", warrantyChecked: 120, warrantyTotal: 500, finishedAt: T }), "warranty", "Checking warranties: 120 of 500"],
    ["the warranty pass before its first batch", run({ status: "succeeded", phase: "warranty", finishedAt: T }), "warranty", "Checking warranties: 0 checked"],
    ["a finished run", run({ status: "succeeded", phase: "done", finishedAt: T }), "done", "Finished"],
    ["a failed run", run({ status: "failed", phase: "devices", finishedAt: T }), "failed", "Failed"],
  ])("%s", (_, input, stage, label) => {
    const p = syncProgress(input, 1000);
    expect(p.stage).toBe(stage);
    expect(p.label).toBe(label);
  });

  it("counts with thousands separators", () => {
    expect(syncProgress(run({ status: "succeeded", phase: "warranty", warrantyChecked: 1200, warrantyTotal: 5000 }), 1000).label).toBe("Checking warranties: 1,200 of 5,000");
  });

  it("sizes the bar by devices, then by warranties; other steps are indeterminate", () => {
    expect(syncProgress(run({ phase: "devices", devicesFound: 500, devicesExpected: 2000 }), 1000).percent).toBe(25);
    expect(syncProgress(run({ phase: "devices", devicesFound: 5000, devicesExpected: 2000 }), 1000).percent).toBe(99);
    expect(syncProgress(run({ status: "succeeded", phase: "warranty", warrantyChecked: 250, warrantyTotal: 500 }), 1000).percent).toBe(50);
    expect(syncProgress(run({ phase: "contacts" }), 1000).percent).toBeNull();
  });

  it("says plainly when all the work is over: not while warranties are checked, yes once the pass ends or the run failed", () => {
    const warranty = syncProgress(run({ status: "succeeded", phase: "warranty", warrantyChecked: 10, warrantyTotal: 20, finishedAt: T }), 1000);
    expect(warranty).toMatchObject({ active: true, devicesFinished: true, allWorkFinished: false, allWorkFinishedAt: null, warranty: { total: 20, done: 10, finishedAt: null } });
    const done = syncProgress(run({ status: "succeeded", phase: "done", warrantyChecked: 20, warrantyTotal: 20, finishedAt: T, updatedAt: T + 60_000 }), 1000);
    expect(done).toMatchObject({ active: false, allWorkFinished: true, allWorkFinishedAt: T + 60_000, warranty: { total: 20, done: 20, finishedAt: T + 60_000 } });
    const failed = syncProgress(run({ status: "failed", finishedAt: T }), 1000);
    expect(failed).toMatchObject({ active: false, allWorkFinished: true, allWorkFinishedAt: T, warranty: { finishedAt: null } });
    expect(syncProgress(run({ status: "queued" }), 1000)).toMatchObject({ active: true, devicesFinished: false, allWorkFinished: false });
  });
});

describe("ninjaTabFor: which NinjaOne tab a URL belongs to", () => {
  it.each([
    ["/settings/integrations/ninjaone", "overview"],
    ["/settings/integrations/ninjaone/", "overview"],
    ["/settings/integrations/ninjaone/map", "overview"],
    ["/settings/integrations/ninjaone/configure", "overview"],
    ["/settings/integrations/ninjaone/mappings", "mappings"],
    ["/settings/integrations/ninjaone/mappings/create-customers", "mappings"],
    ["/settings/integrations/ninjaone/contacts", "contacts"],
    ["/settings/integrations/ninjaone/roles", "roles"],
    ["/settings/integrations/ninjaone/replacement-policies", "replacement-policies"],
    ["/settings/integrations/ninjaone/history", "history"],
    ["/settings/integrations/ninjaone/runs/abc", "history"],
    ["/settings/integrations/ninjaonex", null],
    ["/settings/integrations", null],
  ])("%s → %s", (path, tab) => {
    expect(ninjaTabFor(path)).toBe(tab);
  });
});
