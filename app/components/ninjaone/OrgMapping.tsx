// The organization mapping UI shared by the quick panel and the full review page: status badges,
// the legend, the searchable customer picker and the mapping form. Everything is a plain form post
// (works without JavaScript); with JavaScript the pickers filter as you type and "Create customer"
// is staged until Save Mappings.
import { Form, Link, useNavigation } from "@remix-run/react";
import { useEffect, useState, type ReactNode } from "react";
import { ORG_MAPPING_STATUSES, type OrgMappingStatus } from "@workers/domain/org-matching";
import { CustomerPicker, type PickerOption } from "~/components/CustomerPicker";
import { Alert, Badge, Button, cx } from "~/components/ui";
import { NEW_CUSTOMER, type MappingFormFailure, type MappingRowView, type SavedFlash } from "./org-mapping-types";

const nf = new Intl.NumberFormat("en-US");
const plural = (n: number, one: string, many: string) => `${nf.format(n)} ${n === 1 ? one : many}`;


export function useHydrated() {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}

export function OrgStatusBadge({ status }: { status: OrgMappingStatus }) {
  const s = ORG_MAPPING_STATUSES[status];
  return (
    <Badge tone={s.colour} title={s.help}>
      {s.label}
    </Badge>
  );
}

export const STATUS_ORDER: OrgMappingStatus[] = ["mapped", "auto", "unmatched", "stale"];

/** The legend: each status with its colour, what it means and how many organizations have it. */
export function OrgMappingLegend({ counts, hrefFor }: { counts: Record<OrgMappingStatus, number>; hrefFor?: (status: OrgMappingStatus) => string }) {
  return (
    <dl className="grid gap-2 sm:grid-cols-2 lg:grid-cols-4" aria-label="Mapping status legend" data-testid="mapping-legend">
      {STATUS_ORDER.map((status) => (
        <div key={status} className="rounded-md bg-slate-50 px-3 py-2 ring-1 ring-slate-200">
          <dt className="flex items-center justify-between gap-2">
            <OrgStatusBadge status={status} />
            {hrefFor ? (
              <Link to={hrefFor(status)} className="text-sm font-semibold tabular-nums text-indigo-700 hover:underline" data-testid={`count-${status}`}>
                {nf.format(counts[status])}
              </Link>
            ) : (
              <span className="text-sm font-semibold tabular-nums" data-testid={`count-${status}`}>
                {nf.format(counts[status])}
              </span>
            )}
          </dt>
          <dd className="mt-1 text-xs text-slate-600">{ORG_MAPPING_STATUSES[status].help}</dd>
        </div>
      ))}
    </dl>
  );
}

export function SavedAlert({ flash }: { flash: SavedFlash }) {
  const parts = [
    flash.mapped ? `${plural(flash.mapped, "organization", "organizations")} mapped` : null,
    flash.confirmed ? `${plural(flash.confirmed, "auto-match", "auto-matches")} confirmed` : null,
    flash.cleared ? `${plural(flash.cleared, "organization", "organizations")} left without a customer` : null,
    flash.created ? `${plural(flash.created, "customer", "customers")} created` : null,
  ].filter(Boolean);
  return (
    <Alert tone="green">
      Mappings saved{parts.length ? `: ${parts.join(", ")}` : ""}.{" "}
      {flash.moved ? `${plural(flash.moved, "asset", "assets")} moved to their new customer.` : "No assets had to move."}
    </Alert>
  );
}

/** Why a row has the status it has, in a few words. */
function statusNote(row: MappingRowView): string | null {
  if (row.vanishedAt !== null) return "No longer in NinjaOne.";
  if (row.customerState === "archived") return `${row.customerName ?? "Its customer"} is archived.`;
  if (row.customerState === "deleted") return "Its customer was deleted.";
  if (row.status === "auto") return row.matchScore !== null ? `Matched by name (${row.matchScore}%).` : "Matched by name.";
  if (row.leftUnmapped) return "Left without a customer on purpose.";
  if (row.status === "unmatched" && row.suggestedCustomerName) {
    return `Suggestion: ${row.suggestedCustomerName}${row.matchScore !== null ? ` (${row.matchScore}%)` : ""}.`;
  }
  return null;
}

