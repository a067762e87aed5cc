import { Link } from "react-router-dom";
import type { Reservation } from "../api/types";
import { money } from "../format";
import { Countdown, useSecondsLeft } from "./Countdown";
import { button, buttonSecondary } from "./ui";

interface Props { hold: Reservation; busy: boolean; onRelease(seatIds: string[]): void; onExpire(): void }

export function HoldPanel({ hold, busy, onRelease, onExpire }: Props) {
  const left = useSecondsLeft(hold.expires_at, onExpire);
  return (
    <div className="rounded-lg border-2 border-brand bg-white p-4" data-testid="hold-panel">
      <h2 className="font-semibold">Your held seats</h2>
      {left !== null && <Countdown seconds={left} />}
      <ul className="my-2 space-y-1 text-sm" aria-label="Held seats">
        {hold.seats.map((s) => (
          <li key={s.id} className="flex items-center justify-between gap-2">
            <span className="flex-1">{s.section} · Row {s.row}, seat {s.seat_number}</span>
            <span>{money(s.price)}</span>
            <button
              className="rounded px-1 text-xs text-red-700 underline disabled:opacity-50"
              disabled={busy}
              aria-label={`Release row ${s.row}, seat ${s.seat_number}`}
              onClick={() => onRelease([s.id])}
            >
              Release
            </button>
          </li>
        ))}
        <li className="flex justify-between border-t pt-1 font-semibold"><span>Total</span><span>{money(hold.total_price)}</span></li>
      </ul>
      <div className="flex gap-2">
        <Link to={`/checkout/${hold.event_id}`} className={`${button} flex-1 text-center`}>Checkout</Link>
        <button className={buttonSecondary} disabled={busy} onClick={() => onRelease(hold.seats.map((s) => s.id))}>Release all</button>
      </div>
    </div>
  );
}
