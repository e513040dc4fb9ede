// POST the Device Sync frequency (Manual, Hourly, Daily, Weekly) from the Device Sync card.
import { data, redirect, type ActionFunctionArgs } from "@remix-run/cloudflare";
import { z } from "zod";
import { SYNC_FREQUENCIES } from "@workers/domain/schedule";
import { ScheduleUnavailableError, setSyncFrequency } from "@workers/sync/scheduled";
import { requirePermission } from "~/lib/guards.server";
import { NINJA_SETTINGS_PAGE } from "~/lib/sync-paths";

const ScheduleSchema = z.object({ frequency: z.enum(SYNC_FREQUENCIES, { error: "Choose Manual, Hourly, Daily or Weekly." }) });

export async function action({ request, context }: ActionFunctionArgs) {
  const { workspace } = await requirePermission(context, request, "integrations:manage");
  const parsed = ScheduleSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return data({ error: parsed.error.issues[0]?.message ?? "Choose a frequency." }, { status: 400 });
  try {
    await setSyncFrequency(context.db, workspace.id, parsed.data.frequency, context.now());
  } catch (error) {
    if (error instanceof ScheduleUnavailableError) return data({ error: `${error.message}: connect it before scheduling syncs.` }, { status: 409 });
    throw error;
  }
  return redirect(NINJA_SETTINGS_PAGE);
}
