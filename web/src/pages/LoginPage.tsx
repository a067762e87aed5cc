import { useState, type FormEvent } from "react";
import { useLocation, useNavigate } from "react-router-dom";
import { describe } from "../api/client";
import { useAuth } from "../auth";
import { Alert, button, input } from "../components/ui";

export default function LoginPage() {
  const { login, register } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from ?? "/";
  const [creating, setCreating] = useState(false);
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const user = creating ? await register(name, email, password) : await login(email, password);
      navigate(user.role === "admin" && from === "/" ? "/admin" : from, { replace: true });
    } catch (err) {
      setError(describe(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="mx-auto max-w-sm rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
      <h1 className="mb-4 text-2xl font-bold">{creating ? "Create account" : "Sign in"}</h1>
      <form onSubmit={submit} className="space-y-3">
        {creating && (
          <label className="block">
            <span className="text-sm font-medium">Full name</span>
            <input className={input} required autoComplete="name" value={name} onChange={(e) => setName(e.target.value)} />
          </label>
        )}
        <label className="block">
          <span className="text-sm font-medium">Email</span>
          <input className={input} type="email" required autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} />
        </label>
        <label className="block">
          <span className="text-sm font-medium">Password</span>
          <input
            className={input}
            type="password"
            required
            minLength={creating ? 8 : undefined}
            autoComplete={creating ? "new-password" : "current-password"}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
          {creating && <span className="text-xs text-slate-500">At least 8 characters.</span>}
        </label>
        {error && <Alert>{error}</Alert>}
        <button className={`${button} w-full`} disabled={busy} type="submit">
          {busy ? "Please wait…" : creating ? "Create account" : "Sign in"}
        </button>
      </form>
      <button className="mt-4 w-full text-sm text-brand underline" onClick={() => { setCreating(!creating); setError(null); }}>
        {creating ? "Have an account? Sign in" : "New here? Create an account"}
      </button>
    </div>
  );
}
