// The numbers behind a chart, as a list: readable without JavaScript and by screen readers, and
// each row links to what it counts (plain anchors: put the legend inside InAppLinks from
// ~/components/ui so they navigate in the app).
import { countOf, type CountPoint } from "./types";

export function CountLegend({ data, unit, total }: { data: ReadonlyArray<CountPoint>; unit: string; total?: number }) {
  const sum = total ?? data.reduce((s, d) => s + d.value, 0);
  return (
    <ul className="mt-3 divide-y divide-slate-100 text-sm">
      {data.map((d) => (
        <li key={d.label} className="flex items-center gap-2 py-1.5">
          {d.color ? <span aria-hidden="true" className="inline-block h-2.5 w-2.5 rounded-sm" style={{ background: d.color }} /> : null}
          {d.href && d.value > 0 ? (
            <a href={d.href} className="text-indigo-700 hover:underline">
              {d.label}
            </a>
          ) : (
            <span>{d.label}</span>
          )}
          <span className="ml-auto tabular-nums">
            {countOf(d.value, unit)}
          </span>
          <span className="w-12 text-right text-xs tabular-nums text-slate-500">{sum ? `${Math.round((d.value / sum) * 100)}%` : "0%"}</span>
        </li>
      ))}
    </ul>
  );
}
