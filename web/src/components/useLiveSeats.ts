import { useCallback, useEffect, useRef, useState } from "react";
import { apiWithHeaders, describe } from "../api/client";
import type { SeatStatus, SectionAvailability } from "../api/types";
import { SeatFeed, type SeatChange } from "./seatFeed";

const RetryEmptyMs = 2000;
/** A snapshot that could not be made exact is asked for again after this: inventory re-reads its map every half second. */
const ResyncMs = 600;
/** A stream the server refused is opened again after this. */
const ReopenMs = 5000;
/** Without the stream (a proxy that holds it back), the map is still shown after this. */
const StreamWaitMs = 1500;

export interface LiveSeats {
  sections: SectionAvailability[] | null;
  statuses: ReadonlyMap<string, SeatStatus>;
  error: string | null;
  live: boolean;
  /** Marks seats locally (e.g. seats a refusal named as taken) before the stream says so. */
  mark(seatIds: string[], status: SeatStatus): void;
}

/**
 * The event's seat map, kept exact from a snapshot plus inventory's numbered Server-Sent Events (SeatFeed): the map is
 * read once the stream listens, changes that arrived meanwhile are replayed on it, and a missed change (a gap in the
 * numbers, a reconnect) brings a fresh snapshot. Changes arriving together are applied in one render per animation frame.
 */
export function useLiveSeats(eventId: string): LiveSeats {
  const [sections, setSections] = useState<SectionAvailability[] | null>(null);
  const [statuses, setStatuses] = useState<ReadonlyMap<string, SeatStatus>>(new Map());
  const [error, setError] = useState<string | null>(null);
  const [live, setLive] = useState(false);
  const pending = useRef<Pick<SeatChange, "seatIds" | "status">[]>([]);
  const frame = useRef<number | null>(null);

  const apply = useCallback((changes: Pick<SeatChange, "seatIds" | "status">[]) => {
    setStatuses((current) => {
      const next = new Map(current);
      for (const change of changes) for (const id of change.seatIds) next.set(id, change.status);
      return next;
    });
  }, []);

  useEffect(() => {
    let cancelled = false;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let loading = false;
    const feed = new SeatFeed();

    const load = (): void => {
      if (loading) return;
      loading = true;
      clearTimeout(retry);
      apiWithHeaders<SectionAvailability[]>(`/seats/${eventId}/availability`)
        .then(({ data, headers }) => {
          if (cancelled) return;
          // Changes still waiting for the next frame are in the snapshot or in the replay below.
          pending.current = [];
          const { replay, exact } = feed.snapshot(Number(headers.get("Seat-Map-Sequence") ?? 0));
          const next = new Map(data.flatMap((s) => s.seats.map((seat) => [seat.id, seat.status] as const)));
          for (const change of replay) for (const id of change.seatIds) next.set(id, change.status);
          setSections(data);
          setStatuses(next);
          setError(null);
          // A new event's seats are laid out moments after it is created: look again shortly.
          if (data.length === 0) retry = setTimeout(load, RetryEmptyMs);
          else if (!exact && feed.listening) retry = setTimeout(load, ResyncMs);
        })
        .catch((e) => {
          if (!cancelled) setError(describe(e));
        })
        .finally(() => {
          loading = false;
        });
    };

    let source: EventSource;
    let reopen: ReturnType<typeof setTimeout> | undefined;
    const open = (): void => {
      source = new EventSource(`/api/v1/seats/${eventId}/stream`);
      source.addEventListener("ready", (message) => {
        setLive(true);
        const from = (JSON.parse((message as MessageEvent<string>).data) as { seq?: number }).seq ?? 0;
        feed.ready(from);
        // First connect, or a reconnect after which changes may have been missed: the snapshot after it is exact.
        if (!feed.exact) load();
      });
      source.addEventListener("seats", (message) => {
        const change = JSON.parse((message as MessageEvent<string>).data) as SeatChange;
        const step = feed.receive(change);
        if (step.resync) load();
        if (!step.apply) return;
        pending.current.push(change);
        if (frame.current === null) {
          frame.current = requestAnimationFrame(() => {
            frame.current = null;
            const batch = pending.current;
            pending.current = [];
            apply(batch);
          });
        }
      });
      source.onerror = () => {
        setLive(false);
        // The browser retries a dropped stream by itself, but not one that was refused (an event inventory does not
        // know yet, too many streams open): open it again a little later.
        if (source.readyState === EventSource.CLOSED) reopen = setTimeout(open, ReopenMs);
      };
    };
    open();
    const withoutStream = setTimeout(() => {
      if (!feed.exact) load();
    }, StreamWaitMs);
    return () => {
      cancelled = true;
      clearTimeout(retry);
      clearTimeout(withoutStream);
      clearTimeout(reopen);
      source.close();
      if (frame.current !== null) cancelAnimationFrame(frame.current);
      frame.current = null;
    };
  }, [eventId, apply]);

  const mark = useCallback((seatIds: string[], status: SeatStatus) => apply([{ seatIds, status }]), [apply]);
  return { sections, statuses, error, live, mark };
}
