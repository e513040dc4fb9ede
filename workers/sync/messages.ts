// The sync queue's message: ids and a cursor, never payloads (Queues caps a message at 128 KB).
import { z } from "zod";

export const SYNC_STEPS = ["organizations", "contacts", "devices", "finalize", "deletions", "warranty"] as const;
export type SyncStep = (typeof SYNC_STEPS)[number];

export const syncMessageSchema = z.object({
  kind: z.literal("sync"),
  runId: z.string().min(1).max(64),
  workspaceId: z.string().min(1).max(64),
  step: z.enum(SYNC_STEPS),
  /** devices: the NinjaOne id the page starts after; deletions: unlisted devices already checked; warranty: devices checked. */
  after: z.number().int().min(0).optional(),
});

export type SyncMessage = z.infer<typeof syncMessageSchema>;

/** What the pipeline needs from a queue producer (env.SYNC_QUEUE, or a recorder in tests). */
export interface SyncQueue {
  send(body: SyncMessage, options?: { delaySeconds?: number }): Promise<unknown>;
}
