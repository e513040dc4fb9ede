// Bars stacked by series (e.g. replacements per quarter, by device category). Takes a plain
// series; draws its SVG only after hydration (recharts measures the DOM).
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { countOf } from "./types";
import { useHydrated } from "./useHydrated";

export type StackSeries = { key: string; label: string; color: string };

export function StackedBarChart({
  data,
  series,
  label,
  unit,
  height = 280,
}: {
  data: ReadonlyArray<Record<string, string | number>>;
  series: ReadonlyArray<StackSeries>;
  /** What the chart shows, for screen readers and tests. */
  label: string;
  /** What is counted, singular. */
  unit: string;
  height?: number;
}) {
  const hydrated = useHydrated();
  return (
    <div role="img" aria-label={label} data-chart={label} style={{ height }} className="w-full">
      {hydrated ? (
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data.map((d) => ({ ...d }))} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" vertical={false} />
            <XAxis dataKey="label" tick={{ fontSize: 12 }} interval={0} />
            <YAxis allowDecimals={false} tick={{ fontSize: 12 }} width={48} />
            <Tooltip formatter={(value, name) => [countOf(Number(value), unit), String(name)]} cursor={{ fill: "#eef2ff" }} />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            {series.map((s) => (
              <Bar key={s.key} dataKey={s.key} name={s.label} stackId="stack" fill={s.color} isAnimationActive={false} />
            ))}
          </BarChart>
        </ResponsiveContainer>
      ) : null}
    </div>
  );
}
