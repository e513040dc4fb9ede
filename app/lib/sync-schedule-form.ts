// The sync schedule (Device Sync card, and PUT /api/v1/integrations/ninjaone/schedule): one set of
// field rules, parsed the same way in the browser, in the page's action and in the API.
import { z } from "zod";
import { SYNC_FREQUENCIES, SYNC_TIME_PATTERN, WEEKDAYS } from "@workers/domain/schedule";

export const syncFrequencyField = z.enum(SYNC_FREQUENCIES, { error: "Choose Manual, Hourly, Daily or Weekly." });
export const syncTimeField = z.string().trim().regex(SYNC_TIME_PATTERN, { error: "Enter a time of day as HH:MM (24-hour), e.g. 02:30." });
export const syncWeekdayField = z.enum(WEEKDAYS, { error: "Choose a day of the week (monday … sunday)." });

/** The form: the time and the day are sent only when they apply (Daily/Weekly, Weekly). */
export const ScheduleSchema = z
  .object({
    intent: z.literal("schedule"),
    frequency: syncFrequencyField,
    time: syncTimeField.optional(),
    weekday: syncWeekdayField.optional(),
  })
  .superRefine((value, ctx) => {
    if ((value.frequency === "daily" || value.frequency === "weekly") && !value.time) {
      ctx.addIssue({ code: "custom", path: ["time"], message: "Choose the time of day the sync runs." });
    }
    if (value.frequency === "weekly" && !value.weekday) ctx.addIssue({ code: "custom", path: ["weekday"], message: "Choose the day of the week." });
  });
