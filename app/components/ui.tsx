// Shared UI pieces. Keep pages consistent by building them from these.
import { getInputProps, getSelectProps, getTextareaProps, type FieldMetadata } from "@conform-to/react";
import { Link, useNavigate } from "@remix-run/react";
import type { ButtonHTMLAttributes, ReactNode } from "react";

export function cx(...classes: Array<string | false | null | undefined>) {
  return classes.filter(Boolean).join(" ");
}

type Variant = "primary" | "secondary" | "danger" | "ghost";
const VARIANTS: Record<Variant, string> = {
  primary: "bg-indigo-600 text-white hover:bg-indigo-500 disabled:bg-indigo-300",
  secondary: "bg-white text-slate-800 ring-1 ring-slate-300 hover:bg-slate-50 disabled:text-slate-400",
  danger: "bg-rose-600 text-white hover:bg-rose-500 disabled:bg-rose-300",
  ghost: "text-slate-700 hover:bg-slate-100",
};
const buttonBase = "inline-flex items-center justify-center gap-2 rounded-md px-3 py-2 text-sm font-medium shadow-sm";

export function Button({
  variant = "primary",
  className,
  ...props
}: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: Variant }) {
  return <button type="submit" {...props} className={cx(buttonBase, VARIANTS[variant], className)} />;
}

export function ButtonLink({ to, variant = "secondary", children }: { to: string; variant?: Variant; children: ReactNode }) {
  return (
    <Link to={to} className={cx(buttonBase, VARIANTS[variant])}>
      {children}
    </Link>
  );
}

export function PageHeader({ title, description, actions }: { title: string; description?: ReactNode; actions?: ReactNode }) {
  return (
    <div className="mb-6 flex flex-wrap items-start justify-between gap-4">
      <div className="min-w-0 max-w-full [overflow-wrap:anywhere]">
        <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
        {description ? <p className="mt-1 text-sm text-slate-600">{description}</p> : null}
      </div>
      {actions ? <div className="flex items-center gap-2">{actions}</div> : null}
    </div>
  );
}

export function Card({ title, actions, children, className }: { title?: ReactNode; actions?: ReactNode; children: ReactNode; className?: string }) {
  return (
    <section className={cx("min-w-0 rounded-lg bg-white p-5 shadow-sm ring-1 ring-slate-200", className)}>
      {title || actions ? (
        <div className="mb-4 flex items-center justify-between gap-3">
          {title ? <h2 className="min-w-0 text-base font-semibold [overflow-wrap:anywhere]">{title}</h2> : <span />}
          {actions}
        </div>
      ) : null}
      {children}
    </section>
  );
}

const BADGE_TONES = {
  green: "bg-emerald-50 text-emerald-700 ring-emerald-600/20",
  red: "bg-rose-50 text-rose-700 ring-rose-600/20",
  amber: "bg-amber-50 text-amber-800 ring-amber-600/20",
  yellow: "bg-yellow-50 text-yellow-800 ring-yellow-600/30",
  blue: "bg-sky-50 text-sky-700 ring-sky-600/20",
  indigo: "bg-indigo-50 text-indigo-700 ring-indigo-600/20",
  gray: "bg-slate-100 text-slate-700 ring-slate-500/20",
} as const;
export type BadgeTone = keyof typeof BADGE_TONES;

export function Badge({ tone = "gray", children, title }: { tone?: BadgeTone; children: ReactNode; title?: string }) {
  return (
    <span title={title} className={cx("inline-flex items-center rounded-md px-2 py-0.5 text-xs font-medium ring-1 ring-inset", BADGE_TONES[tone])}>
      {children}
    </span>
  );
}

export function EmptyState({ title, children, action }: { title: string; children?: ReactNode; action?: ReactNode }) {
  return (
    <div className="rounded-lg border border-dashed border-slate-300 bg-white px-6 py-10 text-center">
      <p className="font-medium">{title}</p>
      {children ? <div className="mt-1 text-sm text-slate-600">{children}</div> : null}
      {action ? <div className="mt-4">{action}</div> : null}
    </div>
  );
}

export function Alert({ tone = "red", children }: { tone?: "red" | "green" | "amber" | "blue"; children: ReactNode }) {
  const tones = {
    red: "bg-rose-50 text-rose-800 ring-rose-200",
    green: "bg-emerald-50 text-emerald-800 ring-emerald-200",
    amber: "bg-amber-50 text-amber-900 ring-amber-200",
    blue: "bg-sky-50 text-sky-900 ring-sky-200",
  };
  return (
    <div role={tone === "red" ? "alert" : "status"} className={cx("mb-4 rounded-md px-4 py-3 text-sm ring-1", tones[tone])}>
      {children}
    </div>
  );
}

export function Table({ children }: { children: ReactNode }) {
  return (
    // `relative`: absolutely positioned bits inside cells (sr-only labels) are clipped with the table
    // instead of widening the page.
    <div className="relative overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
      <table className={`min-w-full divide-y divide-slate-200 text-sm ${CELL}`}>{children}</table>
    </div>
  );
}
/**
 * Body cells' padding, set once on the table rather than on each of a long list's cells (500 on
 * a page of 50 assets): a class on one cell can't override it, so Td takes no padding classes.
 */
