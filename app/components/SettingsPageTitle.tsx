// The title of a page under Settings: the Settings layout already shows the page-level heading,
// so these pages carry a section heading, with an optional way back up.
import { Link } from "@remix-run/react";
import type { ReactNode } from "react";

export function SettingsPageTitle({ title, description, back }: { title: string; description?: ReactNode; back?: { to: string; label: string } }) {
  return (
    <div className="mb-5">
      {back ? (
        <p className="mb-1 text-sm">
          <Link to={back.to} className="text-indigo-600 hover:underline">
            ← {back.label}
          </Link>
        </p>
      ) : null}
      <h2 className="text-xl font-semibold tracking-tight">{title}</h2>
      {description ? <p className="mt-1 text-sm text-slate-600">{description}</p> : null}
    </div>
  );
}
