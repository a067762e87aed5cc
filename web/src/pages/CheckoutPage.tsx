import { useEffect, useRef, useState, type FormEvent, type ReactNode } from "react";
import { Link, useNavigate, useParams } from "react-router-dom";
import { api, apiRaw, ApiError, describe } from "../api/client";
import type { CheckoutResult, OrderDetails, Reservation } from "../api/types";
import { useAuth } from "../auth";
import { Countdown, useSecondsLeft } from "../components/Countdown";
import { Alert, SignInPrompt, Spinner, button, input } from "../components/ui";
import { money } from "../format";
import { newIdempotencyKey, validateCard, type CardForm } from "../payment";

const PollMs = 1000;
const PollLimitMs = 60_000;

export default function CheckoutPage() {
  const { eventId = "" } = useParams();
  const { user, loading } = useAuth();
  const navigate = useNavigate();
  const [hold, setHold] = useState<Reservation | null | undefined>(undefined);
  const [card, setCard] = useState<CardForm>({ number: "", expiry: "", cvc: "", name: "" });
  const [errors, setErrors] = useState<Partial<Record<keyof CardForm, string>>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // One key per purchase attempt; kept when the outcome is unknown, so a retry can't pay twice.
  const attempt = useRef<string | null>(null);

  useEffect(() => {
    if (!user) return;
    api<Reservation[]>("/seats/reservations")
      .then((holds) => setHold(holds.find((h) => h.event_id === eventId) ?? null))
      .catch((e) => { setFailure(describe(e)); setHold(null); });
  }, [user, eventId]);

  const left = useSecondsLeft(hold?.expires_at ?? null, () => {
    if (!busy) setFailure("Your hold has expired and the seats went back on sale. Go back to the event to pick seats again.");
  });

  if (loading) return <Spinner />;
  if (!user) return <SignInPrompt what="check out" />;
  if (hold === undefined) return <Spinner label="Loading your seats" />;
  if (hold === null || hold.seats.length === 0) {
    return (
      <div className="space-y-4 py-8 text-center">
        {failure && <Alert>{failure}</Alert>}
        <p>You have no seats on hold for this event. Holds last a few minutes; they may have expired.</p>
        <Link className={button} to={`/events/${eventId}`}>Pick seats</Link>
      </div>
    );
  }

  const field = (name: keyof CardForm) => ({
    value: card[name],
    onChange: (e: { target: { value: string } }) => setCard({ ...card, [name]: e.target.value }),
    "aria-invalid": !!errors[name],
    "aria-describedby": errors[name] ? `${name}-error` : undefined,
  });

  const waitForOrder = async (orderId: string): Promise<OrderDetails> => {
    const deadline = Date.now() + PollLimitMs;
    for (;;) {
      const details = await api<OrderDetails>(`/checkout/orders/${orderId}`);
      if (details.order.status !== "pending" || Date.now() > deadline) return details;
      await new Promise((resolve) => setTimeout(resolve, PollMs));
    }
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const found = validateCard(card);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    if (left === 0) {
      setFailure("Your hold has expired. Go back to the event to pick seats again.");
      return;
    }
    setBusy(true);
    setFailure(null);
    setStatus("Processing your payment…");
    attempt.current ??= newIdempotencyKey();
    const last4 = card.number.replace(/\D/g, "").slice(-4);
    try {
      const result = await apiRaw<{ data: CheckoutResult }>("/checkout", {
        body: { payment_method: `card:${last4}`, event_id: eventId },
        headers: { "Idempotency-Key": attempt.current },
      });
      let order = result.body.data.order;
      if (result.status === 202 || order.status === "pending") {
        setStatus("Confirming your order…");
        order = (await waitForOrder(order.id)).order;
      }
      if (order.status === "completed") {
        navigate(`/orders/${order.id}?confirmed`, { replace: true });
        return;
      }
      attempt.current = null;
      setFailure(
        order.status === "payment_failed" ? "Payment declined by your card issuer. Your seats are still held: try another card."
        : order.status === "pending" ? "Your order is still being processed. Check My Orders in a minute."
        : "We couldn't complete your order. Your card was not charged.",
      );
    } catch (err) {
      setFailure(checkoutMessage(err));
      // Only a definite answer ends the attempt; after a network error or 503 the same key is retried.
      if (err instanceof ApiError && err.status !== 0 && err.status !== 503 && err.status < 500) attempt.current = null;
    } finally {
      setBusy(false);
      setStatus(null);
    }
  };

  return (
    <div className="grid gap-6 md:grid-cols-2">
      <section className="rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="summary-title">
        <h1 id="summary-title" className="mb-2 text-2xl font-bold">Checkout</h1>
        {left !== null && <Countdown seconds={left} />}
        <ul className="mt-2 space-y-1 text-sm">
          {hold.seats.map((s) => (
            <li key={s.id} className="flex justify-between">
              <span>{s.section} · Row {s.row}, seat {s.seat_number}</span>
              <span>{money(s.price)}</span>
            </li>
          ))}
          <li className="flex justify-between border-t pt-1 font-semibold"><span>Total</span><span>{money(hold.total_price)}</span></li>
        </ul>
        <p className="mt-1 text-xs text-slate-500">Fees included.</p>
        <Link to={`/events/${eventId}`} className="mt-3 inline-block text-sm text-brand underline">Change seats</Link>
      </section>

      <form onSubmit={submit} noValidate className="space-y-3 rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="payment-title">
        <h2 id="payment-title" className="text-xl font-semibold">Payment</h2>
        <Field label="Name on card" error={errors.name} id="name">
          <input id="name" className={input} autoComplete="cc-name" {...field("name")} />
        </Field>
        <Field label="Card number" error={errors.number} id="number">
          <input id="number" className={input} inputMode="numeric" autoComplete="cc-number" placeholder="4242 4242 4242 4242" {...field("number")} />
        </Field>
        <div className="flex gap-3">
          <Field label="Expiry (MM/YY)" error={errors.expiry} id="expiry">
            <input id="expiry" className={input} inputMode="numeric" autoComplete="cc-exp" placeholder="12/30" {...field("expiry")} />
          </Field>
          <Field label="CVC" error={errors.cvc} id="cvc">
            <input id="cvc" className={input} inputMode="numeric" autoComplete="cc-csc" placeholder="123" {...field("cvc")} />
          </Field>
        </div>
        {failure && <Alert>{failure}</Alert>}
        {status && <p role="status" className="text-sm text-slate-700">{status}</p>}
        <button type="submit" className={`${button} w-full`} disabled={busy || left === 0}>
          {busy ? "Processing…" : `Pay ${money(hold.total_price)}`}
        </button>
        <p className="text-xs text-slate-500">Test cards: 4242 4242 4242 4242 is approved; a card ending 0002 is declined.</p>
      </form>
    </div>
  );
}

function Field({ label, error, id, children }: { label: string; error?: string; id: string; children: ReactNode }) {
  return (
    <label className="block flex-1" htmlFor={id}>
      <span className="text-sm font-medium">{label}</span>
      {children}
      {error && <span id={`${id}-error`} className="text-sm text-red-700">{error}</span>}
    </label>
  );
}

function checkoutMessage(error: unknown): string {
  if (!(error instanceof ApiError)) return describe(error);
  switch (error.status) {
    case 402:
      return `${error.message}. Your seats are still held: check the card details or try another card.`;
    case 409:
      return `${error.message}. Some of your seats were sold to someone else; go back to the event to pick others.`;
    case 400:
      return /expired/i.test(error.message)
        ? "Your hold has expired and the seats went back on sale. Go back to the event to pick seats again."
        : error.message;
    case 503:
      return `Payments are unavailable right now.${error.retryAfter ? ` Try again in ${error.retryAfter} seconds.` : " Try again in a moment."} You will not be charged twice.`;
    default:
      return describe(error);
  }
}
