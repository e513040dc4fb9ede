// Issue 14: several pages per devices message with a checkpoint after each (a retried message
// resumes, never redoes nor skips a page), and the light unchanged path (0 rows written, yet a
// device whose record is unchanged still follows a new role override or organization mapping).
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { schema } from "@workers/db/client";
import { NinjaError } from "@workers/ninjaone/errors";
import { readCheckpoint } from "@workers/sync/consumer";
import { db, makeWorkspace } from "./helpers";
import { addCustomer, assetsOf, connectWorkspace, device, eventsOf, FakeNinja, finishedRun, syncHarness } from "./sync-fixtures";

const fleet = (n: number) => Array.from({ length: n }, (_, i) => device(i + 1));

/** A NinjaOne whose device listing fails once, transiently, on its `failOnCall`-th request. */
class FlakyListing extends FakeNinja {
  afters: number[] = [];
  private call = 0;
  constructor(
    devices: ReturnType<typeof device>[],
    private failOnCall: number,
  ) {
    super(devices);
  }
  override async devicesDetailedPage(opts: { after: number; pageSize: number }) {
    this.call += 1;
    this.afters.push(opts.after);
    if (this.call === this.failOnCall) throw new NinjaError("retryable", "simulated 503 on a device page", { status: 503 });
    return super.devicesDetailedPage(opts);
  }
}

/** A NinjaOne whose pages note when they are requested and when their records are first read. */
class ObservedListing extends FakeNinja {
  order: string[] = [];
  override async devicesDetailedPage(opts: { after: number; pageSize: number }) {
    // The real client reads its token before the request leaves: a few promise turns.
    for (let i = 0; i < 3; i++) await Promise.resolve();
    this.order.push(`request after ${opts.after}`);
    const page = await super.devicesDetailedPage(opts);
    const order = this.order;
    let read = false;
    const note = () => {
      if (!read) order.push(`read after ${opts.after}`);
      read = true;
    };
    return {
      nextAfter: page.nextAfter,
      done: page.done,
      get devices() {
        note();
        return page.devices;
      },
      get invalid() {
        note();
        return page.invalid;
      },
    };
  }
}

describe("several pages per devices message", () => {
  it("requests the next page before it reads (validates) the records of the one it has", async () => {
    const { workspaceId } = await makeWorkspace("owner");
    await connectWorkspace(workspaceId);
    const ninja = new ObservedListing(fleet(7));
    await syncHarness(ninja, { pageSize: 3, pagesPerMessage: 10 }).sync(workspaceId);
    expect(ninja.order).toEqual([
      "request after 0",
      "request after 3",
      "read after 0",
      "request after 6",
      "read after 3",
      "request after 7",
      "read after 6",
      "read after 7",
    ]);
    expect(await assetsOf(workspaceId)).toHaveLength(7);
  });

  it("commits each page, and a retried message resumes after the last committed page", async () => {
    const { workspaceId } = await makeWorkspace("owner");
    await connectWorkspace(workspaceId);
    const ninja = new FlakyListing(fleet(10), 3); // pages after 0, 3 succeed; the one after 6 fails
    const h = syncHarness(ninja, { pageSize: 3, pagesPerMessage: 10 });
    const run = await h.start(workspaceId);
    await h.drain(2); // organizations, contacts
    const message = h.queue.shift()?.body;
    expect(message).toMatchObject({ step: "devices", after: 0 });

    const first = await h.deliver(message, 1);
    expect(first.retryMessages).toHaveLength(1);
    const midway = await finishedRun(workspaceId, run.id);
    // Two pages done in the one message, checkpointed after the second.
    expect(readCheckpoint(midway)).toEqual({ after: 6, page: 2 });
    expect(midway).toMatchObject({ status: "running", phase: "devices", pagesDone: 2, devicesFound: 6, assetsCreated: 6 });
    expect(await assetsOf(workspaceId)).toHaveLength(6);

    // Queues redelivers the same message: it hands on from the checkpoint, not from its own `after`.
    await h.deliver(message, 2);
    expect(h.queue.map((m) => m.body)).toEqual([expect.objectContaining({ step: "devices", after: 6 })]);
    await h.drain();
    const done = await finishedRun(workspaceId, run.id);
    expect(done).toMatchObject({ status: "succeeded", devicesFound: 10, assetsCreated: 10, pagesDone: 4 });
    // Nothing was written twice: exactly the rows of a clean run of the same fleet (assets, events
    // and what their triggers write, e.g. the search index), in another workspace.
    const clean = await makeWorkspace("owner");
    await connectWorkspace(clean.workspaceId);
    const cleanDone = await syncHarness(new FakeNinja(fleet(10)), { pageSize: 3, pagesPerMessage: 10 }).sync(clean.workspaceId);
    expect(cleanDone).toMatchObject({ status: "succeeded", assetsCreated: 10 });
    expect(done.rowsWritten).toBeGreaterThanOrEqual(20);
    expect(done.rowsWritten).toBe(cleanDone.rowsWritten);
    expect(await assetsOf(workspaceId)).toHaveLength(10);
    expect((await eventsOf(workspaceId)).filter((e) => e.kind === "created")).toHaveLength(10);
    // Pages 1 and 2 were fetched once; the failed page again; paging ended on the empty page.
    expect(ninja.afters).toEqual([0, 3, 6, 6, 9, 10]);
  });

  it("hands on to a new message after pagesPerMessage pages", async () => {
    const { workspaceId } = await makeWorkspace("owner");
    await connectWorkspace(workspaceId);
    const h = syncHarness(new FakeNinja(fleet(7)), { pageSize: 3, pagesPerMessage: 2 });
    const run = await h.start(workspaceId);
    // Pages [1-3] [4-6] in the first devices message, [7] and the empty page in the second.
    const steps = await h.drain();
    expect(steps.filter((s) => s !== "warranty")).toEqual(["organizations", "contacts", "devices", "devices", "finalize"]);
    expect(await finishedRun(workspaceId, run.id)).toMatchObject({ status: "succeeded", devicesFound: 7, assetsCreated: 7, pagesDone: 3 });
  });
});

