// A contact picker that searches as you type: the options come from a resource route
// (`optionsUrl?q=…`, 20 at a time), never the whole list. The chosen id travels in a hidden input
// named `name`. Without JavaScript it renders a plain <select> of `fallback` contacts (when given),
// so the form still works.
import { useFetcher } from "@remix-run/react";
import { useEffect, useId, useRef, useState } from "react";
import { useHydrated } from "./charts/useHydrated";
import { cx } from "./ui";

export type ContactChoice = { id: string; name: string; email: string | null };

const inputClass =
  "block w-full rounded-md border-0 px-2.5 py-1.5 text-sm shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-indigo-500";

export function ContactPicker({
  name,
  label,
  optionsUrl,
  value,
  onChange,
  placeholder = "Search contacts…",
  fallback,
  className,
}: {
  name: string;
  /** Accessible label (the picker has no visible one in table rows). */
  label: string;
  optionsUrl: string;
  value: ContactChoice | null;
  onChange: (contact: ContactChoice | null) => void;
  placeholder?: string;
  /** Contacts for the no-JavaScript <select>; null: nothing to choose without JavaScript. */
  fallback: ContactChoice[] | null;
  className?: string;
}) {
  const hydrated = useHydrated();
  const fetcher = useFetcher<{ contacts: ContactChoice[]; more: boolean }>();
  const [query, setQuery] = useState(value?.name ?? "");
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const listId = useId();
  const blurTimer = useRef<ReturnType<typeof setTimeout>>();

  // Show the chosen contact's name when it is set from outside (e.g. "Assign all selected to").
  useEffect(() => {
    if (!open) setQuery(value?.name ?? "");
  }, [value, open]);

  // Search as you type, after a short pause.
  useEffect(() => {
    if (!open) return;
    const timer = setTimeout(() => fetcher.load(`${optionsUrl}?q=${encodeURIComponent(query === value?.name ? "" : query)}`), 200);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- fetcher.load is stable enough; re-running on it would loop
  }, [query, open, optionsUrl]);

  if (!hydrated) {
    if (!fallback) return <span className="text-xs text-slate-400">Needs JavaScript</span>;
    return (
      <select name={name} aria-label={label} defaultValue={value?.id ?? ""} className={cx(inputClass, className)}>
        <option value="">No contact</option>
        {fallback.map((c) => (
          <option key={c.id} value={c.id}>
            {c.email ? `${c.name} (${c.email})` : c.name}
          </option>
        ))}
      </select>
    );
  }

  const options = fetcher.data?.contacts ?? [];
  const choose = (contact: ContactChoice | null) => {
    onChange(contact);
    setQuery(contact?.name ?? "");
    setOpen(false);
  };

  return (
    <div className={cx("relative", className)}>
      <input type="hidden" name={name} value={value?.id ?? ""} />
      <input
        type="text"
        role="combobox"
        aria-label={label}
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        autoComplete="off"
        value={query}
        placeholder={placeholder}
        className={inputClass}
        onFocus={() => {
          setOpen(true);
          setActive(0);
        }}
        onBlur={() => {
          blurTimer.current = setTimeout(() => setOpen(false), 150);
        }}
        onChange={(e) => {
          setQuery(e.target.value);
          setOpen(true);
          setActive(0);
          if (e.target.value === "" && value) onChange(null);
        }}
        onKeyDown={(e) => {
          if (e.key === "ArrowDown") {
            e.preventDefault();
            setOpen(true);
            setActive((i) => Math.min(i + 1, Math.max(options.length - 1, 0)));
          } else if (e.key === "ArrowUp") {
            e.preventDefault();
            setActive((i) => Math.max(i - 1, 0));
          } else if (e.key === "Enter") {
            if (open && options[active]) {
              e.preventDefault();
              choose(options[active]);
            }
          } else if (e.key === "Escape") {
            setOpen(false);
            setQuery(value?.name ?? "");
          }
        }}
      />
      {open ? (
        <ul
          id={listId}
          role="listbox"
          aria-label={`${label}: matching contacts`}
          className="absolute z-20 mt-1 max-h-64 w-full min-w-56 overflow-auto rounded-md bg-white py-1 text-sm shadow-lg ring-1 ring-slate-200"
          onMouseDown={() => clearTimeout(blurTimer.current)}
        >
          {fetcher.state !== "idle" && options.length === 0 ? <li className="px-3 py-2 text-slate-500">Searching…</li> : null}
          {fetcher.state === "idle" && fetcher.data && options.length === 0 ? (
            <li className="px-3 py-2 text-slate-500">No contact matches “{query}”.</li>
          ) : null}
          {options.map((c, i) => (
            <li
              key={c.id}
              role="option"
              aria-selected={i === active}
              className={cx("cursor-pointer px-3 py-1.5", i === active ? "bg-indigo-50" : undefined)}
              onMouseEnter={() => setActive(i)}
              onMouseDown={(e) => {
                e.preventDefault();
                choose(c);
              }}
            >
              <span className="block font-medium text-slate-900">{c.name}</span>
              {c.email ? <span className="block text-xs text-slate-500">{c.email}</span> : null}
            </li>
          ))}
          {fetcher.data?.more ? <li className="px-3 py-1.5 text-xs text-slate-500">Keep typing to narrow the list.</li> : null}
        </ul>
      ) : null}
    </div>
  );
}
