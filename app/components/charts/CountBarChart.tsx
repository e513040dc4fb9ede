// A bar chart of counts. Takes a plain series; renders its SVG only after hydration (recharts
// measures the DOM), with a same-sized placeholder before. Bars with an href open it when clicked.
import { useNavigate } from "@remix-run/react";
import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { countOf, type CountPoint } from "./types";
import { useHydrated } from "./useHydrated";

export function CountBarChart({
  data,
  label,
  unit,
  horizontal = false,
  height = 260,
  color = "#4f46e5",
}: {
  data: ReadonlyArray<CountPoint>;
  /** What the chart shows, for screen readers and tests. */
  label: string;
  /** What is counted, singular: "asset", "device". */
  unit: string;
  /** Bars grow to the right, for long labels (customers). */
  horizontal?: boolean;
  height?: number;
  color?: string;
}) {
  const hydrated = useHydrated();
  const navigate = useNavigate();
  const rows = data.map((d) => ({ ...d }));
  return (
    <div role="img" aria-label={label} data-chart={label} style={{ height }} className="w-full">
      {hydrated ? (
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={rows} layout={horizontal ? "vertical" : "horizontal"} margin={{ top: 8, right: 16, bottom: 8, left: horizontal ? 8 : 0 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" horizontal={!horizontal} vertical={horizontal} />
            {horizontal ? (
              <>
                <XAxis type="number" allowDecimals={false} tick={{ fontSize: 12 }} />
                <YAxis type="category" dataKey="label" width={140} tick={{ fontSize: 12 }} interval={0} />
              </>
            ) : (
              <>
                <XAxis dataKey="label" tick={{ fontSize: 11 }} interval={0} height={48} angle={data.length > 6 ? -25 : 0} textAnchor={data.length > 6 ? "end" : "middle"} />
                <YAxis allowDecimals={false} tick={{ fontSize: 12 }} width={48} />
              </>
            )}
            <Tooltip formatter={(value) => [countOf(Number(value), unit), ""]} separator="" cursor={{ fill: "#eef2ff" }} />
            <Bar
              dataKey="value"
              isAnimationActive={false}
              radius={horizontal ? [0, 4, 4, 0] : [4, 4, 0, 0]}
              onClick={(_, index) => {
                const href = rows[index]?.href;
                if (href) navigate(href);
              }}
            >
              {rows.map((d) => (
                <Cell key={d.label} fill={d.color ?? color} cursor={d.href ? "pointer" : undefined} />
              ))}
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      ) : null}
    </div>
  );
}
