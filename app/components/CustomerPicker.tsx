// The searchable customer picker: a type-ahead combobox (ARIA 1.2 pattern) whose options come a page
// at a time from /customers/options, so no page renders every customer. It posts like a select: a
// hidden input `name` holding the chosen id ("" for none). Keyboard: type to search, ↑/↓ to move,
// Enter to choose, Escape to close. Before JavaScript loads it shows the current customer and still
// posts it, so forms keep working.
import { useEffect, useId, useRef, useState } from "react";
import { cx } from "./ui";

export type PickerOption = { value: string; label: string; detail?: string };
type Pick = { id: string; name: string; archived: boolean; detail: string };

const inputClass =
  "block w-full rounded-md border-0 px-3 py-2 text-sm shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-indigo-500 aria-[invalid=true]:ring-rose-500";

export function CustomerPicker({
  name,
  label,
  value,
  noneLabel,
  fixedOptions = [],
  onChange,
  id,
  errors,
  hint,
  includeArchived = false,
  labelClassName = "block text-sm font-medium text-slate-700",
  inputClassName,
  hideLabel = false,
}: {
  name: string;
  label: string;
  /** The current choice with its label ("" / null: none). */
  value: PickerOption | null;
  /** The "no customer" (or "any customer") choice; omit when a customer is required. */
  noneLabel?: string;
  /** Choices listed before the customers (e.g. "No customer" in a filter, or "+ New customer"). */
  fixedOptions?: PickerOption[];
  onChange?: (value: string, option: PickerOption) => void;
  id?: string;
  errors?: string[];
  hint?: string;
  includeArchived?: boolean;
  labelClassName?: string;
  inputClassName?: string;
  hideLabel?: boolean;
}) {
  const autoId = useId();
  const inputId = id ?? `customer-picker-${autoId}`;
  const listId = `${inputId}-list`;
  const none: PickerOption | null = noneLabel !== undefined ? { value: "", label: noneLabel } : null;
  const [chosen, setChosen] = useState<PickerOption | null>(value ?? none);
  const [query, setQuery] = useState<string | null>(null); // null: not editing, the input shows the choice
  const [open, setOpen] = useState(false);
  const [found, setFound] = useState<{ q: string; picks: Pick[]; more: boolean } | null>(null);
  const [active, setActive] = useState(0);
  const [failed, setFailed] = useState(false);
  const abort = useRef<AbortController | null>(null);
  const [ready, setReady] = useState(false); // hydrated: typing searches
  useEffect(() => setReady(true), []);

  // A new value from the server (after a redirect or a failed post) replaces the choice.
  useEffect(() => setChosen(value ?? none), [value?.value]); // eslint-disable-line react-hooks/exhaustive-deps

  const needle = (query ?? "").trim();
  useEffect(() => {
    if (!open) return;
    const timer = setTimeout(() => {
      abort.current?.abort();
      const controller = new AbortController();
      abort.current = controller;
      const params = new URLSearchParams({ q: needle, limit: "20" });
      if (includeArchived) params.set("archived", "include");
      fetch(`/customers/options?${params}`, { signal: controller.signal, headers: { Accept: "application/json" } })
        .then((res) => (res.ok ? (res.json() as Promise<{ customers: Pick[]; more: boolean }>) : Promise.reject(new Error(String(res.status)))))
        .then((body) => {
          setFound({ q: needle, picks: body.customers, more: body.more });
          setFailed(false);
        })
        .catch((error: unknown) => {
          if (!(error instanceof DOMException && error.name === "AbortError")) setFailed(true);
        });
    }, 120);
    return () => clearTimeout(timer);
  }, [open, needle, includeArchived]);

  const lower = needle.toLocaleLowerCase();
  const fixed = [...(none ? [none] : []), ...fixedOptions].filter((o) => !lower || o.label.toLocaleLowerCase().includes(lower));
  const options: PickerOption[] = [
    ...fixed,
    ...(found?.picks ?? []).map((p) => ({ value: p.id, label: p.archived ? `${p.name} (archived)` : p.name, detail: p.detail })),
  ];
  const activeIndex = Math.min(active, Math.max(0, options.length - 1));

  const choose = (option: PickerOption) => {
    setChosen(option);
    setQuery(null);
    setOpen(false);
    onChange?.(option.value, option);
  };
  const close = () => {
    setQuery(null);
    setOpen(false);
  };

  return (
    <div className="relative">
      <label htmlFor={inputId} className={hideLabel ? "sr-only" : labelClassName}>
        {label}
      </label>
      <input type="hidden" name={name} value={chosen?.value ?? ""} />
      <input
        id={inputId}
        type="text"
        role="combobox"
        data-ready={ready || undefined}
        autoComplete="off"
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={listId}
        aria-activedescendant={open && options[activeIndex] ? `${listId}-${activeIndex}` : undefined}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={errors?.length ? `${inputId}-error` : hint ? `${inputId}-hint` : undefined}
        placeholder="Type to search customers…"
        value={query ?? chosen?.label ?? ""}
        onFocus={(e) => {
          e.currentTarget.select();
          setOpen(true);
        }}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
          setOpen(true);
        }}
        onBlur={() => setTimeout(close, 150)}
        onKeyDown={(e) => {
          if (e.key === "ArrowDown") {
            e.preventDefault();
            setOpen(true);
            setActive(Math.min(activeIndex + 1, options.length - 1));
          } else if (e.key === "ArrowUp") {
            e.preventDefault();
            setActive(Math.max(activeIndex - 1, 0));
          } else if (e.key === "Enter") {
            if (open) {
              e.preventDefault(); // choosing, not submitting
              const option = options[activeIndex];
              if (option) choose(option);
            }
          } else if (e.key === "Escape") {
            if (open) e.preventDefault();
            close();
          }
        }}
        className={cx(inputClassName ?? cx(inputClass, !hideLabel && "mt-1"))}
      />
      {open ? (
        <ul
          id={listId}
          role="listbox"
          aria-label="Matching customers"
          className="absolute z-30 mt-1 max-h-72 w-full min-w-64 overflow-y-auto rounded-md bg-white py-1 text-sm shadow-lg ring-1 ring-slate-200"
        >
          {options.map((option, i) => (
            <li
              key={`${option.value}:${i}`}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === activeIndex}
              onMouseDown={(e) => e.preventDefault()} // keep focus in the input
              onClick={() => choose(option)}
              onMouseEnter={() => setActive(i)}
              className={cx("cursor-pointer px-3 py-1.5", i === activeIndex ? "bg-indigo-50 text-indigo-900" : "text-slate-800")}
            >
              <span className="block truncate">{option.label}</span>
              {option.detail ? <span className="block truncate text-xs text-slate-500">{option.detail}</span> : null}
            </li>
          ))}
          {found === null && !failed ? <li className="px-3 py-1.5 text-slate-500">Searching…</li> : null}
          {failed ? <li className="px-3 py-1.5 text-rose-600">Could not load customers. Type again to retry.</li> : null}
          {found && found.picks.length === 0 && needle ? <li className="px-3 py-1.5 text-slate-500">{`No customer matches “${needle}”.`}</li> : null}
          {found?.more ? <li className="px-3 py-1.5 text-xs text-slate-500">Type more of the name to see other customers.</li> : null}
        </ul>
      ) : null}
      {errors?.length ? (
        <p id={`${inputId}-error`} className="mt-1 text-xs text-rose-600">
          {errors.join(" ")}
        </p>
      ) : hint ? (
        <p id={`${inputId}-hint`} className="mt-1 text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
    </div>
  );
}
