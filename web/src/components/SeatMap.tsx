import { memo, useCallback, useEffect, useMemo, useRef, useState, type CSSProperties, type KeyboardEvent, type MouseEvent } from "react";
import type { Seat, SeatStatus } from "../api/types";
import { money, tierLabel } from "../format";
import { tierColour } from "./seatStyles";

export type SeatView = "available" | "held" | "sold" | "selected" | "mine";

interface Props {
  sectionName: string;
  seats: Seat[];
  statuses: ReadonlyMap<string, SeatStatus>;
  selected: ReadonlySet<string>;
  mine: ReadonlySet<string>;
  onToggle(seat: Seat): void;
}

const stateText: Record<SeatView, string> = {
  available: "available",
  held: "held by someone else, unavailable",
  sold: "sold, unavailable",
  selected: "selected",
  mine: "in your hold",
};

/**
 * One section's seats, row by row. Seats are memoised and the handlers live on the container, so a
 * live change re-renders only the seats whose state changed, even in a 5,000-seat section; rows
 * off screen are skipped by the browser (content-visibility). One seat is in the tab order at a
 * time; arrow keys move between seats, Home/End to the row's ends, Enter or Space picks.
 * Held seats are hollow and striped, sold seats small, round and crossed: shapes that still tell
 * apart when a whole stadium row is zoomed out to a few pixels per seat.
 */
export function SeatMap({ sectionName, seats, statuses, selected, mine, onToggle }: Props) {
  const rows = useMemo(() => {
    const byRow = new Map<string, Seat[]>();
    for (const seat of seats) {
      const row = byRow.get(seat.row);
      if (row) row.push(seat);
      else byRow.set(seat.row, [seat]);
    }
    return [...byRow.entries()];
  }, [seats]);
  const byId = useMemo(() => new Map(seats.map((s) => [s.id, s])), [seats]);
  const position = useMemo(() => {
    const map = new Map<string, [number, number]>();
    rows.forEach(([, rowSeats], r) => rowSeats.forEach((s, i) => map.set(s.id, [r, i])));
    return map;
  }, [rows]);
  const [focusId, setFocusId] = useState<string | null>(null);
  const tabbable = focusId && byId.has(focusId) ? focusId : (seats[0]?.id ?? null);
  const container = useRef<HTMLDivElement>(null);
  const frame = useRef<HTMLDivElement>(null);
  const columns = useMemo(() => Math.max(1, ...rows.map(([, r]) => r.length)), [rows]);
  const [width, setWidth] = useState(0);
  const [zoom, setZoom] = useState(1);
  useEffect(() => {
    const element = frame.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => setWidth(entry.contentRect.width));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  // With a mouse, seats shrink so a whole row fits the screen. A finger needs a target of at least
  // 24 px (WCAG 2.5.8), so on a touch screen seats open at that size and the row scrolls sideways in
  // its frame instead. The size is a CSS variable, so zooming re-renders no seat.
  const touch = useCoarsePointer();
  const smallest = touch ? 24 : 6;
  const fit = width ? Math.floor((width - 32) / columns) - 2 : 18;
  const size = Math.round(Math.max(smallest, Math.min(22, fit)) * zoom);

  const latest = useRef({ byId, onToggle });
  latest.current = { byId, onToggle };

  const click = useCallback((e: MouseEvent<HTMLDivElement>) => {
    const id = (e.target as HTMLElement).closest<HTMLElement>("[data-seat]")?.dataset.seat;
    const seat = id ? latest.current.byId.get(id) : undefined;
    if (seat) {
      setFocusId(seat.id);
      latest.current.onToggle(seat);
    }
  }, []);

  const keyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const id = (e.target as HTMLElement).dataset.seat;
    const at = id ? position.get(id) : undefined;
    if (!at) return;
    let [r, i] = at;
    switch (e.key) {
      case "ArrowLeft": i -= 1; break;
      case "ArrowRight": i += 1; break;
      case "ArrowUp": r -= 1; break;
      case "ArrowDown": r += 1; break;
      case "Home": i = 0; break;
      case "End": i = rows[r][1].length - 1; break;
      default: return;
    }
    e.preventDefault();
    r = Math.max(0, Math.min(rows.length - 1, r));
    const row = rows[r][1];
    const next = row[Math.max(0, Math.min(row.length - 1, i))];
    setFocusId(next.id);
    container.current?.querySelector<HTMLElement>(`[data-seat="${next.id}"]`)?.focus();
  };

  return (
    <div ref={frame} data-testid="seat-map" className="overflow-x-auto rounded-lg border border-slate-200 bg-white p-3">
      <div className="mb-2 flex items-center gap-2">
        <div className="flex-1 rounded bg-slate-700 py-1 text-center text-xs font-semibold tracking-widest text-white" aria-hidden>STAGE</div>
        <button type="button" className="h-8 w-8 rounded border border-slate-300 font-bold" aria-label="Zoom out" disabled={zoom <= 1} onClick={() => setZoom((z) => Math.max(1, z / 1.5))}>−</button>
        <button type="button" className="h-8 w-8 rounded border border-slate-300 font-bold" aria-label="Zoom in" disabled={zoom >= 5} onClick={() => setZoom((z) => Math.min(5, z * 1.5))}>+</button>
      </div>
      <div
        ref={container}
        role="grid"
        aria-label={`Seats of ${sectionName}`}
        className="inline-block min-w-full"
        style={{ "--seat": `${size}px`, fontSize: `${Math.max(7, Math.min(11, size - 6))}px` } as CSSProperties}
        onClick={click}
        onKeyDown={keyDown}
      >
        {rows.map(([row, rowSeats]) => (
          <div role="row" key={row} className="seat-row flex items-center gap-[2px] py-[1px]">
            <span role="rowheader" className="w-6 shrink-0 pr-1 text-right text-[10px] text-slate-500" aria-label={`Row ${row}`}>
              {row}
            </span>
            {rowSeats.map((seat) => (
              <SeatButton
                key={seat.id}
                seat={seat}
                view={viewOf(seat.id, statuses.get(seat.id) ?? seat.status, selected, mine)}
                tabbable={seat.id === tabbable}
              />
            ))}
          </div>
        ))}
      </div>
    </div>
  );
}