describe("the light unchanged path", () => {
  it("writes 0 rows over an unchanged fleet across multi-page messages and stores each record's raw hash", async () => {
    const { workspaceId } = await makeWorkspace("owner");
    await connectWorkspace(workspaceId);
    const h = syncHarness(new FakeNinja(fleet(9)), { pageSize: 2, pagesPerMessage: 3 });
    await h.sync(workspaceId);
    const before = await assetsOf(workspaceId);
    expect(before.every((a) => typeof a.ninjaRawHash === "string" && a.ninjaRawHash.length === 16)).toBe(true);
    const second = await h.sync(workspaceId);
    expect(second).toMatchObject({ status: "succeeded", devicesFound: 9, assetsUnchanged: 9, assetsUpdated: 0, rowsWritten: 0 });
    expect(await assetsOf(workspaceId)).toEqual(before);
  });

  it("still follows a new role override and a new organization mapping when the device record is unchanged", async () => {
    const { workspaceId } = await makeWorkspace("owner");
    await connectWorkspace(workspaceId);
    const ninja = new FakeNinja([device(1), device(2, { org: 2 })]);
    ninja.orgs.push({ id: 2, name: "Zenith Logistics" });
    const h = syncHarness(ninja);
    await h.sync(workspaceId);
    expect((await assetsOf(workspaceId)).map((a) => [a.category, a.customerId])).toEqual([
      ["Workstation", null],
      ["Workstation", null],
    ]);

    // Nothing changes in NinjaOne; in Core, the role gets a category and organization 2 a customer.
    const r = schema.ninjaRoles;
    await db().update(r).set({ categoryOverride: "Virtual Machine" }).where(and(eq(r.workspaceId, workspaceId), eq(r.ninjaRoleId, 100)));
    const zenith = await addCustomer(workspaceId, "Zenith");
    const o = schema.ninjaOrganizations;
    await db().update(o).set({ customerId: zenith, mappingSource: "confirmed" }).where(and(eq(o.workspaceId, workspaceId), eq(o.ninjaOrgId, 2)));

    const second = await h.sync(workspaceId);
    expect(second).toMatchObject({ status: "succeeded", assetsUpdated: 2, assetsUnchanged: 0 });
    expect((await assetsOf(workspaceId)).map((a) => [a.category, a.customerId])).toEqual([
      ["Virtual Machine", null],
      ["Virtual Machine", zenith],
    ]);
  });
});

