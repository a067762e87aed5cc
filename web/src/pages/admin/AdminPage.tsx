import { useEffect, useState } from "react";
import { Link } from "react-router-dom";
import { apiRaw, describe } from "../../api/client";
import type { EventPage } from "../../api/types";
import { Alert, Spinner, StatusBadge, button, buttonSecondary } from "../../components/ui";
import { shortDate } from "../../format";
import { AdminGate } from "./AdminGate";

export default function AdminPage() {
  return (
    <AdminGate>
      <EventList />
    </AdminGate>
  );
}

function EventList() {
  const [page, setPage] = useState(1);
  const [result, setResult] = useState<EventPage | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    apiRaw<EventPage>(`/events?limit=25&page=${page}`).then((r) => setResult(r.body)).catch((e) => setError(describe(e)));
  }, [page]);

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-2">
        <h1 className="mr-auto text-2xl font-bold">Organiser</h1>
        <Link to="/admin/venues/new" className={buttonSecondary}>New venue</Link>
        <Link to="/admin/events/new" className={button}>New event</Link>
      </div>
      {error && <Alert>{error}</Alert>}
      {!result && !error && <Spinner />}
      {result && (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-left text-sm">
            <thead className="bg-slate-100">
              <tr><th className="p-2">Event</th><th className="p-2">Date</th><th className="p-2">Status</th><th className="p-2 text-right">Available</th></tr>
            </thead>
            <tbody>
              {result.data.map((e) => (
                <tr key={e.id} className="border-t">
                  <td className="p-2"><Link className="text-brand underline" to={`/admin/events/${e.id}`}>{e.name}</Link><div className="text-xs text-slate-500">{e.venue.name}</div></td>
                  <td className="p-2">{shortDate(e.event_date)}</td>
                  <td className="p-2"><StatusBadge status={e.status} /></td>
                  <td className="p-2 text-right">{e.available_seats.toLocaleString()} / {e.total_capacity.toLocaleString()}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {result && result.totalPages > 1 && (
        <div className="flex justify-center gap-3">
          <button className={buttonSecondary} disabled={page <= 1} onClick={() => setPage(page - 1)}>Previous</button>
          <span className="self-center">Page {page} of {result.totalPages}</span>
          <button className={buttonSecondary} disabled={page >= result.totalPages} onClick={() => setPage(page + 1)}>Next</button>
        </div>
      )}
    </div>
  );
}