/** Whether the main pointer is a finger (CSS pointer: coarse), followed as it changes. */
function useCoarsePointer(): boolean {
  const query = "(pointer: coarse)";
  const [coarse, setCoarse] = useState(() => window.matchMedia(query).matches);
  useEffect(() => {
    const media = window.matchMedia(query);
    const changed = () => setCoarse(media.matches);
    media.addEventListener("change", changed);
    return () => media.removeEventListener("change", changed);
  }, []);
  return coarse;
}

function viewOf(id: string, status: SeatStatus, selected: ReadonlySet<string>, mine: ReadonlySet<string>): SeatView {
  if (mine.has(id) && status !== "sold") return "mine";
  if (status !== "available") return status;
  return selected.has(id) ? "selected" : "available";
}

export function seatLabel(seat: Seat, view: SeatView): string {
  return `Row ${seat.row}, seat ${seat.seat_number}, ${tierLabel[seat.price_tier] ?? seat.price_tier}, ${money(seat.price)}, ${stateText[view]}`;
}

const SeatButton = memo(function SeatButton({ seat, view, tabbable }: { seat: Seat; view: SeatView; tabbable: boolean }) {
  const base = "relative h-(--seat) w-(--seat) shrink-0 rounded-[3px] border leading-none focus:outline-none focus-visible:ring-2 focus-visible:ring-offset-1 focus-visible:ring-black";
  const look =
    view === "available" ? `${tierColour[seat.price_tier]} hover:brightness-90 cursor-pointer`
    : view === "selected" ? "bg-brand border-brand-dark text-white cursor-pointer"
    : view === "mine" ? "bg-brand-dark border-black text-white"
    : view === "held" ? "seat-held bg-white border-slate-600 cursor-not-allowed"
    : "seat-sold scale-75 rounded-full bg-slate-400 border-slate-700 cursor-not-allowed";
  return (
    <button
      type="button"
      role="gridcell"
      data-seat={seat.id}
      data-state={view}
      tabIndex={tabbable ? 0 : -1}
      aria-label={seatLabel(seat, view)}
      aria-selected={view === "selected" || view === "mine"}
      aria-disabled={view === "held" || view === "sold"}
      title={seatLabel(seat, view)}
      className={`${base} ${look}`}
    >
      {view === "selected" || view === "mine" ? "✓" : ""}
    </button>
  );
});
