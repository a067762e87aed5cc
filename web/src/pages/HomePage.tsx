import { useEffect, useState } from "react";
import { Link, useSearchParams } from "react-router-dom";
import { apiRaw, describe } from "../api/client";
import type { EventPage, TicketEvent } from "../api/types";
import { Alert, Spinner, StatusBadge, buttonSecondary, input } from "../components/ui";
import { categoryLabel, shortDate } from "../format";

const PageSize = 12;
const categories = ["", "concert", "sports", "theater", "comedy", "other"];

export function HomePage() {
  const [params, setParams] = useSearchParams();
  const search = params.get("search") ?? "";
  const category = params.get("category") ?? "";
  const from = params.get("from") ?? "";
  const to = params.get("to") ?? "";
  const page = Math.max(1, Number(params.get("page")) || 1);
  const [draft, setDraft] = useState(search);
  const [result, setResult] = useState<EventPage | null>(null);
  const [error, setError] = useState<string | null>(null);

  const update = (changes: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    if (!("page" in changes)) next.delete("page");
    setParams(next, { replace: true });
  };

  // Typing searches once the fan pauses, not on every keystroke.
  useEffect(() => {
    if (draft === search) return;
    const timer = setTimeout(() => update({ search: draft.trim() }), 250);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [draft]);

  useEffect(() => {
    const controller = new AbortController();
    const query = new URLSearchParams({ page: String(page), limit: String(PageSize) });
    if (search) query.set("search", search);
    if (category) query.set("category", category);
    if (from) query.set("from", from);
    if (to) query.set("to", to);
    setError(null);
    apiRaw<EventPage>(`/events?${query}`, { signal: controller.signal })
      .then((r) => setResult(r.body))
      .catch((e) => {
        if ((e as Error).name !== "AbortError") setError(describe(e));
      });
    return () => controller.abort();
  }, [search, category, from, to, page]);

  return (
    <div>
      <section className="mb-6 rounded-xl bg-gradient-to-r from-brand to-indigo-700 px-6 py-8 text-white">
        <h1 className="mb-4 text-3xl font-bold">Find your next experience</h1>
        <label className="sr-only" htmlFor="search">Search events</label>
        <input
          id="search"
          type="search"
          className="w-full rounded px-4 py-3 text-slate-900 bg-white"
          placeholder="Search events, artists, or venues"
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
        />
      </section>

      <div className="mb-4 flex flex-wrap items-end gap-3">
        <div role="group" aria-label="Category" className="flex flex-wrap gap-2">
          {categories.map((c) => (
            <button
              key={c || "all"}
              aria-pressed={category === c}
              onClick={() => update({ category: c })}
              className={`rounded-full border px-3 py-1 text-sm ${category === c ? "border-brand bg-brand text-white" : "border-slate-300 bg-white hover:bg-slate-100"}`}
            >
              {c ? categoryLabel[c] : "All events"}
            </button>
          ))}
        </div>
        <div className="ml-auto flex flex-wrap gap-2 text-sm">
          <label className="flex items-center gap-1">
            From <input type="date" className={`${input} py-1`} value={from} onChange={(e) => update({ from: e.target.value })} />
          </label>
          <label className="flex items-center gap-1">
            To <input type="date" className={`${input} py-1`} value={to} onChange={(e) => update({ to: e.target.value })} />
          </label>
        </div>
      </div>

      {error && <Alert>{error}</Alert>}
      {!result && !error && <Spinner label="Loading events" />}
      {result && result.data.length === 0 && <p className="py-12 text-center text-slate-600">No events found.</p>}
      {result && result.data.length > 0 && (
        <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3" aria-label="Events">
          {result.data.map((event) => (
            <EventCard key={event.id} event={event} />
          ))}
        </ul>
      )}

      {result && result.totalPages > 1 && (
        <nav className="mt-6 flex items-center justify-center gap-4" aria-label="Pages">
          <button className={buttonSecondary} disabled={page <= 1} onClick={() => update({ page: String(page - 1) })}>Previous</button>
          <span>Page {page} of {result.totalPages}</span>
          <button className={buttonSecondary} disabled={page >= result.totalPages} onClick={() => update({ page: String(page + 1) })}>Next</button>
        </nav>
      )}
    </div>
  );
}

function EventCard({ event }: { event: TicketEvent }) {
  const onSaleLater = event.status === "upcoming" && new Date(event.on_sale_date) > new Date();
  return (
    <li className="overflow-hidden rounded-lg border border-slate-200 bg-white shadow-sm transition hover:shadow-md">
      <Link to={`/events/${event.id}`} className="block h-full p-4">
        <div className="mb-2 flex flex-wrap items-center gap-2 text-xs">
          <span className="rounded bg-slate-100 px-2 py-0.5">{categoryLabel[event.category] ?? event.category}</span>
          <StatusBadge status={event.status} />
          {event.waiting_room_enabled && <span className="rounded bg-amber-100 px-2 py-0.5 text-amber-900">High demand</span>}
        </div>
        <h2 className="text-lg font-semibold leading-tight">{event.name}</h2>
        <p className="text-slate-600">{event.artist}</p>
        <p className="mt-2 text-sm">{shortDate(event.event_date)}</p>
        <p className="text-sm text-slate-600">{event.venue.name}, {event.venue.city}</p>
        {onSaleLater && <p className="mt-2 text-sm text-blue-800">On sale {shortDate(event.on_sale_date)}</p>}
        {event.status === "on_sale" && event.available_seats > 0 && (
          <p className="mt-2 text-sm text-green-800">{event.available_seats.toLocaleString()} seats available</p>
        )}
      </Link>
    </li>
  );
}
