// The sync queue consumer: parse the message, check it is the step the run is waiting for, run
// that step, enqueue the next, ack. Errors are classified once, here: NinjaOne's transient errors
// retry the message with a delay (Retry-After when NinjaOne gave one); anything that needs a human
// fails the run with the reason. A message that exhausts its retries lands in the dead-letter
// queue, whose consumer fails the run with the last error seen.
import { and, eq, gt, inArray } from "drizzle-orm";
import { z } from "zod";
import { schema } from "../db/client";
import { NinjaError } from "../ninjaone/errors";
import { NotConnectedError, UnreadableCredentialsError } from "./connection";
import { assignOwnersFromNinja, fetchPeopleLists, syncContacts, type PeopleLists } from "./contacts";
import { commitDevicePage, fetchDevicePage, loadDeviceContext, planFetchedPage, writeDevicePage } from "./devices";
import type { DevicePage } from "../ninjaone/client";
import { checkVanishedBatch, completeRun, DELETION_PAUSE_SECONDS, finalizeRun } from "./finalize";
import { runPostSyncHooks } from "./hooks";
import "./mapping-review"; // registers the mapping review notifications as a post-sync hook
import { syncMessageSchema, type SyncMessage } from "./messages";
import { syncOrganizations } from "./organizations";
import type { SyncDeps, SyncNinjaClient } from "./ports";
import { ACTIVE_STATUSES, failRun, getRun, SyncUnavailableError, type SyncRun } from "./runs";
import { checkWarrantyBatch } from "./warranty";

const checkpointSchema = z.object({ after: z.number().int().min(0), page: z.number().int().min(0) });

export function readCheckpoint(run: Pick<SyncRun, "checkpoint">) {
  if (!run.checkpoint) return { after: 0, page: 0 };
  return checkpointSchema.parse(JSON.parse(run.checkpoint));
}

/** The one message a run is waiting for in its current state (null: it waits for nothing). */
export function expectedMessage(run: SyncRun): SyncMessage | null {
  const base = { kind: "sync" as const, runId: run.id, workspaceId: run.workspaceId };
  if (run.status === "queued") return { ...base, step: "organizations" };
  if (run.status === "running") {
    if (run.phase === "organizations") return { ...base, step: "organizations" };
    if (run.phase === "contacts") return { ...base, step: "contacts" };
    if (run.phase === "devices") return { ...base, step: "devices", after: readCheckpoint(run).after };
    if (run.phase === "finalize") return { ...base, step: "finalize" };
    if (run.phase === "deletions") return { ...base, step: "deletions", after: readCheckpoint(run).after };
  }
  if (run.status === "succeeded" && run.phase === "warranty") return { ...base, step: "warranty", after: run.warrantyChecked };
  return null;
}

const sameMessage = (a: SyncMessage, b: SyncMessage) => a.step === b.step && (a.after ?? null) === (b.after ?? null);

export type ErrorVerdict = { action: "retry"; delaySeconds: number; reason: string } | { action: "fail"; reason: string };

const MAX_DELAY_SECONDS = 12 * 60 * 60; // Queues' ceiling for a retry delay

/** Exponential backoff when NinjaOne did not say how long to wait: 10 s, 20 s, 40 s, ... up to 5 min. */
export function backoffSeconds(attempts: number) {
  return Math.min(300, 10 * 2 ** Math.max(0, attempts - 1));
}

export function classifySyncError(error: unknown, attempts: number): ErrorVerdict {
  if (error instanceof SyncUnavailableError) return { action: "fail", reason: error.message };
  if (error instanceof NotConnectedError) return { action: "fail", reason: "NinjaOne not connected" };
  if (error instanceof UnreadableCredentialsError) return { action: "fail", reason: error.message };
  if (error instanceof NinjaError) {
    if (error.transient) {
      const delay = error.retryAfterMs !== undefined ? Math.ceil(error.retryAfterMs / 1000) : backoffSeconds(attempts);
      return { action: "retry", delaySeconds: Math.min(MAX_DELAY_SECONDS, Math.max(1, delay)), reason: `NinjaOne: ${error.message}` };
    }
    switch (error.kind) {
      case "reconnect_required":
        return { action: "fail", reason: "NinjaOne needs to be reconnected: it refused to renew Core's access. Reconnect in Settings > Integrations > NinjaOne." };
      case "unauthorized":
      case "invalid_client":
      case "invalid_grant":
      case "access_denied":
        return { action: "fail", reason: `NinjaOne refused Core's access (${error.message}). Check the API client and reconnect.` };
      case "paging":
        return { action: "fail", reason: `NinjaOne's device list stopped advancing, so the run stopped rather than miss devices (${error.message}).` };
      default:
        return { action: "fail", reason: `NinjaOne answered with an error: ${error.message}` };
    }
  }
  // Ours (D1 hiccup, a bug): retry with backoff; after the last retry the dead-letter consumer fails the run.
  const message = error instanceof Error ? error.message : String(error);
  return { action: "retry", delaySeconds: backoffSeconds(attempts), reason: message };
}

