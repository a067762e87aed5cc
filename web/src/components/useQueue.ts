import { useCallback, useEffect, useState } from "react";
import { api, describe } from "../api/client";
import type { QueueStatus } from "../api/types";

const PollMs = 2000;

/** The fan's place in an event's waiting room, polled while waiting so entry is automatic. */
export function useQueue(eventId: string, enabled: boolean) {
  const [status, setStatus] = useState<QueueStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [admittedNow, setAdmittedNow] = useState(false);

  const waiting = status?.status === "waiting";
  useEffect(() => {
    if (!enabled) return;
    let cancelled = false;
    const poll = () =>
      api<QueueStatus>(`/queue/${eventId}/status`)
        .then((next) => {
          if (cancelled) return;
          setStatus((previous) => {
            if (previous?.status === "waiting" && next.status === "active") setAdmittedNow(true);
            return next;
          });
          setError(null);
        })
        .catch((e) => !cancelled && setError(describe(e)));
    void poll();
    if (!waiting) return () => { cancelled = true; };
    const timer = setInterval(poll, PollMs);
    return () => {
      cancelled = true;
      clearInterval(timer);
    };
  }, [eventId, enabled, waiting]);

  const join = useCallback(async () => {
    setError(null);
    try {
      const next = await api<QueueStatus>(`/queue/${eventId}/join`, { method: "POST" });
      setStatus(next);
      if (next.status === "active") setAdmittedNow(true);
    } catch (e) {
      setError(describe(e));
    }
  }, [eventId]);

  const leave = useCallback(async () => {
    try {
      await api(`/queue/${eventId}/leave`, { method: "POST" });
      setStatus({ position: 0, status: "not_in_queue", estimated_wait_seconds: 0 });
      setAdmittedNow(false);
    } catch (e) {
      setError(describe(e));
    }
  }, [eventId]);

  return { status, error, admittedNow, join, leave };
}
