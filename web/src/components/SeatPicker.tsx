import { useCallback, useEffect, useMemo, useState } from "react";
import { Link, useSearchParams } from "react-router-dom";
import { api, ApiError, describe } from "../api/client";
import type { Reservation, ReleaseResult, ReserveResult, Seat, Section, TicketEvent } from "../api/types";
import { money } from "../format";
import { HoldPanel } from "./HoldPanel";
import { Legend } from "./Legend";
import { SeatMap } from "./SeatMap";
import { SectionMap } from "./SectionMap";
import { Alert, Spinner, button, buttonSecondary } from "./ui";
import { useLiveSeats } from "./useLiveSeats";

interface Props { event: TicketEvent; canShop: boolean; signedIn: boolean }

export function SeatPicker({ event, canShop, signedIn }: Props) {
  const live = useLiveSeats(event.id);
  const [layout, setLayout] = useState<Section[]>([]);
  const [params, setParams] = useSearchParams();
  const chosen = params.get("section");
  const setChosen = useCallback(
    (section: string) => setParams((current) => {
      const next = new URLSearchParams(current);
      next.set("section", section);
      return next;
    }, { replace: true }),
    [setParams],
  );
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [hold, setHold] = useState<Reservation | null>(null);
  const [message, setMessage] = useState<{ kind: "error" | "info"; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    api<Section[]>(`/venues/${event.venue_id}/sections`).then(setLayout).catch(() => setLayout([]));
  }, [event.venue_id]);

  // The hold survives a reload: it lives on the server, per user and event.
  useEffect(() => {
    if (!signedIn) return;
    api<Reservation[]>("/seats/reservations")
      .then((holds) => setHold(holds.find((h) => h.event_id === event.id) ?? null))
      .catch(() => setHold(null));
  }, [signedIn, event.id]);

  const sections = live.sections;
  // Open on the section of the fan's hold, else the first with seats left.
  useEffect(() => {
    if (!sections || sections.length === 0 || (chosen && sections.some((s) => s.section === chosen))) return;
    const held = hold?.seats[0]?.section;
    setChosen(held ?? sections.find((s) => s.available > 0)?.section ?? sections[0].section);
  }, [sections, chosen, hold, setChosen]);

  const counts = useMemo(() => {
    const map = new Map<string, number>();
    for (const section of sections ?? []) {
      map.set(section.section, section.seats.reduce((n, s) => n + ((live.statuses.get(s.id) ?? s.status) === "available" ? 1 : 0), 0));
    }
    return map;
  }, [sections, live.statuses]);

  const mine = useMemo(() => new Set(hold?.seats.map((s) => s.id) ?? []), [hold]);
  const limit = event.max_tickets_per_user;

  // Seats someone else just took drop out of the selection.
  useEffect(() => {
    setSelected((current) => {
      const kept = [...current].filter((id) => (live.statuses.get(id) ?? "available") === "available");
      return kept.length === current.size ? current : new Set(kept);
    });
  }, [live.statuses]);

  const toggle = useCallback(
    (seat: Seat) => {
      if (!canShop || mine.has(seat.id)) return;
      const status = live.statuses.get(seat.id) ?? seat.status;
      if (status !== "available") {
        setMessage({ kind: "info", text: `Row ${seat.row}, seat ${seat.seat_number} is ${status === "sold" ? "sold" : "held by someone else"}.` });
        return;
      }
      setSelected((current) => {
        const next = new Set(current);
        if (next.has(seat.id)) {
          next.delete(seat.id);
        } else if (next.size + mine.size >= limit) {
          setMessage({ kind: "error", text: `You can have at most ${limit} tickets for this event.` });
          return current;
        } else {
          next.add(seat.id);
        }
        setMessage(null);
        return next;
      });
    },
    [canShop, mine, live.statuses, limit],
  );

  const seatById = useMemo(() => new Map((sections ?? []).flatMap((s) => s.seats.map((seat) => [seat.id, { ...seat, section: s.section }] as const))), [sections]);

  const reserve = async () => {
    setBusy(true);
    setMessage(null);
    try {
      const ids = [...selected];
      const result = await api<ReserveResult>(`/seats/${event.id}/reserve`, { body: { seat_ids: ids } });
      setHold({ hold_id: result.hold_id, event_id: event.id, seats: result.seats, total_price: result.totalPrice, expires_at: result.expiresAt });
      live.mark(ids, "held");
      setSelected(new Set());
    } catch (e) {
      const taken = e instanceof ApiError && Array.isArray(e.body.seat_ids) ? (e.body.seat_ids as string[]) : [];
      if (taken.length > 0) {
        live.mark(taken, "held");
        const names = taken.map((id) => seatById.get(id)).filter(Boolean).map((s) => `row ${s!.row} seat ${s!.seat_number}`);
        setMessage({ kind: "error", text: `Sorry, ${names.join(", ") || "some of those seats"} ${taken.length === 1 ? "was" : "were"} just taken by someone else. Your other picks are still selected: choose replacements and reserve again.` });
      } else if (e instanceof ApiError && e.status === 401) {
        setMessage({ kind: "error", text: "Please sign in to reserve seats." });
      } else {
        setMessage({ kind: "error", text: describe(e) });
      }
    } finally {
      setBusy(false);
    }
  };

  const release = async (seatIds: string[]) => {
    setBusy(true);
    setMessage(null);
    try {
      const result = await api<ReleaseResult>(`/seats/${event.id}/release`, { body: { seat_ids: seatIds } });
      live.mark(result.released, "available");
      setHold((current) => {
        if (!current || result.hold_ended) return null;
        const seats = current.seats.filter((s) => !result.released.includes(s.id));
        return { ...current, seats, total_price: seats.reduce((sum, s) => sum + s.price, 0) };
      });
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) setHold(null);
      setMessage({ kind: "error", text: describe(e) });
    } finally {
      setBusy(false);
    }
  };

  const expired = useCallback(() => {
    setHold(null);
    setMessage({ kind: "error", text: "Your hold has expired and the seats went back on sale. Pick seats again to continue." });
  }, []);

  if (live.error) return <Alert>{live.error}</Alert>;
  if (!sections) return <Spinner label="Loading seats" />;
  if (sections.length === 0) return <Alert kind="info">Seats for this event are being prepared. Check back in a moment.</Alert>;

  const current = sections.find((s) => s.section === chosen) ?? null;
  const selectedSeats = [...selected].map((id) => seatById.get(id)).filter((s) => s !== undefined);
  const selectedTotal = selectedSeats.reduce((sum, s) => sum + s.price, 0);

  return (
    <div className="grid gap-6 lg:grid-cols-[1fr_320px]">
      <div className="min-w-0 space-y-4">
        <div className="flex items-center justify-between">
          <h2 className="text-xl font-semibold">Choose a section</h2>
          <span className="text-xs text-slate-500" role="status">{live.live ? "● Live" : "Connecting…"}</span>
        </div>
        <SectionMap sections={sections} layout={layout} counts={counts} chosen={chosen} onChoose={setChosen} />
        {current && (
          <section aria-labelledby="seats-title" className="space-y-2">
            <h2 id="seats-title" className="text-xl font-semibold">{current.section}</h2>
            <Legend />
            <p className="text-sm text-slate-600">Use the arrow keys to move between seats and Enter to pick one.</p>
            <SeatMap sectionName={current.section} seats={current.seats} statuses={live.statuses} selected={selected} mine={mine} onToggle={toggle} />
          </section>
        )}
      </div>

      <aside className="space-y-4 lg:sticky lg:top-4 lg:self-start" aria-label="Your seats">
        {message && <Alert kind={message.kind} onDismiss={() => setMessage(null)}>{message.text}</Alert>}
        {hold && hold.seats.length > 0 && <HoldPanel hold={hold} busy={busy} onRelease={release} onExpire={expired} />}
        {canShop && (
          <div className="rounded-lg border border-slate-200 bg-white p-4">
            <h2 className="mb-2 font-semibold">Your selection</h2>
            {selectedSeats.length === 0 ? (
              <p className="text-sm text-slate-600">Click available seats to select them (up to {limit} per fan).</p>
            ) : (
              <ul className="mb-3 space-y-1 text-sm" aria-label="Selected seats">
                {selectedSeats.map((s) => (
                  <li key={s.id} className="flex justify-between">
                    <span>{s.section} · Row {s.row}, seat {s.seat_number}</span>
                    <span>{money(s.price)}</span>
                  </li>
                ))}
                <li className="flex justify-between border-t pt-1 font-semibold"><span>Total</span><span>{money(selectedTotal)}</span></li>
              </ul>
            )}
            {!signedIn ? (
              <Link to="/login" state={{ from: `/events/${event.id}` }} className={`${button} block text-center`}>Sign in to reserve</Link>
            ) : (
              <div className="flex gap-2">
                <button className={`${button} flex-1`} disabled={busy || selected.size === 0} onClick={reserve}>
                  {busy ? "Working…" : hold ? `Add ${selected.size || ""} to hold` : `Reserve ${selected.size || ""} seat${selected.size === 1 ? "" : "s"}`}
                </button>
                {selected.size > 0 && <button className={buttonSecondary} onClick={() => setSelected(new Set())}>Clear</button>}
              </div>
            )}
          </div>
        )}
      </aside>
    </div>
  );
}
