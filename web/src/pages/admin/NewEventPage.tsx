import { useEffect, useState, type FormEvent } from "react";
import { useNavigate } from "react-router-dom";
import { api, describe } from "../../api/client";
import type { TicketEvent, Venue } from "../../api/types";
import { Alert, button, input } from "../../components/ui";
import { AdminGate } from "./AdminGate";

const local = (date: Date) => new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);

export default function NewEventPage() {
  return (
    <AdminGate>
      <EventForm />
    </AdminGate>
  );
}

function EventForm() {
  const navigate = useNavigate();
  const [venues, setVenues] = useState<Venue[]>([]);
  const [form, setForm] = useState({
    name: "", artist: "", description: "", venue_id: "", category: "concert", image_url: "",
    event_date: local(new Date(Date.now() + 30 * 86_400_000)), on_sale_date: local(new Date()),
    waiting_room_enabled: false, max_concurrent_shoppers: 100, max_tickets_per_user: 4,
  });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    api<Venue[]>("/venues").then((list) => {
      setVenues(list);
      setForm((f) => (f.venue_id ? f : { ...f, venue_id: list[0]?.id ?? "" }));
    }).catch((e) => setError(describe(e)));
  }, []);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const created = await api<TicketEvent>("/events", {
        body: {
          ...form,
          description: form.description || null,
          image_url: form.image_url || null,
          event_date: new Date(form.event_date).toISOString(),
          on_sale_date: new Date(form.on_sale_date).toISOString(),
        },
      });
      navigate(`/admin/events/${created.id}`);
    } catch (err) {
      setError(describe(err));
    } finally {
      setBusy(false);
    }
  };

  const set = (name: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [name]: e.target.value });
  return (
    <form onSubmit={submit} className="max-w-2xl space-y-3">
      <h1 className="text-2xl font-bold">New event</h1>
      <label className="block"><span className="text-sm font-medium">Name</span><input className={input} required value={form.name} onChange={set("name")} /></label>
      <label className="block"><span className="text-sm font-medium">Artist</span><input className={input} required value={form.artist} onChange={set("artist")} /></label>
      <label className="block"><span className="text-sm font-medium">Description</span><textarea className={input} rows={3} value={form.description} onChange={set("description")} /></label>
      <div className="grid gap-3 sm:grid-cols-2">
        <label className="block">
          <span className="text-sm font-medium">Venue</span>
          <select className={input} required value={form.venue_id} onChange={set("venue_id")}>
            {venues.map((v) => <option key={v.id} value={v.id}>{v.name}, {v.city}</option>)}
          </select>
        </label>
        <label className="block">
          <span className="text-sm font-medium">Category</span>
          <select className={input} value={form.category} onChange={set("category")}>
            {["concert", "sports", "theater", "comedy", "other"].map((c) => <option key={c} value={c}>{c}</option>)}
          </select>
        </label>
        <label className="block"><span className="text-sm font-medium">Event date</span><input className={input} type="datetime-local" required value={form.event_date} onChange={set("event_date")} /></label>
        <label className="block"><span className="text-sm font-medium">On sale from</span><input className={input} type="datetime-local" required value={form.on_sale_date} onChange={set("on_sale_date")} /></label>
        <label className="block"><span className="text-sm font-medium">Tickets per fan</span><input className={input} type="number" min={1} value={form.max_tickets_per_user} onChange={(e) => setForm({ ...form, max_tickets_per_user: Number(e.target.value) })} /></label>
        <label className="block"><span className="text-sm font-medium">Image URL</span><input className={input} type="url" value={form.image_url} onChange={set("image_url")} /></label>
      </div>
      <label className="flex items-center gap-2">
        <input type="checkbox" checked={form.waiting_room_enabled} onChange={(e) => setForm({ ...form, waiting_room_enabled: e.target.checked })} />
        Waiting room (high demand)
      </label>
      {form.waiting_room_enabled && (
        <label className="block"><span className="text-sm font-medium">Shoppers at once</span><input className={input} type="number" min={1} value={form.max_concurrent_shoppers} onChange={(e) => setForm({ ...form, max_concurrent_shoppers: Number(e.target.value) })} /></label>
      )}
      {error && <Alert>{error}</Alert>}
      <button type="submit" className={button} disabled={busy}>Create event</button>
    </form>
  );
}
