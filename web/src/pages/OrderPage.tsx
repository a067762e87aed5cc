import { useCallback, useEffect, useState } from "react";
import { Link, useParams, useSearchParams } from "react-router-dom";
import { api, describe } from "../api/client";
import type { OrderDetails, Ticket } from "../api/types";
import { useAuth } from "../auth";
import { Alert, SignInPrompt, Spinner, StatusBadge, buttonSecondary } from "../components/ui";
import { longDate, money } from "../format";

export default function OrderPage() {
  const { orderId = "" } = useParams();
  const [params] = useSearchParams();
  const { user, loading } = useAuth();
  const [details, setDetails] = useState<OrderDetails | null>(null);
  const [tickets, setTickets] = useState<Ticket[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    try {
      const found = await api<OrderDetails>(`/checkout/orders/${orderId}`);
      setDetails(found);
      setTickets(found.order.status === "completed" ? await api<Ticket[]>(`/checkout/orders/${orderId}/tickets`) : null);
    } catch (e) {
      setError(describe(e));
    }
  }, [orderId]);

  useEffect(() => {
    if (user) void load();
  }, [user, load]);

  // A purchase or a cancellation still in progress settles within seconds: look again until it has.
  const unsettled = details?.order.status === "pending" || details?.order.status === "cancelling";
  useEffect(() => {
    if (!unsettled) return;
    const timer = setInterval(load, 1000);
    return () => clearInterval(timer);
  }, [unsettled, load]);

  const cancel = async () => {
    if (!window.confirm("Cancel this order? Your tickets stop working and the seats go back on sale.")) return;
    setBusy(true);
    setError(null);
    try {
      const result = await api<{ message: string }>(`/checkout/orders/${orderId}/cancel`, { method: "POST" });
      setNotice(result.message || "Order cancelled");
      await load();
    } catch (e) {
      setError(describe(e));
    } finally {
      setBusy(false);
    }
  };

  if (loading) return <Spinner />;
  if (!user) return <SignInPrompt what="see this order" />;
  if (error && !details) return <Alert>{error}</Alert>;
  if (!details) return <Spinner label="Loading order" />;
  const { order, items } = details;
  return (
    <div className="space-y-4">
      {params.has("confirmed") && order.status === "completed" && (
        <Alert kind="success"><strong>Order confirmed!</strong> Your tickets are below. Show the QR codes at the door.</Alert>
      )}
      {notice && <Alert kind="info">{notice}</Alert>}
      {error && <Alert>{error}</Alert>}
      {order.failure_reason && order.status !== "completed" && (
        <Alert kind="info">
          {order.failure_reason}
          {order.refunded_amount > 0 && ` Refunded: ${money(order.refunded_amount)}.`}
        </Alert>
      )}
      <div className="rounded-lg border border-slate-200 bg-white p-4">
        <div className="flex flex-wrap items-center gap-2">
          <h1 className="flex-1 text-2xl font-bold">{order.event_name}</h1>
          <StatusBadge status={order.status} />
        </div>
        <p className="text-slate-700">{order.artist}</p>
        <p>{longDate(order.event_date)}</p>
        <p className="text-slate-600">{order.venue_name}{order.venue_address ? `, ${order.venue_address}` : ""}, {order.venue_city}</p>
        <ul className="mt-3 space-y-1 text-sm">
          {items.map((item) => (
            <li key={item.id} className="flex justify-between">
              <span>{item.section} · Row {item.row}, seat {item.seat_number}</span>
              <span>{money(item.price)}</span>
            </li>
          ))}
          <li className="flex justify-between border-t pt-1 font-semibold"><span>Total</span><span>{money(order.total_amount)}</span></li>
        </ul>
        <p className="mt-2 text-xs text-slate-500">
          Order {order.id}{order.payment_id ? ` · Payment ${order.payment_id}` : ""} · Ordered {longDate(order.created_at)}
        </p>
      </div>

      {tickets && (
        <section aria-labelledby="tickets-title">
          <h2 id="tickets-title" className="mb-2 text-xl font-semibold">Your tickets ({tickets.length})</h2>
          <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
            {tickets.map((ticket) => (
              <li key={ticket.id} className="rounded-lg border border-slate-200 bg-white p-4 text-center">
                <img src={ticket.qr_png} alt={`QR code for ${ticket.section}, row ${ticket.row}, seat ${ticket.seat_number}`} className="mx-auto h-48 w-48" />
                <p className="font-semibold">{ticket.section} · Row {ticket.row}, seat {ticket.seat_number}</p>
                <p className="font-mono text-xs text-slate-500">{ticket.code}</p>
              </li>
            ))}
          </ul>
        </section>
      )}

      <div className="flex gap-2">
        <Link to="/orders" className={buttonSecondary}>All orders</Link>
        {order.status === "completed" && (
          <button className="rounded border border-red-300 bg-white px-4 py-2 font-medium text-red-700 hover:bg-red-50 disabled:opacity-50" disabled={busy} onClick={cancel}>
            Cancel order
          </button>
        )}
      </div>
    </div>
  );
}
