import type { Sales } from "../api/types";
import { money } from "../format";

/** Cumulative revenue over time as a small SVG line chart, with a table for screen readers. */
export function RevenueChart({ points }: { points: Sales["revenue_over_time"] }) {
  if (points.length === 0) return <p className="text-sm text-slate-600">No sales yet.</p>;
  const width = 600;
  const height = 200;
  const pad = 36;
  let running = 0;
  const series = points.map((p) => ({ at: new Date(p.at).getTime(), total: (running += p.revenue), tickets: p.tickets, revenue: p.revenue }));
  const first = series[0].at;
  const last = Math.max(series[series.length - 1].at, first + 60_000);
  const top = Math.max(...series.map((p) => p.total)) || 1;
  const x = (t: number) => pad + ((t - first) / (last - first)) * (width - 2 * pad);
  const y = (v: number) => height - pad - (v / top) * (height - 2 * pad);
  const path = series.map((p, i) => `${i ? "L" : "M"}${x(p.at).toFixed(1)},${y(p.total).toFixed(1)}`).join(" ");
  const time = (t: number) => new Date(t).toLocaleTimeString("en-US", { hour: "numeric", minute: "2-digit" });
  return (
    <figure>
      <svg viewBox={`0 0 ${width} ${height}`} className="w-full" role="img" aria-label={`Revenue over time, reaching ${money(top)}`}>
        <line x1={pad} y1={height - pad} x2={width - pad} y2={height - pad} stroke="#94a3b8" />
        <line x1={pad} y1={pad} x2={pad} y2={height - pad} stroke="#94a3b8" />
        <text x={pad - 4} y={pad + 4} textAnchor="end" fontSize="10" fill="#475569">{money(top)}</text>
        <text x={pad - 4} y={height - pad} textAnchor="end" fontSize="10" fill="#475569">$0</text>
        <text x={pad} y={height - pad + 14} fontSize="10" fill="#475569">{time(first)}</text>
        <text x={width - pad} y={height - pad + 14} textAnchor="end" fontSize="10" fill="#475569">{time(last)}</text>
        <path d={path} fill="none" stroke="#024ddf" strokeWidth="2.5" />
        {series.map((p) => <circle key={p.at} cx={x(p.at)} cy={y(p.total)} r="3" fill="#024ddf" />)}
      </svg>
      <figcaption className="sr-only">
        <table>
          <thead><tr><th>Minute</th><th>Revenue</th><th>Tickets</th></tr></thead>
          <tbody>{series.map((p) => <tr key={p.at}><td>{time(p.at)}</td><td>{money(p.revenue)}</td><td>{p.tickets}</td></tr>)}</tbody>
        </table>
      </figcaption>
    </figure>
  );
}