const CELL = "[&_td]:px-4 [&_td]:py-2.5 [&_td]:align-top";
export function Th({ children, className }: { children?: ReactNode; className?: string }) {
  return <th className={cx("px-4 py-2.5 text-left text-xs font-semibold uppercase tracking-wide text-slate-500", className)}>{children}</th>;
}
/** A body cell of a Table (which pads it). */
export function Td({ children, className }: { children?: ReactNode; className?: string }) {
  return <td className={className}>{children}</td>;
}

/**
 * Plain `<a href>` links inside it navigate like Remix `<Link>`s once JavaScript runs (in the
 * app, no document load; a modified or middle click, `target` or `download` behave as the browser
 * does), and as ordinary links before or without it. For long tables: a `<Link>` costs several
 * router hooks per server render, and a page of 50 assets has 100 of them.
 */
export function InAppLinks({ children, className }: { children: ReactNode; className?: string }) {
  const navigate = useNavigate();
  return (
    <div
      className={className}
      onClick={(event) => {
        if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.altKey || event.ctrlKey || event.shiftKey) return;
        const link = event.target instanceof Element ? event.target.closest("a") : null;
        if (!link || !event.currentTarget.contains(link) || (link.target && link.target !== "_self") || link.hasAttribute("download")) return;
        const url = new URL(link.href);
        if (url.origin !== window.location.origin) return;
        event.preventDefault();
        navigate(url.pathname + url.search + url.hash);
      }}
    >
      {children}
    </div>
  );
}

const inputClass =
  "mt-1 block w-full rounded-md border-0 px-3 py-2 text-sm shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-indigo-500 aria-[invalid=true]:ring-rose-500";

function FieldShell({ label, id, errors, hint, children }: { label: string; id: string; errors?: string[]; hint?: ReactNode; children: ReactNode }) {
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      {children}
      {hint && !errors?.length ? <p className="mt-1 text-xs text-slate-500">{hint}</p> : null}
      {errors?.length ? (
        <p id={`${id}-error`} className="mt-1 text-xs text-rose-600">
          {errors.join(" ")}
        </p>
      ) : null}
    </div>
  );
}

type AnyField = FieldMetadata<unknown>;

export function TextField({
  label,
  field,
  type = "text",
  hint,
  autoComplete,
  placeholder,
}: {
  label: string;
  field: FieldMetadata<string | undefined | null> | AnyField;
  type?: "text" | "email" | "password" | "date" | "url" | "tel" | "search" | "number";
  hint?: ReactNode;
  autoComplete?: string;
  placeholder?: string;
}) {
  const props = getInputProps(field as FieldMetadata<string>, { type });
  return (
    <FieldShell label={label} id={field.id} errors={field.errors} hint={hint}>
      <input {...props} key={props.key} autoComplete={autoComplete} placeholder={placeholder} className={inputClass} />
    </FieldShell>
  );
}

export function TextAreaField({ label, field, rows = 4, hint }: { label: string; field: AnyField; rows?: number; hint?: ReactNode }) {
  const props = getTextareaProps(field as FieldMetadata<string>);
  return (
    <FieldShell label={label} id={field.id} errors={field.errors} hint={hint}>
      <textarea {...props} key={props.key} rows={rows} className={inputClass} />
    </FieldShell>
  );
}

export function SelectField({
  label,
  field,
  options,
  placeholder,
  hint,
}: {
  label: string;
  field: AnyField;
  options: ReadonlyArray<{ value: string; label: string }>;
  placeholder?: string;
  hint?: ReactNode;
}) {
  const props = getSelectProps(field as FieldMetadata<string>);
  return (
    <FieldShell label={label} id={field.id} errors={field.errors} hint={hint}>
      <select {...props} key={props.key} className={inputClass}>
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

export function CheckboxField({ label, field, hint }: { label: string; field: AnyField; hint?: ReactNode }) {
  const props = getInputProps(field as FieldMetadata<boolean>, { type: "checkbox" });
  return (
    <div className="flex items-start gap-3">
      <input {...props} key={props.key} className="mt-0.5 h-4 w-4 rounded border-slate-300 text-indigo-600 focus:ring-indigo-500" />
      <div>
        <label htmlFor={field.id} className="block text-sm font-medium text-slate-700">
          {label}
        </label>
        {hint ? <p className="mt-0.5 text-xs text-slate-500">{hint}</p> : null}
        {field.errors?.length ? (
          <p id={`${field.id}-error`} className="mt-1 text-xs text-rose-600">
            {field.errors.join(" ")}
          </p>
        ) : null}
      </div>
    </div>
  );
}

export function FormErrors({ errors }: { errors?: string[] }) {
  if (!errors?.length) return null;
  return <Alert>{errors.join(" ")}</Alert>;
}

// Dates: one format everywhere, in the reader's time zone (workers/domain/dates.ts).
export { formatDate, formatDateTime, formatDay } from "@workers/domain/dates";
// Counts: thousands separators everywhere (workers/domain/numbers.ts).
export { formatCount } from "@workers/domain/numbers";
