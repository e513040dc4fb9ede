// The Device Sync card's frequency selector (seed 003 "Scheduled Sync"): Manual, Hourly, Daily or
// Weekly, for Daily and Weekly the time of day (and the weekday) in the workspace's time zone, and
// the next scheduled sync time under it in the user's time zone. Without JavaScript it is a form with
// a Save button; with it, each choice shows the new time at once (the same domain function the server
// uses) and saves in the background.
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { useFetcher, useOutletContext } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import {
  DEFAULT_SYNC_TIME,
  DEFAULT_SYNC_WEEKDAY,
  nextScheduledSyncAt,
  SYNC_FREQUENCIES,
  SYNC_FREQUENCY_LABELS,
  SYNC_TIME_PATTERN,
  WEEKDAY_LABELS,
  WEEKDAYS,
  weekdayNumber,
  type SyncFrequency,
  type Weekday,
} from "@workers/domain/schedule";
import type { SyncSchedule } from "@workers/sync/sync-schedule";
import { Button, formatDateTime } from "~/components/ui";
import { ScheduleSchema } from "~/lib/sync-schedule-form";

export const SCHEDULE_ACTION = "/settings/integrations/ninjaone";

type ScheduleActionData = { schedule?: SubmissionResult<string[]> } | undefined;

const isFrequency = (value: string): value is SyncFrequency => SYNC_FREQUENCIES.some((f) => f === value);
const isWeekday = (value: string): value is Weekday => WEEKDAYS.some((d) => d === value);
const FIELD_CLASS =
  "mt-1 block rounded-md border-0 px-3 py-2 text-sm shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-indigo-500 aria-[invalid=true]:ring-rose-500";

export function NextSyncTime({ frequency, at, timeZone }: { frequency: SyncFrequency; at: number | null; timeZone: string }) {
  if (frequency === "manual" || at === null) {
    return (
      <p className="text-sm text-slate-600" data-testid="next-sync">
        No automatic syncs: click Sync Devices whenever you want one.
      </p>
    );
  }
  return (
    <p className="text-sm text-slate-700" data-testid="next-sync">
      <span className="font-medium">Next scheduled sync:</span>{" "}
      <time dateTime={new Date(at).toISOString()}>{formatDateTime(at, timeZone)}</time> ({timeZone})
    </p>
  );
}

