// Bulk Contact Association rows: the suggestion dropdown and the override contact picker. Without
// JavaScript the picker is a plain text field (a contact's exact name or e-mail, resolved on apply);
// with it, the customer's contacts load on first focus and filter as you type.
import { useFetcher } from "@remix-run/react";
import { useMemo, useState } from "react";
import type { AssociationRow } from "@workers/sync/contact-association";
import { HIGH_CONFIDENCE } from "@workers/domain/contact-matching";
import { useHydrated } from "~/components/charts/useHydrated";
import { Badge, cx } from "~/components/ui";

type Option = { id: string; name: string; email: string | null };
const MAX_SHOWN = 8;

/** The suggestion pre-selected for a row: the best one when it is high-confidence and unambiguous. */
export function preselected(row: Pick<AssociationRow, "suggestions">): string {
  const best = row.suggestions[0];
  return best && !best.ambiguous && best.confidence >= HIGH_CONFIDENCE ? best.contactId : "";
}

export function ConfidenceBadge({ confidence }: { confidence: number }) {
  return <Badge tone={confidence >= HIGH_CONFIDENCE ? "green" : confidence >= 60 ? "amber" : "gray"}>{confidence}%</Badge>;
}

export function SuggestionSelect({ index, row, value, onChange }: { index: number; row: AssociationRow; value: string; onChange: (v: string) => void }) {
  return (
    <select
      name={`rows[${index}].choice`}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      aria-label={`Contact for ${row.assetName}`}
      className="block w-full min-w-0 rounded-md border-0 py-1.5 pl-2.5 pr-8 text-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-indigo-500"
    >
      <option value="">No contact — skip for now</option>
      {row.suggestions.map((s) => (
        <option key={s.contactId} value={s.contactId}>
          {s.name}
          {s.email ? ` · ${s.email}` : ""} · {s.confidence}%{s.ambiguous ? " (several match)" : ""}
        </option>
      ))}
    </select>
  );
}

export function ContactPicker({ index, row, invalid }: { index: number; row: AssociationRow; invalid?: string[] }) {
  const hydrated = useHydrated();
  const fetcher = useFetcher<{ contacts: Option[] }>();
  const [query, setQuery] = useState("");
  const [chosen, setChosen] = useState<Option | null>(null);
  const [open, setOpen] = useState(false);
  const contacts = fetcher.data?.contacts;
  const needle = query.trim().toLowerCase();
  const listed = useMemo(
    () => (contacts ?? []).filter((c) => !needle || c.name.toLowerCase().includes(needle) || (c.email ?? "").toLowerCase().includes(needle)).slice(0, MAX_SHOWN),
    [contacts, needle],
  );
  if (!row.customerId) return <span className="text-xs text-slate-500">Map its organization to a customer first</span>;
  const load = () => {
    if (!contacts && fetcher.state === "idle") fetcher.load(`/assets/contact-options?customerId=${encodeURIComponent(row.customerId ?? "")}`);
  };
  if (!hydrated) {
    return (
      <input
        type="text"
        name={`rows[${index}].override`}
        placeholder="Exact name or e-mail"
        aria-label={`Other contact for ${row.assetName}`}
        className="block w-full rounded-md border-0 px-2.5 py-1.5 text-sm ring-1 ring-inset ring-slate-300"
      />
    );
  }
  return (
    <div className="relative">
      <input type="hidden" name={`rows[${index}].overrideId`} value={chosen?.id ?? ""} />
      {chosen ? (
        <span className="flex items-center gap-2 text-sm" data-testid="override-chosen">
          <span className="font-medium">{chosen.name}</span>
          <button type="button" className="text-xs text-indigo-700 hover:underline" onClick={() => setChosen(null)}>
            Clear
          </button>
        </span>
      ) : (
        <input
          type="search"
          role="combobox"
          aria-expanded={open}
          aria-invalid={invalid ? true : undefined}
          aria-label={`Other contact for ${row.assetName}`}
          placeholder="Search contacts…"
          value={query}
          onFocus={() => {
            load();
            setOpen(true);
          }}
          onBlur={() => setTimeout(() => setOpen(false), 150)}
          onChange={(e) => {
            setQuery(e.target.value);
            setOpen(true);
          }}
          onKeyDown={(e) => {
            if (e.key === "Enter") e.preventDefault();
          }}
          className={cx("block w-full rounded-md border-0 px-2.5 py-1.5 text-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-indigo-500", invalid && "ring-rose-500")}
        />
      )}
      {open && !chosen ? (
        <ul role="listbox" className="absolute z-10 mt-1 max-h-60 w-72 overflow-auto rounded-md bg-white py-1 text-sm shadow-lg ring-1 ring-slate-200">
          {!contacts ? <li className="px-3 py-1.5 text-slate-500">Loading contacts…</li> : null}
          {contacts && listed.length === 0 ? <li className="px-3 py-1.5 text-slate-500">No contact matches.</li> : null}
          {listed.map((c) => (
            <li key={c.id} role="option" aria-selected={false}>
              <button
                type="button"
                className="block w-full px-3 py-1.5 text-left hover:bg-indigo-50"
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => {
                  setChosen(c);
                  setOpen(false);
                }}
              >
                {c.name}
                {c.email ? <span className="text-slate-500"> · {c.email}</span> : null}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
