import type { ReactNode } from "react";
import { useAuth } from "../../auth";
import { Alert, SignInPrompt, Spinner } from "../../components/ui";

export function AdminGate({ children }: { children: ReactNode }) {
  const { user, loading } = useAuth();
  if (loading) return <Spinner />;
  if (!user) return <SignInPrompt what="manage events" />;
  if (user.role !== "admin") return <Alert>Organiser access required.</Alert>;
  return <>{children}</>;
}
