import type { ReactNode } from "react";
import { Link } from "react-router-dom";

export function Spinner({ label = "Loading" }: { label?: string }) {
  return (
    <div className="flex justify-center py-12" role="status">
      <div className="h-8 w-8 animate-spin rounded-full border-4 border-brand border-t-transparent" aria-hidden />
      <span className="sr-only">{label}</span>
    </div>
  );
}

export function Alert({ kind = "error", children, onDismiss }: { kind?: "error" | "info" | "success"; children: ReactNode; onDismiss?: () => void }) {
  const styles = {
    error: "border-red-300 bg-red-50 text-red-800",
    info: "border-blue-300 bg-blue-50 text-blue-900",
    success: "border-green-300 bg-green-50 text-green-900",
  }[kind];
  return (
    <div role={kind === "error" ? "alert" : "status"} className={`flex items-start gap-3 rounded border px-4 py-3 ${styles}`}>
      <div className="flex-1">{children}</div>
      {onDismiss && (
        <button className="text-sm underline" onClick={onDismiss}>
          Dismiss
        </button>
      )}
    </div>
  );
}

const statusStyles: Record<string, string> = {
  on_sale: "bg-green-100 text-green-800",
  upcoming: "bg-blue-100 text-blue-800",
  sold_out: "bg-slate-800 text-white",
  cancelled: "bg-red-100 text-red-800",
  completed: "bg-slate-200 text-slate-700",
  pending: "bg-yellow-100 text-yellow-900",
  cancelling: "bg-yellow-100 text-yellow-900",
  payment_failed: "bg-red-100 text-red-800",
  failed: "bg-red-100 text-red-800",
};

export function StatusBadge({ status }: { status: string }) {
  const text = status.replace("_", " ");
  return (
    <span className={`inline-block rounded-full px-2 py-0.5 text-xs font-semibold capitalize ${statusStyles[status] ?? "bg-slate-100"}`}>
      {text}
    </span>
  );
}

export function SignInPrompt({ what }: { what: string }) {
  return (
    <div className="py-12 text-center">
      <p className="mb-4">Please sign in to {what}.</p>
      <Link to="/login" className="rounded bg-brand px-4 py-2 font-medium text-white">Sign in</Link>
    </div>
  );
}

export const button = "rounded bg-brand px-4 py-2 font-medium text-white hover:bg-brand-dark disabled:cursor-not-allowed disabled:opacity-50";
export const buttonSecondary = "rounded border border-slate-300 bg-white px-4 py-2 font-medium hover:bg-slate-100 disabled:opacity-50";
export const input = "w-full rounded border border-slate-300 px-3 py-2 focus:border-brand focus:outline-none focus:ring-2 focus:ring-brand/30";
