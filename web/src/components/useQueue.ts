import { useCallback, useEffect, useRef, useState } from "react";
import { api, describe } from "../api/client";
import type { QueueStatus } from "../api/types";

/** When the answer carries no hint (an older server): every 2 s. */
const DefaultPollMs = 2000;

/**
 * The fan's place in an event's waiting room, polled while waiting so entry is automatic. Each
 * answer says when to ask next (poll_after_ms: every second near the front, up to 15 s far back,
 * around the opening before it), so a big line does not flood the service.
 */
export function useQueue(eventId: string, enabled: boolean) {
  const [status, setStatus] = useState<QueueStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [admittedNow, setAdmittedNow] = useState(false);
  // The latest answer's hint, so the poll that starts once a join says "waiting" keeps to it too.
  const pollAfter = useRef(0);

  const waiting = status?.status === "waiting";
  useEffect(() => {
    if (!enabled) return;
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = () =>
      api<QueueStatus>(`/queue/${eventId}/status`)
        .then((next) => {
          if (cancelled) return;
          setStatus((previous) => {
            if (previous?.status === "waiting" && next.status === "active") setAdmittedNow(true);
            return next;
          });
          setError(null);
          pollAfter.current = next.poll_after_ms;
          if (next.status === "waiting") timer = setTimeout(poll, next.poll_after_ms > 0 ? next.poll_after_ms : DefaultPollMs);
        })
        .catch((e) => {
          if (cancelled) return;
          setError(describe(e));
          if (waiting) timer = setTimeout(poll, DefaultPollMs);
        });
    if (waiting && pollAfter.current > 0) timer = setTimeout(poll, pollAfter.current);
    else void poll();
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [eventId, enabled, waiting]);

  const join = useCallback(async () => {
    setError(null);
    try {
      const next = await api<QueueStatus>(`/queue/${eventId}/join`, { method: "POST" });
      pollAfter.current = next.poll_after_ms;
      setStatus(next);
      if (next.status === "active") setAdmittedNow(true);
    } catch (e) {
      setError(describe(e));
    }
  }, [eventId]);

  const leave = useCallback(async () => {
    try {
      await api(`/queue/${eventId}/leave`, { method: "POST" });
      setStatus({ position: 0, status: "not_in_queue", estimated_wait_seconds: 0, poll_after_ms: 0 });
      setAdmittedNow(false);
    } catch (e) {
      setError(describe(e));
    }
  }, [eventId]);

  return { status, error, admittedNow, join, leave };
}
