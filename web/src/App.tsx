import { lazy, Suspense } from "react";
import { Link, NavLink, Route, Routes, useNavigate } from "react-router-dom";
import { useAuth } from "./auth";
import { HomePage } from "./pages/HomePage";
import { Spinner } from "./components/ui";
import { PageTitle } from "./components/PageTitle";

// Pages past the home page load on demand, so the first visit downloads only what it shows.
const EventPage = lazy(() => import("./pages/EventPage"));
const LoginPage = lazy(() => import("./pages/LoginPage"));
const CheckoutPage = lazy(() => import("./pages/CheckoutPage"));
const OrdersPage = lazy(() => import("./pages/OrdersPage"));
const OrderPage = lazy(() => import("./pages/OrderPage"));
const AdminPage = lazy(() => import("./pages/admin/AdminPage"));
const NewVenuePage = lazy(() => import("./pages/admin/NewVenuePage"));
const NewEventPage = lazy(() => import("./pages/admin/NewEventPage"));
const DashboardPage = lazy(() => import("./pages/admin/DashboardPage"));

export function App() {
  return (
    <div className="flex min-h-screen flex-col">
      <Header />
      <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-6">
        <Suspense fallback={<Spinner />}>
          <Routes>
            <Route path="/" element={<HomePage />} />
            <Route path="/events/:eventId" element={<EventPage />} />
            <Route path="/login" element={<LoginPage />} />
            <Route path="/checkout/:eventId" element={<CheckoutPage />} />
            <Route path="/orders" element={<OrdersPage />} />
            <Route path="/orders/:orderId" element={<OrderPage />} />
            <Route path="/admin" element={<AdminPage />} />
            <Route path="/admin/venues/new" element={<NewVenuePage />} />
            <Route path="/admin/events/new" element={<NewEventPage />} />
            <Route path="/admin/events/:eventId" element={<DashboardPage />} />
            <Route path="*" element={<NotFound />} />
          </Routes>
        </Suspense>
      </main>
      <PageTitle />
      <footer className="border-t border-slate-200 py-4 text-center text-sm text-slate-500">Ticketing: reserved seats, fairly sold</footer>
    </div>
  );
}

function Header() {
  const { user, logout } = useAuth();
  const navigate = useNavigate();
  const link = ({ isActive }: { isActive: boolean }) => `rounded px-2 py-1 hover:bg-white/10 ${isActive ? "underline underline-offset-4" : ""}`;
  return (
    <header className="bg-brand text-white">
      <a href="#main" className="sr-only focus:not-sr-only">Skip to content</a>
      <nav className="mx-auto flex max-w-6xl flex-wrap items-center gap-2 px-4 py-3" aria-label="Main">
        <Link to="/" className="mr-auto text-xl font-bold tracking-tight">Ticketing</Link>
        <NavLink to="/" end className={link}>Events</NavLink>
        {user && <NavLink to="/orders" className={link}>My Orders</NavLink>}
        {user?.role === "admin" && <NavLink to="/admin" className={link}>Organiser</NavLink>}
        {user ? (
          <>
            <span className="hidden px-2 text-white/80 sm:inline" data-testid="user-name">{user.name}</span>
            <button
              className="rounded border border-white/40 px-3 py-1 hover:bg-white/10"
              onClick={async () => {
                await logout();
                navigate("/");
              }}
            >
              Sign out
            </button>
          </>
        ) : (
          <NavLink to="/login" className="rounded bg-white px-3 py-1 font-medium text-brand">Sign in</NavLink>
        )}
      </nav>
    </header>
  );
}

function NotFound() {
  return (
    <div className="py-16 text-center">
      <h1 className="text-2xl font-bold">Page not found</h1>
      <Link className="mt-4 inline-block text-brand underline" to="/">Browse events</Link>
    </div>
  );
}
