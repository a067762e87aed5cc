import { useCallback, useEffect, useRef, useState } from "react";
import { api, describe } from "../api/client";
import type { SeatStatus, SectionAvailability } from "../api/types";

const RetryEmptyMs = 2000;

interface SeatChange { seatIds: string[]; status: SeatStatus }

export interface LiveSeats {
  sections: SectionAvailability[] | null;
  statuses: ReadonlyMap<string, SeatStatus>;
  error: string | null;
  live: boolean;
  /** Marks seats locally (e.g. seats a refusal named as taken) before the stream says so. */
  mark(seatIds: string[], status: SeatStatus): void;
}

/**
 * The event's seat map, kept current from inventory's Server-Sent Events. Changes arriving together
 * are applied in one render per animation frame; after a reconnect the map is read again, since
 * changes may have been missed while the stream was down.
 */
export function useLiveSeats(eventId: string): LiveSeats {
  const [sections, setSections] = useState<SectionAvailability[] | null>(null);
  const [statuses, setStatuses] = useState<ReadonlyMap<string, SeatStatus>>(new Map());
  const [error, setError] = useState<string | null>(null);
  const [live, setLive] = useState(false);
  const pending = useRef<SeatChange[]>([]);
  const frame = useRef<number | null>(null);

  const apply = useCallback((changes: SeatChange[]) => {
    setStatuses((current) => {
      const next = new Map(current);
      for (const change of changes) for (const id of change.seatIds) next.set(id, change.status);
      return next;
    });
  }, []);

  useEffect(() => {
    let cancelled = false;
    let retry: ReturnType<typeof setTimeout> | undefined;
    const load = (): Promise<void> =>
      api<SectionAvailability[]>(`/seats/${eventId}/availability`)
        .then((data) => {
          if (cancelled) return;
          // A new event's seats are laid out moments after it is created: look again shortly.
          if (data.length === 0) retry = setTimeout(load, RetryEmptyMs);
          setSections(data);
          setStatuses(new Map(data.flatMap((s) => s.seats.map((seat) => [seat.id, seat.status] as const))));
          setError(null);
        })
        .catch((e) => {
          if (!cancelled) setError(describe(e));
        });

    let opened = false;
    const source = new EventSource(`/api/v1/seats/${eventId}/stream`);
    source.addEventListener("ready", () => {
      setLive(true);
      // The first "ready" comes with the first load below; a later one follows a reconnect.
      if (opened) void load();
      opened = true;
    });
    source.addEventListener("seats", (message) => {
      pending.current.push(JSON.parse((message as MessageEvent<string>).data) as SeatChange);
      if (frame.current === null) {
        frame.current = requestAnimationFrame(() => {
          frame.current = null;
          const batch = pending.current;
          pending.current = [];
          apply(batch);
        });
      }
    });
    source.onerror = () => setLive(false);
    void load();
    return () => {
      cancelled = true;
      clearTimeout(retry);
      source.close();
      if (frame.current !== null) cancelAnimationFrame(frame.current);
      frame.current = null;
    };
  }, [eventId, apply]);

  const mark = useCallback((seatIds: string[], status: SeatStatus) => apply([{ seatIds, status }]), [apply]);
  return { sections, statuses, error, live, mark };
}
