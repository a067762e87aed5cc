import { useEffect, useState } from "react";
import { Link } from "react-router-dom";
import { api, describe } from "../api/client";
import type { Order } from "../api/types";
import { useAuth } from "../auth";
import { Alert, SignInPrompt, Spinner, StatusBadge } from "../components/ui";
import { money, shortDate } from "../format";

export default function OrdersPage() {
  const { user, loading } = useAuth();
  const [orders, setOrders] = useState<Order[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!user) return;
    api<Order[]>("/checkout/orders").then(setOrders).catch((e) => setError(describe(e)));
  }, [user]);

  if (loading) return <Spinner />;
  if (!user) return <SignInPrompt what="see your orders" />;
  return (
    <div>
      <h1 className="mb-4 text-2xl font-bold">My orders</h1>
      {error && <Alert>{error}</Alert>}
      {!orders && !error && <Spinner label="Loading orders" />}
      {orders?.length === 0 && (
        <p className="py-8 text-center">
          You haven't bought any tickets yet. <Link className="text-brand underline" to="/">Browse events</Link>
        </p>
      )}
      <ul className="space-y-3">
        {orders?.map((order) => (
          <li key={order.id}>
            <Link to={`/orders/${order.id}`} className="flex flex-wrap items-center gap-3 rounded-lg border border-slate-200 bg-white p-4 hover:shadow">
              <div className="flex-1">
                <p className="font-semibold">{order.event_name}</p>
                <p className="text-sm text-slate-600">{order.artist} · {order.venue_name}, {order.venue_city} · {shortDate(order.event_date)}</p>
                <p className="text-xs text-slate-500">Order #{order.id.slice(0, 8)} · {shortDate(order.created_at)}</p>
              </div>
              <StatusBadge status={order.status} />
              <span className="font-semibold">{money(order.total_amount)}</span>
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
