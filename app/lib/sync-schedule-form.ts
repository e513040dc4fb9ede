// The sync schedule form (Device Sync card): one schema, parsed the same way in the browser and in the action.
import { z } from "zod";
import { SYNC_FREQUENCIES } from "@workers/domain/schedule";

export const ScheduleSchema = z.object({
  intent: z.literal("schedule"),
  frequency: z.enum(SYNC_FREQUENCIES, { error: "Choose Manual, Hourly, Daily or Weekly." }),
});
