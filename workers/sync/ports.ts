// What the sync pipeline needs from the outside world, passed in (bindings stay at the edges).
import type { Db } from "../db/client";
import type { NinjaClient } from "../ninjaone/client";
import type { SyncQueue } from "./messages";

/** The part of the NinjaOne client a sync uses (tests may hand in a small fake of just this). */
export type SyncNinjaClient = Pick<
  NinjaClient,
  | "listOrganizations"
  | "listLocations"
  | "listRoles"
  | "devicesDetailedPage"
  | "deviceWarranty"
  | "getDevice"
  | "listAllEndUsers"
  | "listContacts"
>;

export type SyncDeps = {
  db: Db;
  queue: SyncQueue;
  /** The warranty pass's own queue (env.WARRANTY_QUEUE): its per-device calls never hold up a sync's messages. */
  warrantyQueue: SyncQueue;
  /** Pause between warranty messages (config WARRANTY_PAUSE_SECONDS, default 2). */
  warrantyPauseSeconds: number;
  now: () => number;
  /** Devices per NinjaOne page (config SYNC_PAGE_SIZE, default 1000). */
  pageSize: number;
  /** Pages one devices message does before handing on to the next (config SYNC_PAGES_PER_MESSAGE, default 20). */
  pagesPerMessage: number;
  /**
   * Organizations, contacts and the first devices pages in one message, each step committed before
   * the next (true in the Worker; the step-by-step worker tests turn it off to drive one step a message).
   */
  chainSteps: boolean;
  /** A client authorised for the workspace; throws NinjaError("reconnect_required") / NotConnectedError when unusable. */
  clientFor(workspaceId: string): Promise<SyncNinjaClient>;
};
