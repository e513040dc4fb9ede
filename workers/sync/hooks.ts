// After a run succeeds, other capabilities react (e.g. issue 6's mapping review notifications).
// They register here instead of the pipeline importing them; a failing hook is logged and never
// fails or repeats the run.
import type { Db } from "../db/client";
import type { SyncRun } from "./runs";

export type PostSyncHook = (deps: { db: Db; now: () => number }, run: SyncRun) => Promise<void>;

const hooks: Array<{ name: string; hook: PostSyncHook }> = [];

export function onSyncSucceeded(name: string, hook: PostSyncHook) {
  if (!hooks.some((h) => h.name === name)) hooks.push({ name, hook });
}

export async function runPostSyncHooks(deps: { db: Db; now: () => number }, run: SyncRun): Promise<void> {
  for (const { name, hook } of hooks) {
    try {
      await hook(deps, run);
    } catch (error) {
      console.error(`post-sync hook ${name} failed for run ${run.id}`, error);
    }
  }
}