describe("the steps before the devices in one message (the Worker's chaining)", () => {
  it("runs organizations, contacts and the first devices pages in the organizations message, with the same result and requests as one step a message", async () => {
    const chained = await makeWorkspace("owner");
    await connectWorkspace(chained.workspaceId);
    const ninja = new FakeNinja(fleet(7));
    const h = syncHarness(ninja, { pageSize: 3, pagesPerMessage: 2, chainSteps: true });
    const run = await h.start(chained.workspaceId);
    await h.deliver(h.queue.shift()?.body); // organizations, then contacts and two device pages
    // Two pages done (checkpoint after the second); the third page and the empty one are the next message's.
    expect(h.queue.map((m) => m.body)).toEqual([expect.objectContaining({ step: "devices", after: 6 })]);
    const midway = await finishedRun(chained.workspaceId, run.id);
    expect(midway).toMatchObject({ status: "running", phase: "devices", orgsMatched: 0, pagesDone: 2, devicesFound: 6 });
    expect(ninja.calls.devicesPages).toBe(2);
    await h.drain();
    const done = await finishedRun(chained.workspaceId, run.id);

    const stepwise = await makeWorkspace("owner");
    await connectWorkspace(stepwise.workspaceId);
    const other = new FakeNinja(fleet(7));
    const plain = await syncHarness(other, { pageSize: 3, pagesPerMessage: 2 }).sync(stepwise.workspaceId);
    const counters = (r: typeof done) => ({
      status: r.status,
      orgsMatched: r.orgsMatched,
      orgsUnmatched: r.orgsUnmatched,
      contactsFound: r.contactsFound,
      devicesFound: r.devicesFound,
      assetsCreated: r.assetsCreated,
      pagesDone: r.pagesDone,
    });
    expect(counters(done)).toEqual(counters(plain));
    expect(done).toMatchObject({ status: "succeeded", devicesFound: 7, assetsCreated: 7 });
    // Chaining starts each request earlier, never adds one.
    expect(ninja.calls).toEqual(other.calls);
  });

  it("finalizes the run in the message that reads the empty page (no finalize message between)", async () => {
    const { workspaceId } = await makeWorkspace("owner");
    await connectWorkspace(workspaceId);
    const ninja = new FakeNinja(fleet(7));
    const h = syncHarness(ninja, { pageSize: 3, pagesPerMessage: 2, chainSteps: true });
    const run = await h.start(workspaceId);
    await h.deliver(h.queue.shift()?.body); // organizations, contacts, pages 1-2
    await h.deliver(h.queue.shift()?.body); // page 3 and the empty page, then finalize
    expect(await finishedRun(workspaceId, run.id)).toMatchObject({ status: "succeeded", phase: "warranty", devicesFound: 7, assetsCreated: 7 });
    // Only the warranty pass is left to send; one step a message would have sent "finalize".
    expect(h.queue.map((m) => m.body.step)).toEqual(["warranty"]);
    const stepwise = await makeWorkspace("owner");
    await connectWorkspace(stepwise.workspaceId);
    const s = syncHarness(new FakeNinja(fleet(7)), { pageSize: 3, pagesPerMessage: 2 });
    await s.start(stepwise.workspaceId);
    expect(await s.drain()).toContain("finalize");
  });

  it("a fault in a later step retries the message, which resumes at the step the run waits for", async () => {
    const { workspaceId } = await makeWorkspace("owner");
    await connectWorkspace(workspaceId);
    const ninja = new FakeNinja(fleet(4));
    ninja.fail("rate_limited", { on: "people", times: 1, retryAfterMs: 5_000 });
    const h = syncHarness(ninja, { pageSize: 3, pagesPerMessage: 10, chainSteps: true });
    const run = await h.start(workspaceId);
    const message = h.queue.shift()?.body;
    const first = await h.deliver(message);
    expect(first.retryMessages).toHaveLength(1);
    // The organizations were committed before the people lists failed: the run waits for contacts.
    expect(await finishedRun(workspaceId, run.id)).toMatchObject({ status: "running", phase: "contacts" });
    await h.deliver(message, 2); // the retry hands on to the step the run waits for
    expect(h.queue.map((m) => m.body)).toEqual([expect.objectContaining({ step: "contacts" })]);
    await h.drain();
    expect(await finishedRun(workspaceId, run.id)).toMatchObject({ status: "succeeded", devicesFound: 4, assetsCreated: 4 });
    expect(await assetsOf(workspaceId)).toHaveLength(4);
  });
});
