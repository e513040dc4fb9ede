// A donut of shares (status, warranty). Plain series in; SVG after hydration only.
import { useNavigate } from "@remix-run/react";
import { Cell, Pie, PieChart, ResponsiveContainer, Tooltip } from "recharts";
import { countOf, type CountPoint } from "./types";
import { useHydrated } from "./useHydrated";

const PALETTE = ["#4f46e5", "#0ea5e9", "#10b981", "#f59e0b", "#ef4444", "#8b5cf6", "#64748b"];

export function ShareDonutChart({ data, label, unit, height = 220 }: { data: ReadonlyArray<CountPoint>; label: string; unit: string; height?: number }) {
  const hydrated = useHydrated();
  const navigate = useNavigate();
  const rows = data.filter((d) => d.value > 0).map((d) => ({ ...d }));
  return (
    <div role="img" aria-label={label} data-chart={label} style={{ height }} className="w-full">
      {hydrated ? (
        <ResponsiveContainer width="100%" height="100%">
          <PieChart>
            <Pie
              data={rows}
              dataKey="value"
              nameKey="label"
              innerRadius="55%"
              outerRadius="85%"
              paddingAngle={rows.length > 1 ? 2 : 0}
              isAnimationActive={false}
              onClick={(_, index) => {
                const href = rows[index]?.href;
                if (href) navigate(href);
              }}
            >
              {rows.map((d, i) => (
                <Cell key={d.label} fill={d.color ?? PALETTE[i % PALETTE.length]} cursor={d.href ? "pointer" : undefined} />
              ))}
            </Pie>
            <Tooltip formatter={(value, name) => [countOf(Number(value), unit), String(name)]} />
          </PieChart>
        </ResponsiveContainer>
      ) : null}
    </div>
  );
}