/**
 * A request started now and awaited later. Its rejection is held (not reported as unhandled) until
 * settled() is called; a prefetch that is never awaited (the message ended first) is dropped.
 */
export function prefetch<T>(promise: Promise<T>): { settled(): Promise<T> } {
  const held = promise.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
  return {
    async settled() {
      const result = await held;
      if (!result.ok) throw result.error;
      return result.value;
    },
  };
}

/** A macrotask turn: requests started just before have been handed to the runtime when it ends. */
const yieldToRequests = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export type ConsumableMessage = Pick<Message<unknown>, "body" | "attempts" | "ack" | "retry">;

export function createSyncConsumer(deps: SyncDeps) {
  const { db } = deps;
  // Warranty messages go to their own queue: a workspace's warranty pass never waits in line with,
  // nor holds up, any sync's steps.
  const send = (message: SyncMessage, delaySeconds?: number) =>
    (message.step === "warranty" ? deps.warrantyQueue : deps.queue).send(message, delaySeconds ? { delaySeconds } : undefined);

  /**
   * The steps before the devices run back to back in one message, each committed (its phase moved)
   * before the next starts, so a retried message resumes at the step the run waits for. Each step's
   * NinjaOne lists are requested in the same order as ever (organizations, then people, then device
   * pages), but the next step's request starts as soon as this step's lists are in: it travels
   * while this step writes.
   */
  async function organizationsStep(run: SyncRun) {
    const now = deps.now();
    await db
      .update(schema.syncRuns)
      .set({ status: "running", startedAt: run.startedAt ?? now, updatedAt: now })
      .where(and(eq(schema.syncRuns.id, run.id), inArray(schema.syncRuns.status, [...ACTIVE_STATUSES])));
    const client = await deps.clientFor(run.workspaceId);
    let people: { settled(): Promise<PeopleLists> } | undefined;
    const result = await syncOrganizations(db, client, run.workspaceId, now, () => {
      if (deps.chainSteps) people = prefetch(fetchPeopleLists(client));
    });
    const moved = await db
      .update(schema.syncRuns)
      .set({
        phase: "contacts",
        orgsMatched: result.matched,
        orgsUnmatched: result.unmatched,
        lastError: null,
        updatedAt: deps.now(),
        heartbeatAt: deps.now(),
      })
      .where(and(eq(schema.syncRuns.id, run.id), eq(schema.syncRuns.status, "running"), eq(schema.syncRuns.phase, "organizations")))
      .returning({ id: schema.syncRuns.id });
    if (!moved.length) return;
    if (!deps.chainSteps) return void (await send({ kind: "sync", runId: run.id, workspaceId: run.workspaceId, step: "contacts" }));
    const next = await getRun(db, run.workspaceId, run.id); // cancelled meanwhile: nothing more to do
    if (next && expectedMessage(next)?.step === "contacts") await contactsStep(next, people, client);
  }

  /** NinjaOne's people → Core contacts (after organizations: mappings are fresh; before devices: owners resolve). */
  async function contactsStep(run: SyncRun, people?: { settled(): Promise<PeopleLists> }, chained?: SyncNinjaClient) {
    // A chained step goes on with the client (and its recently read token) of the step before.
    const client = chained ?? (await deps.clientFor(run.workspaceId));
    let firstPage: { settled(): Promise<DevicePage> } | undefined;
    const counters = await syncContacts(db, client, run, deps.now(), {
      lists: people?.settled(),
      afterFetch: () => {
        if (deps.chainSteps) firstPage = prefetch(fetchDevicePage(client, 0, deps.pageSize));
      },
    });
    const moved = await db
      .update(schema.syncRuns)
      .set({
        phase: "devices",
        checkpoint: JSON.stringify({ after: 0, page: 0 }),
        contactsFound: counters.found,
        contactsCreated: counters.created,
        contactsLinked: counters.linked,
        contactsUpdated: counters.updated,
        contactsSkipped: counters.skipped,
        lastError: null,
        updatedAt: deps.now(),
        heartbeatAt: deps.now(),
      })
      .where(and(eq(schema.syncRuns.id, run.id), eq(schema.syncRuns.status, "running"), eq(schema.syncRuns.phase, "contacts")))
      .returning({ id: schema.syncRuns.id });
    if (!moved.length) return;
    if (!deps.chainSteps) return void (await send({ kind: "sync", runId: run.id, workspaceId: run.workspaceId, step: "devices", after: 0 }));
    const next = await getRun(db, run.workspaceId, run.id); // cancelled meanwhile: nothing more to do
    if (next && expectedMessage(next)?.step === "devices" && readCheckpoint(next).after === 0) await devicesStep(next, firstPage, client);
  }

  /**
   * Up to deps.pagesPerMessage pages in one message, each committed (checkpoint included) before
   * the next is planned; page N+1 is fetched while page N is planned and written. A retried message
   * resumes at the checkpoint (runStep re-sends what the run waits for), so committed pages are
   * neither redone nor skipped. Paging ends only on an empty page (the client's `done`).
   */
  async function devicesStep(run: SyncRun, firstPage?: { settled(): Promise<DevicePage> }, chained?: SyncNinjaClient) {
    const checkpoint = readCheckpoint(run);
    const client = chained ?? (await deps.clientFor(run.workspaceId));
    const ctx = await loadDeviceContext(db, run.workspaceId);
    const base = { kind: "sync" as const, runId: run.id, workspaceId: run.workspaceId };
    let after = checkpoint.after;
    let pageNo = checkpoint.page;
    // firstPage: the page after `after`, started by the contacts step (checkpoint 0) while it wrote.
    let next = firstPage ?? prefetch(fetchDevicePage(client, after, deps.pageSize));
    for (let i = 0; ; i++) {
      const page = await next.settled();
      const last = i + 1 >= deps.pagesPerMessage;
      // Overlap: the next page travels while this one is validated, planned and written. Its
      // request needs only this page's cursor; the yield lets it leave before the validation.
      if (!page.done && !last) {
        next = prefetch(fetchDevicePage(client, page.nextAfter, deps.pageSize));
        await yieldToRequests();
      }
      const plan = await planFetchedPage(db, run, after, page, ctx, deps.now());
      const rowsWritten = await writeDevicePage(db, plan);
      const committed = await commitDevicePage(db, plan, rowsWritten, deps.now(), pageNo);
      if (!committed) return; // the run was cancelled or failed meanwhile: nothing more to do
      if (plan.done) {
        if (!deps.chainSteps) return void (await send({ ...base, step: "finalize" }));
        // Finalize in the same message: no queue hop between the last page and the run's end.
        const done = await getRun(db, run.workspaceId, run.id);
        if (done && expectedMessage(done)?.step === "finalize") await finalizeStep(done);
        return;
      }
      after = plan.nextAfter;
      pageNo += 1;
      if (last) return void (await send({ ...base, step: "devices", after }));
    }
  }

  async function finalizeStep(run: SyncRun) {
    // Owners first: finalize may complete the run, and a completed run takes no more writes.
    await assignOwnersFromNinja(db, run, deps.now());
    const next = await finalizeRun(db, run, deps.now());
    if (next === "deletions") return send({ kind: "sync", runId: run.id, workspaceId: run.workspaceId, step: "deletions", after: 0 });
    await afterCompletion(run);
  }

  /** Confirm unlisted devices a batch at a time (paced like the warranty phase), then complete the run. */
  async function deletionsStep(run: SyncRun) {
    const checkpoint = readCheckpoint(run);
    const client = await deps.clientFor(run.workspaceId);
    const result = await checkVanishedBatch(db, client, run, checkpoint.after, deps.now());
    if (result.more) {
      return send({ kind: "sync", runId: run.id, workspaceId: run.workspaceId, step: "deletions", after: result.nextAfter }, DELETION_PAUSE_SECONDS);
    }
    await completeRun(db, run, deps.now());
    await afterCompletion(run);
  }

  async function afterCompletion(run: SyncRun) {
    const finished = await getRun(db, run.workspaceId, run.id);
    if (finished?.status !== "succeeded") return;
    await runPostSyncHooks({ db, now: deps.now }, finished);
    await send({ kind: "sync", runId: run.id, workspaceId: run.workspaceId, step: "warranty", after: 0 });
  }

  const endWarranty = (run: SyncRun) =>
    db.update(schema.syncRuns).set({ phase: "done", updatedAt: deps.now() }).where(and(eq(schema.syncRuns.id, run.id), eq(schema.syncRuns.phase, "warranty")));

  async function warrantyStep(run: SyncRun) {
    try {
      // A newer run takes over the warranty work.
      const newer = await db.query.syncRuns.findFirst({
        where: and(eq(schema.syncRuns.workspaceId, run.workspaceId), gt(schema.syncRuns.createdAt, run.createdAt)),
        columns: { id: true },
      });
      if (newer) return void (await endWarranty(run));
      const client = await deps.clientFor(run.workspaceId);
      const result = await checkWarrantyBatch(db, client, run, deps.now());
      if (!result.more) return void (await endWarranty(run));
      await send(
        { kind: "sync", runId: run.id, workspaceId: run.workspaceId, step: "warranty", after: run.warrantyChecked + result.checked },
        deps.warrantyPauseSeconds,
      );
    } catch (error) {
      // Warranty dates are a nicety: never fail or retry a finished sync for them.
      console.error(`sync ${run.id}: warranty phase stopped`, error);
      await endWarranty(run);
    }
  }

  async function runStep(message: SyncMessage, attempts: number) {
    const run = await getRun(db, message.workspaceId, message.runId);
    if (!run) return;
    const expected = expectedMessage(run);
    if (!expected || !sameMessage(expected, message)) {
      // The step was done. A retried delivery may have died between committing it and sending
      // the next message, so send what the run waits for; a plain duplicate is dropped.
      if (expected && attempts > 1) await send(expected);
      return;
    }
    // Heartbeat: the step the run waits for has started (workers/sync/watchdog.ts).
    await db.update(schema.syncRuns).set({ heartbeatAt: deps.now() }).where(eq(schema.syncRuns.id, run.id));
    switch (message.step) {
      case "organizations":
        return organizationsStep(run);
      case "contacts":
        return contactsStep(run);
      case "devices":
        return devicesStep(run);
      case "finalize":
        return finalizeStep(run);
      case "deletions":
        return deletionsStep(run);
      case "warranty":
        return warrantyStep(run);
    }
  }

  async function consume(message: ConsumableMessage) {
    const parsed = syncMessageSchema.safeParse(message.body);
    if (!parsed.success) {
      console.error("sync: dropping a message that is not a sync message", parsed.error.issues);
      message.ack();
      return;
    }
    const body = parsed.data;
    try {
      await runStep(body, message.attempts);
      message.ack();
    } catch (error) {
      const verdict = classifySyncError(error, message.attempts);
      if (verdict.action === "retry") {
        console.warn(`sync ${body.runId} ${body.step}: retrying in ${verdict.delaySeconds}s: ${verdict.reason}`);
        // The heartbeat moves to when the retry is due, so the watchdog does not take a long wait for a stall.
        await db
          .update(schema.syncRuns)
          .set({ lastError: verdict.reason.slice(0, 500), updatedAt: deps.now(), heartbeatAt: deps.now() + verdict.delaySeconds * 1000 })
          .where(eq(schema.syncRuns.id, body.runId))
          .catch(() => undefined);
        message.retry({ delaySeconds: verdict.delaySeconds });
        return;
      }
      await failRun(db, body.workspaceId, body.runId, verdict.reason, deps.now());
      message.ack();
    }
  }

  /** Dead-lettered messages: the run cannot go on; fail it with the last error it met. */
  async function consumeDeadLetter(message: ConsumableMessage) {
    const parsed = syncMessageSchema.safeParse(message.body);
    if (parsed.success) {
      const body = parsed.data;
      const run = await getRun(db, body.workspaceId, body.runId);
      if (run && body.step === "warranty") await endWarranty(run);
      else if (run) {
        const last = run.lastError ? `: ${run.lastError}` : "";
        await failRun(db, body.workspaceId, body.runId, `Gave up on step ${body.step} after repeated failures${last}`, deps.now());
      }
    }
    message.ack();
  }

  return {
    async handleBatch(batch: { messages: readonly ConsumableMessage[] }) {
      for (const message of batch.messages) await consume(message);
    },
    async handleDeadLetters(batch: { messages: readonly ConsumableMessage[] }) {
      for (const message of batch.messages) await consumeDeadLetter(message);
    },
  };
}
