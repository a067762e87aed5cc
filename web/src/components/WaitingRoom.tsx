import type { QueueStatus } from "../api/types";
import { waitText } from "../format";
import { buttonSecondary } from "./ui";

export function WaitingRoom({ eventName, status, onLeave }: { eventName: string; status: QueueStatus; onLeave(): void }) {
  return (
    <section className="mx-auto max-w-lg rounded-xl border border-slate-200 bg-white p-8 text-center shadow" aria-labelledby="waiting-title">
      <h1 id="waiting-title" className="text-2xl font-bold">You're in the waiting room</h1>
      <p className="mt-1 text-slate-600">{eventName} is in high demand. We let fans in a few at a time, in order.</p>
      <div className="my-6" aria-live="polite">
        <p className="text-sm uppercase tracking-wide text-slate-500">Your place in line</p>
        <p className="text-5xl font-bold text-brand" data-testid="queue-position">#{status.position.toLocaleString()}</p>
        <p className="mt-3 text-sm uppercase tracking-wide text-slate-500">Estimated wait</p>
        <p className="text-xl">{waitText(status.estimated_wait_seconds)}</p>
      </div>
      <div className="mb-6 flex justify-center gap-2" aria-hidden>
        {[0, 1, 2].map((i) => (
          <span key={i} className="h-3 w-3 animate-bounce rounded-full bg-brand" style={{ animationDelay: `${i * 150}ms` }} />
        ))}
      </div>
      <p className="mb-4 text-sm text-slate-600">Keep this page open: you'll go straight to the seats when it's your turn.</p>
      <button className={buttonSecondary} onClick={onLeave}>Leave the queue</button>
    </section>
  );
}
