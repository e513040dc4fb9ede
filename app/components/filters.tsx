// Controls for GET filter forms (lists, reports): plain named inputs, so the form works without
// JavaScript and the URL is the state.
import { useSubmit } from "@remix-run/react";
import { useRef, type ReactNode } from "react";
import { CustomerPicker, type PickerOption } from "./CustomerPicker";

const controlClass =
  "mt-1 block w-full rounded-md border-0 px-3 py-2 text-sm shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-indigo-500";

export type Option = { value: string; label: string };

export function FilterSelect({
  label,
  name,
  value,
  options,
  anyLabel,
  className,
}: {
  label: string;
  name: string;
  value: string | undefined;
  options: ReadonlyArray<Option>;
  /** The first, empty option ("Any customer"); omit for selects that always have a value. */
  anyLabel?: string;
  className?: string;
}) {
  return (
    <div className={className}>
      <label htmlFor={`filter-${name}`} className="block text-xs font-medium text-slate-600">
        {label}
      </label>
      <select id={`filter-${name}`} name={name} defaultValue={value ?? ""} key={`${name}:${value ?? ""}`} className={controlClass}>
        {anyLabel !== undefined ? <option value="">{anyLabel}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function FilterSearch({ label, name, value, placeholder, className }: { label: string; name: string; value: string | undefined; placeholder?: string; className?: string }) {
  return (
    <div className={className}>
      <label htmlFor={`filter-${name}`} className="block text-xs font-medium text-slate-600">
        {label}
      </label>
      <input
        id={`filter-${name}`}
        type="search"
        name={name}
        defaultValue={value ?? ""}
        key={`${name}:${value ?? ""}`}
        placeholder={placeholder}
        maxLength={200}
        className={controlClass}
      />
    </div>
  );
}

export function FilterBar({ children }: { children: ReactNode }) {
  return <div className="mb-4 grid grid-cols-2 items-end gap-3 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200 md:grid-cols-3 xl:grid-cols-6">{children}</div>;
}

/**
 * The customer filter: the type-ahead picker (options loaded as you type), posting `name` like a
 * select. `onPick` applies it at once (the route submits the form with the new value).
 */
/**
 * The customer filter: the type-ahead picker. Choosing a customer re-submits the surrounding GET
 * form with the new choice (and `clear`'s fields emptied, e.g. a contact of another customer).
 */
export function FilterCustomer({
  name = "customerId",
  label = "Customer",
  value,
  anyLabel = "Any customer",
  noCustomerValue,
  clear = [],
  className,
}: {
  name?: string;
  label?: string;
  value: PickerOption | null;
  anyLabel?: string;
  /** When set, a "No customer" choice with this value is offered (e.g. "unassigned"). */
  noCustomerValue?: string;
  /** Fields of the form to empty when the customer changes. */
  clear?: string[];
  className?: string;
}) {
  const submit = useSubmit();
  const box = useRef<HTMLDivElement>(null);
  return (
    <div className={className} ref={box}>
      <CustomerPicker
        name={name}
        id={`filter-${name}`}
        label={label}
        value={value}
        noneLabel={anyLabel}
        fixedOptions={noCustomerValue ? [{ value: noCustomerValue, label: "No customer" }] : []}
        onChange={(picked) => {
          const form = box.current?.closest("form");
          if (!form) return;
          const data = new FormData(form);
          data.set(name, picked);
          for (const field of clear) data.set(field, "");
          submit(data, { method: "get", replace: true });
        }}
        includeArchived
        labelClassName="block text-xs font-medium text-slate-600"
        inputClassName={`${controlClass} mt-1`}
      />
    </div>
  );
}
