// Lifecycle pieces shown the same way on the EOL page, the asset page and the customer page.
import { Link } from "@remix-run/react";
import { EOL_CLASS_LABELS, EOL_CLASSES, type EolClass } from "@workers/domain/eol";
import { Badge, type BadgeTone } from "./ui";
import { formatCount } from "@workers/domain/numbers";

const EOL_TONES: Record<EolClass, BadgeTone> = { overdue: "red", approaching: "amber", compliant: "green", unknown: "gray" };

export function EolBadge({ classification }: { classification: EolClass }) {
  return <Badge tone={EOL_TONES[classification]}>{EOL_CLASS_LABELS[classification]}</Badge>;
}

/** Counts per classification, each opening the EOL Recommendations filtered to it. */
export function EolCounts({ counts, query }: { counts: Record<EolClass, number>; query: string }) {
  return (
    <ul className="grid grid-cols-2 gap-3 sm:grid-cols-4">
      {EOL_CLASSES.map((c) => (
        <li key={c} className="rounded-md bg-slate-50 p-3">
          <Link to={`/assets/eol?${query}${query ? "&" : ""}classification=${c}`} className="block hover:underline" data-testid={`lifecycle-${c}`}>
            <EolBadge classification={c} />
            <span className="mt-1 block text-xl font-semibold tabular-nums">{formatCount(counts[c])}</span>
          </Link>
        </li>
      ))}
    </ul>
  );
}
