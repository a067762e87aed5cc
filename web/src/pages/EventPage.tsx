import { useEffect, useState } from "react";
import { Link, useParams } from "react-router-dom";
import { api, describe } from "../api/client";
import type { TicketEvent } from "../api/types";
import { useAuth } from "../auth";
import { SeatPicker } from "../components/SeatPicker";
import { Alert, Spinner, StatusBadge, button } from "../components/ui";
import { useQueue } from "../components/useQueue";
import { WaitingRoom } from "../components/WaitingRoom";
import { categoryLabel, longDate } from "../format";

export default function EventPage() {
  const { eventId = "" } = useParams();
  const { user, loading } = useAuth();
  const [event, setEvent] = useState<TicketEvent | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    setEvent(null);
    api<TicketEvent>(`/events/${eventId}`).then(setEvent).catch((e) => setError(describe(e)));
  }, [eventId]);

  const gated = !!event?.waiting_room_enabled && (event.status === "on_sale" || event.status === "upcoming");
  const queue = useQueue(eventId, gated && !!user);

  if (error) {
    return (
      <div className="py-12 text-center">
        <Alert>{error}</Alert>
        <Link to="/" className="mt-4 inline-block text-brand underline">Back to events</Link>
      </div>
    );
  }
  if (!event || loading) return <Spinner label="Loading event" />;
  if (gated && queue.status?.status === "waiting") {
    return <WaitingRoom eventName={event.name} status={queue.status} onLeave={queue.leave} />;
  }

  const onSale = event.status === "on_sale";
  const admitted = !event.waiting_room_enabled || queue.status?.status === "active";
  return (
    <div className="space-y-6">
      <EventHeader event={event} />
      {queue.error && <Alert>{queue.error}</Alert>}
      {event.status === "upcoming" && <Alert kind="info">Tickets go on sale {longDate(event.on_sale_date)}.</Alert>}
      {event.status === "sold_out" && <Alert kind="info">This event is sold out.</Alert>}
      {event.status === "cancelled" && <Alert>This event has been cancelled.</Alert>}
      {queue.status?.status === "sold_out" && <Alert kind="info">Sold out: there is nothing left to wait for.</Alert>}
      {gated && !user && (
        <Alert kind="info">
          This event uses a waiting room. <Link className="underline" to="/login" state={{ from: `/events/${event.id}` }}>Sign in</Link> to join it.
        </Alert>
      )}
      {gated && user && queue.status?.status === "not_in_queue" && (
        <div className="rounded-lg border border-amber-300 bg-amber-50 p-4">
          <p className="mb-3">High demand: fans are let in a few at a time, in order. {event.status === "upcoming" && "Everyone who joins before the sale opens gets a random place then, so there's no need to rush."}</p>
          <button className={button} onClick={queue.join}>Join the waiting room</button>
        </div>
      )}
      {queue.admittedNow && onSale && <Alert kind="success">It's your turn! Pick your seats now.</Alert>}
      <SeatPicker event={event} canShop={onSale && admitted} signedIn={!!user} />
    </div>
  );
}

function EventHeader({ event }: { event: TicketEvent }) {
  return (
    <header className="flex flex-col gap-4 sm:flex-row">
      {event.image_url && (
        <img
          src={event.image_url}
          alt=""
          className="h-40 w-full rounded-lg object-cover sm:w-64"
          loading="lazy"
          onError={(e) => (e.currentTarget.style.display = "none")}
        />
      )}
      <div>
        <div className="mb-1 flex flex-wrap items-center gap-2 text-xs">
          <span className="rounded bg-slate-100 px-2 py-0.5">{categoryLabel[event.category] ?? event.category}</span>
          <StatusBadge status={event.status} />
          {event.waiting_room_enabled && <span className="rounded bg-amber-100 px-2 py-0.5 text-amber-900">High demand</span>}
        </div>
        <h1 className="text-3xl font-bold">{event.name}</h1>
        <p className="text-lg text-slate-700">{event.artist}</p>
        <p className="mt-1">{longDate(event.event_date)}</p>
        <p className="text-slate-600">{event.venue.name}, {event.venue.address}, {event.venue.city}</p>
        {event.description && <p className="mt-2 max-w-2xl text-slate-700">{event.description}</p>}
        <p className="mt-1 text-sm text-slate-600">Up to {event.max_tickets_per_user} tickets per fan.</p>
      </div>
    </header>
  );
}