export function SyncScheduleForm({
  schedule,
  workspaceId,
  timeZone,
  serverNow,
}: {
  schedule: SyncSchedule;
  workspaceId: string;
  timeZone: string;
  /** The server's clock when the page was loaded: previews use it, so they match what the server will save. */
  serverNow: number;
}) {
  const fetcher = useFetcher<ScheduleActionData>();
  // The page's own POST without JavaScript: the NinjaOne layout's action, handed down as outlet context.
  const posted = useOutletContext<{ actionData?: ScheduleActionData } | undefined>()?.actionData;
  const [selected, setSelected] = useState<SyncFrequency>(schedule.frequency);
  const [time, setTime] = useState(schedule.time ?? DEFAULT_SYNC_TIME);
  const [weekday, setWeekday] = useState<Weekday>(schedule.weekday ?? DEFAULT_SYNC_WEEKDAY);
  const [hydrated, setHydrated] = useState(false);
  const skew = useRef(0);
  useEffect(() => {
    skew.current = serverNow - Date.now();
    setHydrated(true);
  }, [serverNow]);
  // Another tab or a reload may bring a different saved schedule: follow it.
  useEffect(() => setSelected(schedule.frequency), [schedule.frequency]);
  useEffect(() => setTime(schedule.time ?? DEFAULT_SYNC_TIME), [schedule.time]);
  useEffect(() => setWeekday(schedule.weekday ?? DEFAULT_SYNC_WEEKDAY), [schedule.weekday]);

  const [form, fields] = useForm({
    id: "sync-schedule",
    lastResult: fetcher.data?.schedule ?? posted?.schedule,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ScheduleSchema }),
  });

  const saving = fetcher.state !== "idle";
  const atTime = selected === "daily" || selected === "weekly";
  const validTime = SYNC_TIME_PATTERN.test(time);
  const unchanged =
    selected === schedule.frequency && (!atTime || (time === schedule.time && (selected !== "weekly" || weekday === (schedule.weekday ?? DEFAULT_SYNC_WEEKDAY))));
  const preview = unchanged
    ? schedule.nextSyncAt
    : atTime && !validTime
      ? null
      : nextScheduledSyncAt(
          { frequency: selected, time: atTime ? time : null, weekday: weekdayNumber(weekday), timeZone: schedule.timeZone },
          workspaceId,
          Date.now() + skew.current,
        );
  const errors = fields.frequency.errors;
  // Saves what the fields will show (state updates land after this render): the time goes with
  // Daily and Weekly, the day with Weekly, as in the form without JavaScript.
  const save = (next: { frequency?: SyncFrequency; time?: string; weekday?: Weekday }) => {
    if (!hydrated) return;
    const frequency = next.frequency ?? selected;
    const values: Record<string, string> = { intent: "schedule", frequency };
    if (frequency === "daily" || frequency === "weekly") values.time = next.time ?? time;
    if (frequency === "weekly") values.weekday = next.weekday ?? weekday;
    fetcher.submit(values, { method: "post", action: SCHEDULE_ACTION });
  };

  return (
    <section className="rounded-md bg-slate-50 p-4 ring-1 ring-slate-200" aria-labelledby="sync-schedule-title">
      <h3 id="sync-schedule-title" className="text-sm font-semibold text-slate-800">
        Sync schedule
      </h3>
      <p className="mt-1 text-sm text-slate-600">
        Keeps your inventory current with nobody watching. The schedule applies to organization, contact and device syncing.
      </p>
      <fetcher.Form method="post" action={SCHEDULE_ACTION} {...getFormProps(form)} className="mt-3 flex flex-wrap items-end gap-3">
        <input type="hidden" name="intent" value="schedule" />
        <div>
          <label htmlFor={fields.frequency.id} className="block text-sm font-medium text-slate-700">
            Sync frequency
          </label>
          <select
            id={fields.frequency.id}
            name={fields.frequency.name}
            value={selected}
            aria-invalid={errors?.length ? true : undefined}
            aria-describedby={errors?.length ? `${fields.frequency.id}-error` : undefined}
            onChange={(event) => {
              const value = event.currentTarget.value;
              if (!isFrequency(value)) return;
              setSelected(value);
              save({ frequency: value });
            }}
            className={`${FIELD_CLASS} w-48`}
          >
            {SYNC_FREQUENCIES.map((frequency) => (
              <option key={frequency} value={frequency}>
                {SYNC_FREQUENCY_LABELS[frequency]}
              </option>
            ))}
          </select>
        </div>
        {selected === "weekly" || !hydrated ? (
          <div>
            <label htmlFor={fields.weekday.id} className="block text-sm font-medium text-slate-700">
              Day{hydrated ? "" : " (Weekly)"}
            </label>
            <select
              id={fields.weekday.id}
              name={fields.weekday.name}
              value={weekday}
              aria-invalid={fields.weekday.errors?.length ? true : undefined}
              aria-describedby={fields.weekday.errors?.length ? `${fields.weekday.id}-error` : undefined}
              onChange={(event) => {
                const value = event.currentTarget.value;
                if (!isWeekday(value)) return;
                setWeekday(value);
                save({ weekday: value });
              }}
              className={`${FIELD_CLASS} w-40`}
            >
              {WEEKDAYS.map((day) => (
                <option key={day} value={day}>
                  {WEEKDAY_LABELS[day]}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        {atTime || !hydrated ? (
          <div>
            <label htmlFor={fields.time.id} className="block text-sm font-medium text-slate-700">
              Time ({schedule.timeZone}){hydrated ? "" : ", Daily and Weekly"}
            </label>
            <input
              id={fields.time.id}
              name={fields.time.name}
              type="time"
              value={time}
              aria-invalid={fields.time.errors?.length ? true : undefined}
              aria-describedby={fields.time.errors?.length ? `${fields.time.id}-error` : "sync-time-hint"}
              onChange={(event) => {
                const value = event.currentTarget.value;
                setTime(value);
                if (SYNC_TIME_PATTERN.test(value)) save({ time: value });
              }}
              className={`${FIELD_CLASS} w-36`}
            />
          </div>
        ) : null}
        {/* With JavaScript the choice saves itself; without it, this button posts the form. */}
        {hydrated ? null : <Button variant="secondary">Save schedule</Button>}
        <span className="pb-2 text-xs text-slate-500" aria-live="polite" data-testid="schedule-status">
          {saving ? "Saving…" : fetcher.data?.schedule?.status === "success" ? "Saved" : ""}
        </span>
      </fetcher.Form>
      {form.errors?.length ? (
        <p role="alert" className="mt-1 text-xs text-rose-600">
          {form.errors.join(" ")}
        </p>
      ) : null}
      {[fields.frequency, fields.weekday, fields.time].map((field) =>
        field.errors?.length ? (
          <p key={field.name} id={`${field.id}-error`} className="mt-1 text-xs text-rose-600">
            {field.errors.join(" ")}
          </p>
        ) : null,
      )}
      {atTime ? (
        <p id="sync-time-hint" className="mt-1 text-xs text-slate-500">
          In the workspace&apos;s time zone ({schedule.timeZone}, set under Settings › Workspace); daylight saving time is followed.
        </p>
      ) : null}
      <div className="mt-3 space-y-1">
        <NextSyncTime frequency={selected} at={preview} timeZone={timeZone} />
        {schedule.frequency !== "manual" && schedule.connection !== "connected" ? (
          <p className="text-sm text-amber-800">
            NinjaOne is {schedule.connection === "needs_reconnect" ? "waiting to be reconnected" : "not connected"}: scheduled syncs are
            skipped until it is.
          </p>
        ) : null}
        {schedule.note ? (
          <p className="text-sm text-amber-800" data-testid="schedule-note">
            Last scheduled sync: {schedule.note}
          </p>
        ) : null}
      </div>
    </section>
  );
}