/** What the picker shows for an organization's choice. */
function choiceLabel(row: MappingRowView, value: string, remembered?: string): string {
  if (value === "") return NO_CUSTOMER;
  if (value === NEW_CUSTOMER) return newCustomerLabel(row);
  if (value === row.customerId) {
    if (row.customerState === "deleted") return "Deleted customer";
    return row.customerState === "archived" ? `${row.customerName ?? "Customer"} (archived)` : (row.customerName ?? "Customer");
  }
  const candidate = row.candidates.find((c) => c.customerId === value);
  if (candidate) return candidate.name;
  return remembered ?? "Chosen customer";
}
const NO_CUSTOMER = "— No customer —";
const newCustomerLabel = (row: MappingRowView) => `+ New customer “${row.name.trim()}”`;

/**
 * The customer choice of one organization. With JavaScript: the type-ahead picker (customers load
 * as you type), with "+ New customer", the stored customer and the likeliest matches listed first.
 * Without: a select of those few choices plus a box for a customer's exact name, resolved on save.
 */
function OrgCustomerPicker({
  index,
  row,
  value,
  valueLabel,
  onChange,
  hydrated,
  invalid,
}: {
  index: number;
  row: MappingRowView;
  value: string;
  valueLabel: string;
  onChange: (value: string, label: string) => void;
  hydrated: boolean;
  invalid: boolean;
}) {
  // The stored customer when it can no longer be picked (archived or deleted): offered, so an untouched row stays as it is.
  const gone = row.customerId !== null && row.customerState !== "active" ? { value: row.customerId, label: choiceLabel(row, row.customerId) } : null;
  const fixed: PickerOption[] = [
    { value: NEW_CUSTOMER, label: newCustomerLabel(row) },
    ...(gone ? [gone] : []),
    ...row.candidates.map((c) => ({ value: c.customerId, label: `${c.name} (${c.score}%)`, detail: "Likely match by name" })),
  ];
  if (hydrated) {
    return (
      <div className={invalid ? "rounded-md ring-1 ring-rose-500" : undefined}>
        <CustomerPicker
          name={`rows[${index}].customer`}
          label={`Customer for ${row.name}`}
          hideLabel
          value={{ value, label: valueLabel }}
          noneLabel={NO_CUSTOMER}
          fixedOptions={fixed}
          onChange={(next, option) => onChange(next, option.label.replace(/ \(\d+%\)$/, ""))}
        />
      </div>
    );
  }
  const current = row.customerId !== null && row.customerState === "active" && !row.candidates.some((c) => c.customerId === row.customerId) ? row : null;
  return (
    <div className="flex flex-col gap-1.5 sm:flex-row">
      <input
        type="search"
        name={`rows[${index}].find`}
        placeholder="Customer's exact name"
        aria-label={`Search customers for ${row.name}`}
        className="block w-full rounded-md border-0 px-2.5 py-1.5 text-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-indigo-500 sm:w-44"
      />
      <select
        name={`rows[${index}].customer`}
        defaultValue={value}
        aria-label={`Customer for ${row.name}`}
        aria-invalid={invalid || undefined}
        className="block w-full min-w-0 rounded-md border-0 py-1.5 pl-2.5 pr-8 text-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-indigo-500 aria-[invalid=true]:ring-rose-500"
      >
        <option value="">{NO_CUSTOMER}</option>
        {fixed.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
        {current?.customerId ? <option value={current.customerId}>{current.customerName}</option> : null}
      </select>
    </div>
  );
}

export type MappingFormProps = {
  rows: MappingRowView[];
  failure?: MappingFormFailure | null;
  variant: "page" | "panel";
  /** Auto-matched organizations in the whole workspace (for "Confirm all auto-matched"). */
  autoCount: number;
  footer?: ReactNode;
  /** sessionStorage key under which unsaved picks survive paging (per workspace). */
  draftKey: string;
  /** The page was drawn right after a successful save. */
  saved: boolean;
};

/** The mapping form, redrawn from scratch whenever its rows change on the server or a save fails. */
export function OrgMappingForm(props: MappingFormProps) {
  const key = [
    props.rows.map((r) => `${r.ninjaOrgId}:${r.customerId}:${r.mappingSource}:${r.updatedAt}`).join(","),
    props.failure ? JSON.stringify(props.failure) : "",
  ].join("|");
  return <MappingFormBody key={key} {...props} />;
}

/** An unsaved pick: the picker's value, its value when drawn, the Confirm tick. */
type Draft = { customer: string; initial: string; confirm: boolean; name: string; label?: string };
type Drafts = Record<string, Draft>;
const isChange = (d: Draft) => d.customer !== d.initial || (d.confirm && d.customer === d.initial && d.customer !== "");
const SUBMITTED = ":submitted";

function readDrafts(key: string): Drafts {
  try {
    const parsed = JSON.parse(sessionStorage.getItem(key) ?? "{}") as unknown;
    if (!parsed || typeof parsed !== "object") return {};
    const out: Drafts = {};
    for (const [org, d] of Object.entries(parsed as Record<string, Partial<Draft>>)) {
      if (/^\d{1,12}$/.test(org) && d && typeof d.customer === "string" && typeof d.initial === "string") {
        out[org] = {
          customer: d.customer,
          initial: d.initial,
          confirm: d.confirm === true,
          name: typeof d.name === "string" ? d.name : org,
          label: typeof d.label === "string" ? d.label : undefined,
        };
      }
    }
    return out;
  } catch {
    return {};
  }
}

function writeDrafts(key: string, drafts: Drafts) {
  try {
    if (Object.keys(drafts).length) sessionStorage.setItem(key, JSON.stringify(drafts));
    else sessionStorage.removeItem(key);
  } catch {
    // Storage full or blocked: the picks still post from this page.
  }
}

/**
 * One row per organization; Save Mappings saves every change at once, including picks made on
 * other pages (kept in sessionStorage until saved or discarded, and posted as hidden rows).
 */
function MappingFormBody({ rows, failure, variant, autoCount, footer, draftKey, saved }: MappingFormProps) {
  const hydrated = useHydrated();
  const navigation = useNavigation();
  const saving = navigation.state === "submitting" && navigation.formMethod?.toLowerCase() === "post";
  const initialOf = (row: MappingRowView) => row.customerId ?? "";
  const [drafts, setDrafts] = useState<Drafts>(() => {
    const fromFailure: Drafts = {};
    for (const r of rows) {
      const pick = failure?.picks[r.ninjaOrgId];
      if (!pick) continue;
      const d = { customer: pick.customer, initial: initialOf(r), confirm: pick.confirm, name: r.name };
      if (isChange(d)) fromFailure[r.ninjaOrgId] = d;
    }
    return fromFailure;
  });
  // After hydration: the picks kept from other pages (a successful Save of this form clears them).
  useEffect(() => {
    if (saved && sessionStorage.getItem(draftKey + SUBMITTED)) {
      sessionStorage.removeItem(draftKey);
      sessionStorage.removeItem(draftKey + SUBMITTED);
      setDrafts({});
      return;
    }
    sessionStorage.removeItem(draftKey + SUBMITTED);
    const stored = readDrafts(draftKey);
    setDrafts((current) => {
      const merged = { ...stored, ...current };
      writeDrafts(draftKey, merged);
      return merged;
    });
  }, [draftKey, saved]);

  const setPick = (row: MappingRowView, patch: Partial<Draft>) =>
    setDrafts((current) => {
      const base = current[row.ninjaOrgId] ?? { customer: initialOf(row), initial: initialOf(row), confirm: false, name: row.name };
      const next = { ...base, ...patch };
      const all = { ...current };
      if (isChange(next)) all[row.ninjaOrgId] = next;
      else delete all[row.ninjaOrgId];
      writeDrafts(draftKey, all);
      return all;
    });
  const valueOf = (row: MappingRowView) => drafts[row.ninjaOrgId]?.customer ?? initialOf(row);
  const visibleIds = new Set(rows.map((r) => String(r.ninjaOrgId)));
  const offPage = hydrated ? Object.entries(drafts).filter(([org]) => !visibleIds.has(org)) : [];
  const pending = Object.keys(drafts).length;

  // Closing the tab would lose the picks: ask first.
  useEffect(() => {
    if (!pending || saving) return;
    const warn = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = "";
    };
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [pending, saving]);

  const discard = () => {
    writeDrafts(draftKey, {});
    setDrafts({});
  };

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-slate-600" data-testid="unsaved-count">
          {hydrated && pending ? (
            <span className="font-medium text-slate-800">
              {plural(pending, "unsaved change", "unsaved changes")}
              {offPage.length ? ` (${nf.format(offPage.length)} on other pages)` : ""}.{" "}
            </span>
          ) : null}
          {hydrated && pending ? (
            <button type="button" onClick={discard} className="mr-2 text-indigo-700 hover:underline">
              Discard
            </button>
          ) : null}
          Pick a customer per organization, then Save Mappings. Devices follow their organization&apos;s customer.
        </p>
        {autoCount > 0 ? (
          // Its own form: it confirms the auto-matches and nothing else; unsaved picks stay unsaved.
          <Form method="post" preventScrollReset>
            <input type="hidden" name="confirmAllAuto" value="1" />
            <Button variant="secondary" disabled={saving} title="Confirms the auto-matches only; your unsaved picks stay as they are">
              Confirm all {plural(autoCount, "auto-match", "auto-matches")}
            </Button>
          </Form>
        ) : null}
      </div>
    <Form
      method="post"
      className="space-y-4"
      data-testid="mapping-form"
      onSubmit={() => {
        try {
          sessionStorage.setItem(draftKey + SUBMITTED, "1");
        } catch {
          // ignore
        }
      }}
    >
      {/* The default button: Enter in a search box (without JavaScript) saves rather than confirming everything. */}
      <button type="submit" className="sr-only" tabIndex={-1} aria-hidden="true">
        Save
      </button>
      {failure ? <Alert>{failure.message}</Alert> : null}
      {offPage.map(([org, d], k) => (
        <span key={org} hidden>
          <input type="hidden" name={`rows[${rows.length + k}].org`} value={org} />
          <input type="hidden" name={`rows[${rows.length + k}].initial`} value={d.initial} />
          <input type="hidden" name={`rows[${rows.length + k}].customer`} value={d.customer} />
          {d.confirm ? <input type="hidden" name={`rows[${rows.length + k}].confirm`} value="on" /> : null}
        </span>
      ))}
      <ul className={cx("divide-y divide-slate-200 rounded-lg bg-white ring-1 ring-slate-200", variant === "page" && "shadow-sm")} data-testid="mapping-rows">
        {rows.map((row, index) => {
          const value = valueOf(row);
          const error = failure?.byOrg[row.ninjaOrgId];
          const note = statusNote(row);
          const confirmable = row.status === "auto" && value === row.customerId;
          return (
            <li
              key={row.ninjaOrgId}
              className={cx("grid gap-3 px-4 py-3", variant === "page" && "md:grid-cols-[minmax(0,1fr)_minmax(0,1.4fr)]")}
              data-org-name={row.name}
              aria-label={row.name}
            >
              <input type="hidden" name={`rows[${index}].org`} value={row.ninjaOrgId} />
              <input type="hidden" name={`rows[${index}].initial`} value={initialOf(row)} />
              <div className="min-w-0">
                <div className="flex flex-wrap items-center gap-2">
                  <span className="break-words font-medium text-slate-900">{row.name}</span>
                  <OrgStatusBadge status={row.status} />
                </div>
                <p className="mt-0.5 text-xs text-slate-500">
                  {plural(row.deviceCount, "device", "devices")}
                  {row.customerState === "active" && row.customerName ? ` · now under ${row.customerName}` : ""}
                  {note ? ` · ${note}` : ""}
                </p>
              </div>
              <div className="min-w-0 space-y-1.5">
                <OrgCustomerPicker
                  index={index}
                  row={row}
                  value={value}
                  valueLabel={choiceLabel(row, value, drafts[row.ninjaOrgId]?.label)}
                  onChange={(next, label) => setPick(row, { customer: next, label })}
                  hydrated={hydrated}
                  invalid={Boolean(error)}
                />
                <div className="flex flex-wrap items-center gap-x-4 gap-y-1 text-xs">
                  {confirmable ? (
                    <label className="inline-flex items-center gap-1.5 text-slate-700">
                      <input
                        type="checkbox"
                        name={`rows[${index}].confirm`}
                        checked={drafts[row.ninjaOrgId]?.confirm ?? false}
                        onChange={(e) => setPick(row, { confirm: e.target.checked })}
                        className="h-3.5 w-3.5 rounded border-slate-300 text-indigo-600"
                      />
                      Confirm this match
                    </label>
                  ) : null}
                  {value === NEW_CUSTOMER ? (
                    <span className="text-indigo-700">Creates the customer “{row.name.trim()}” when you save.</span>
                  ) : row.status === "mapped" ? null : (
                    <button
                      // Without JavaScript this saves the page and creates the customer in one go.
                      type={hydrated ? "button" : "submit"}
                      name={hydrated ? undefined : "create"}
                      value={hydrated ? undefined : row.ninjaOrgId}
                      onClick={hydrated ? () => setPick(row, { customer: NEW_CUSTOMER }) : undefined}
                      className="text-indigo-700 hover:underline"
                    >
                      Create customer from this organization
                    </button>
                  )}
                </div>
                {error ? (
                  <p className="text-xs text-rose-600" role="alert">
                    {error}
                  </p>
                ) : null}
              </div>
            </li>
          );
        })}
      </ul>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="text-sm text-slate-600">{footer}</div>
        <Button disabled={saving}>{saving ? "Saving…" : "Save Mappings"}</Button>
      </div>
    </Form>
    </div>
  );
}
