import { useCallback, useEffect, useState } from "react";
import { Link, useParams } from "react-router-dom";
import { api, describe } from "../../api/client";
import type { EventStatus, Sales, SectionAvailability, TicketEvent } from "../../api/types";
import { RevenueChart } from "../../components/RevenueChart";
import { Alert, Spinner, StatusBadge, button, buttonSecondary } from "../../components/ui";
import { longDate, money } from "../../format";
import { AdminGate } from "./AdminGate";

const RefreshMs = 5000;
const transitions: Record<EventStatus, EventStatus[]> = {
  upcoming: ["on_sale", "cancelled"],
  on_sale: ["sold_out", "cancelled", "completed"],
  sold_out: ["on_sale", "cancelled", "completed"],
  cancelled: [],
  completed: [],
};

export default function DashboardPage() {
  return (
    <AdminGate>
      <Dashboard />
    </AdminGate>
  );
}

interface Counts { available: number; held: number; sold: number; total: number }

function count(sections: SectionAvailability[]): { all: Counts; bySection: [string, Counts][] } {
  const all: Counts = { available: 0, held: 0, sold: 0, total: 0 };
  const bySection = sections.map((s): [string, Counts] => {
    const c: Counts = { available: 0, held: 0, sold: 0, total: s.seats.length };
    for (const seat of s.seats) c[seat.status] += 1;
    all.available += c.available; all.held += c.held; all.sold += c.sold; all.total += c.total;
    return [s.section, c];
  });
  return { all, bySection };
}

function Dashboard() {
  const { eventId = "" } = useParams();
  const [event, setEvent] = useState<TicketEvent | null>(null);
  const [seats, setSeats] = useState<SectionAvailability[] | null>(null);
  const [sales, setSales] = useState<Sales | null>(null);
  const [salesError, setSalesError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [next, setNext] = useState<EventStatus | "">("");

  const refresh = useCallback(async () => {
    try {
      setEvent(await api<TicketEvent>(`/events/${eventId}`));
      setSeats(await api<SectionAvailability[]>(`/seats/${eventId}/availability`));
    } catch (e) {
      setError(describe(e));
    }
    try {
      setSales(await api<Sales>(`/checkout/admin/events/${eventId}/sales`));
      setSalesError(null);
    } catch (e) {
      setSalesError(describe(e));
    }
  }, [eventId]);

  useEffect(() => {
    void refresh();
    const timer = setInterval(refresh, RefreshMs);
    return () => clearInterval(timer);
  }, [refresh]);

  const changeStatus = async () => {
    if (!next) return;
    setError(null);
    try {
      await api(`/events/${eventId}/status`, { method: "PATCH", body: { status: next } });
      setNext("");
      await refresh();
    } catch (e) {
      setError(describe(e));
    }
  };

  if (!event) return error ? <Alert>{error}</Alert> : <Spinner />;
  const counts = seats ? count(seats) : null;
  return (
    <div className="space-y-6">
      <div>
        <Link to="/admin" className="text-sm text-brand underline">All events</Link>
        <div className="flex flex-wrap items-center gap-2">
          <h1 className="mr-2 text-2xl font-bold">{event.name}</h1>
          <StatusBadge status={event.status} />
        </div>
        <p className="text-slate-600">{longDate(event.event_date)} · {event.venue.name} · on sale {longDate(event.on_sale_date)}</p>
        <Link to={`/events/${event.id}`} className="text-sm text-brand underline">View as a fan</Link>
      </div>
      {error && <Alert onDismiss={() => setError(null)}>{error}</Alert>}

      <section className="flex flex-wrap items-end gap-2 rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="status-title">
        <h2 id="status-title" className="w-full font-semibold">Status</h2>
        {transitions[event.status].length === 0 ? (
          <p className="text-sm text-slate-600">This event is {event.status}; its status can't change any more.</p>
        ) : (
          <>
            <label className="text-sm">
              Change to{" "}
              <select className="rounded border border-slate-300 px-2 py-2" value={next} onChange={(e) => setNext(e.target.value as EventStatus)}>
                <option value="">Choose…</option>
                {transitions[event.status].map((s) => <option key={s} value={s}>{s.replace("_", " ")}</option>)}
              </select>
            </label>
            <button className={button} disabled={!next} onClick={changeStatus}>Update status</button>
          </>
        )}
      </section>

      <section aria-labelledby="seats-title" className="space-y-2">
        <h2 id="seats-title" className="text-xl font-semibold">Seats</h2>
        {!counts ? <Spinner /> : (
          <>
            <dl className="grid grid-cols-3 gap-3 text-center" data-testid="seat-counts">
              <Stat label="Sold" value={counts.all.sold} total={counts.all.total} className="bg-slate-800 text-white" />
              <Stat label="Held" value={counts.all.held} total={counts.all.total} className="bg-amber-100" />
              <Stat label="Available" value={counts.all.available} total={counts.all.total} className="bg-green-100" />
            </dl>
            <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
              <table className="w-full text-right text-sm">
                <thead className="bg-slate-100"><tr><th className="p-2 text-left">Section</th><th className="p-2">Sold</th><th className="p-2">Held</th><th className="p-2">Available</th><th className="p-2">Total</th></tr></thead>
                <tbody>
                  {counts.bySection.map(([name, c]) => (
                    <tr key={name} className="border-t"><td className="p-2 text-left">{name}</td><td className="p-2">{c.sold}</td><td className="p-2">{c.held}</td><td className="p-2">{c.available}</td><td className="p-2">{c.total}</td></tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </section>

      <section aria-labelledby="sales-title" className="space-y-2 rounded-lg border border-slate-200 bg-white p-4">
        <div className="flex items-center gap-2">
          <h2 id="sales-title" className="mr-auto text-xl font-semibold">Sales</h2>
          <button className={buttonSecondary} onClick={refresh}>Refresh</button>
        </div>
        {salesError && !sales && <Alert kind="info">Sales figures are unavailable: {salesError}</Alert>}
        {sales && (
          <>
            <p><strong>{money(sales.revenue)}</strong> from {sales.tickets_sold} tickets in {sales.orders} orders</p>
            <RevenueChart points={sales.revenue_over_time} />
          </>
        )}
      </section>
    </div>
  );
}

function Stat({ label, value, total, className }: { label: string; value: number; total: number; className: string }) {
  return (
    <div className={`rounded-lg p-3 ${className}`}>
      <dt className="text-sm">{label}</dt>
      <dd className="text-2xl font-bold">{value.toLocaleString()}</dd>
      <dd className="text-xs">{total ? Math.round((value / total) * 100) : 0}%</dd>
    </div>
  );
}
