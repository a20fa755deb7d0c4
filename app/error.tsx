"use client";
import { useQuery } from "@tanstack/react-query";
import { DatabaseZap } from "lucide-react";
import { useRouter } from "next/navigation";
import { startTransition, useEffect, useState } from "react";
import { EmptyState, ErrorState } from "@/components/ui/state";
import { healthQueries } from "@/lib/queries/health";

/**
 * Last-resort boundary: a failing dependency shows a designed error, never a blank page. When the failure is the
 * database (the health route says so), the page says that, and reloads by itself once the database answers again.
 */
export default function ErrorBoundary({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const router = useRouter();
  const health = useQuery(healthQueries.server());
  // Set once the database was seen down, so its return (and only that) reloads the page.
  const [sawUnavailable, setSawUnavailable] = useState(false);
  const unavailable = health.data === "database_unavailable";
  if (unavailable && !sawUnavailable) setSawUnavailable(true);
  const recovered = sawUnavailable && health.data === "ok";

  useEffect(() => {
    if (!recovered) return;
    startTransition(() => {
      router.refresh();
      reset();
    });
  }, [recovered, router, reset]);

  if (unavailable || recovered) {
    return (
      <div className="mx-auto max-w-2xl py-10" role="alert" aria-live="polite">
        <EmptyState icon={<DatabaseZap />} title="Database unavailable">
          Tether cannot reach its database right now, so this page cannot be shown. Probes and webhooks resume on their own when it is back; senders retry the
          webhooks refused meanwhile. This page reloads by itself.
        </EmptyState>
      </div>
    );
  }
  return (
    <div className="mx-auto max-w-2xl py-10">
      <ErrorState
        title="This page could not be shown"
        message={`${error.message || "Unexpected error"}${error.digest ? ` (ref ${error.digest})` : ""}`}
        onRetry={reset}
      />
    </div>
  );
}
