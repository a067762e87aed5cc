import { useEffect, useState } from "react";
import { clock } from "../format";

/** Seconds left until `until`, ticking each second; calls onExpire once when it reaches zero. */
export function useSecondsLeft(until: string | null, onExpire?: () => void): number | null {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!until) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [until]);
  const left = until ? Math.max(0, Math.ceil((new Date(until).getTime() - now) / 1000)) : null;
  useEffect(() => {
    if (left === 0) onExpire?.();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [left === 0]);
  return left;
}

export function Countdown({ seconds }: { seconds: number }) {
  const urgent = seconds < 60;
  return (
    <p className={`font-mono text-lg ${urgent ? "font-bold text-red-700" : ""}`} aria-live={urgent ? "assertive" : "off"}>
      <span className="font-sans text-sm font-normal">Your seats are held for </span>
      <span data-testid="countdown">{clock(seconds)}</span>
    </p>
  );
}
