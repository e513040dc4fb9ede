// Keyset pagination links: "Next page" carries the opaque cursor, the filters stay in the URL.
import { Link, useLocation } from "@remix-run/react";
import { formatCount } from "@workers/domain/numbers";

export function Pagination({ nextCursor, shown, unit }: { nextCursor: string | null; shown: number; unit: string }) {
  const location = useLocation();
  const params = new URLSearchParams(location.search);
  const onLaterPage = params.has("cursor");
  const first = new URLSearchParams(params);
  first.delete("cursor");
  const next = new URLSearchParams(params);
  if (nextCursor) next.set("cursor", nextCursor);
  if (!nextCursor && !onLaterPage) return null;
  return (
    <nav aria-label="Pagination" className="mt-4 flex items-center justify-between text-sm text-slate-600">
      <span>
        Showing {formatCount(shown)} {unit}
        {onLaterPage ? " (a later page)" : ""}
      </span>
      <span className="flex gap-4">
        {onLaterPage ? (
          <Link to={`?${first}`} className="text-indigo-600 hover:underline">
            ← First page
          </Link>
        ) : null}
        {nextCursor ? (
          <Link to={`?${next}`} className="font-medium text-indigo-600 hover:underline">
            Next page →
          </Link>
        ) : null}
      </span>
    </nav>
  );
}
