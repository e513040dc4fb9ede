// The sync schedule (Device Sync card, and PUT /api/v1/integrations/ninjaone/schedule): one set of
// field rules, parsed the same way in the browser, in the page's action and in the API.
import { z } from "zod";
import { SYNC_FREQUENCIES, SYNC_TIME_PATTERN, WEEKDAYS } from "@workers/domain/schedule";

export const syncFrequencyField = z.enum(SYNC_FREQUENCIES, { error: "Choose Manual, Hourly, Daily or Weekly." });
export const syncTimeField = z.string().trim().regex(SYNC_TIME_PATTERN, { error: "Enter a time of day as HH:MM (24-hour), e.g. 02:30." });
export const syncWeekdayField = z.enum(WEEKDAYS, { error: "Choose a day of the week (monday … sunday)." });

/**
 * The form. Without JavaScript the time and day fields are always there (so they are always sent);
 * with it, only when they apply. A daily/weekly save without a time keeps the stored one.
 */
export const ScheduleSchema = z.object({
  intent: z.literal("schedule"),
  frequency: syncFrequencyField,
  time: syncTimeField.optional(),
  weekday: syncWeekdayField.optional(),
});
