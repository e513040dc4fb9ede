// The Device Sync card's frequency selector (seed 003 "Scheduled Sync"): Manual, Hourly, Daily or
// Weekly, and the next scheduled sync time under it in the user's time zone. Without JavaScript it
// is a form with a Save button; with it, choosing a frequency shows the new time at once (the same
// domain function the server uses) and saves in the background.
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { useFetcher, useOutletContext } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { nextSyncAt, SYNC_FREQUENCIES, SYNC_FREQUENCY_LABELS, type SyncFrequency } from "@workers/domain/schedule";
import type { SyncSchedule } from "@workers/sync/sync-schedule";
import { Button, formatDateTime } from "~/components/ui";
import { ScheduleSchema } from "~/lib/sync-schedule-form";

export const SCHEDULE_ACTION = "/settings/integrations/ninjaone";

type ScheduleActionData = { schedule?: SubmissionResult<string[]> } | undefined;

const isFrequency = (value: string): value is SyncFrequency => SYNC_FREQUENCIES.some((f) => f === value);

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
  const [hydrated, setHydrated] = useState(false);
  const skew = useRef(0);
  useEffect(() => {
    skew.current = serverNow - Date.now();
    setHydrated(true);
  }, [serverNow]);
  // Another tab or a reload may bring a different saved frequency: follow it.
  useEffect(() => setSelected(schedule.frequency), [schedule.frequency]);

  const [form, fields] = useForm({
    id: "sync-schedule",
    lastResult: fetcher.data?.schedule ?? posted?.schedule,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ScheduleSchema }),
  });

  const saving = fetcher.state !== "idle";
  const preview = selected === schedule.frequency ? schedule.nextSyncAt : nextSyncAt(selected, workspaceId, Date.now() + skew.current);
  const errors = fields.frequency.errors;

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
              if (hydrated) fetcher.submit(event.currentTarget.form);
            }}
            className="mt-1 block w-48 rounded-md border-0 px-3 py-2 text-sm shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-indigo-500 aria-[invalid=true]:ring-rose-500"
          >
            {SYNC_FREQUENCIES.map((frequency) => (
              <option key={frequency} value={frequency}>
                {SYNC_FREQUENCY_LABELS[frequency]}
              </option>
            ))}
          </select>
        </div>
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
      {errors?.length ? (
        <p id={`${fields.frequency.id}-error`} className="mt-1 text-xs text-rose-600">
          {errors.join(" ")}
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
