"use client";
import { ErrorState } from "@/components/ui/state";

/** Last-resort boundary: a failing dependency shows a designed error, never a blank page. */
export default function ErrorBoundary({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
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
