// Next's server start hook. Sentry is loaded only when SENTRY_DSN is set at run time, so a deployment without it
// has no Sentry client in the Node or edge runtime; captureRequestError is then a no-op.
import * as Sentry from "@sentry/nextjs";

export async function register(): Promise<void> {
  if (!process.env.SENTRY_DSN?.trim()) return;
  if (process.env.NEXT_RUNTIME === "nodejs") await import("./sentry.server.config");
  if (process.env.NEXT_RUNTIME === "edge") await import("./sentry.edge.config");
}

/** Errors thrown while rendering, in route handlers, server actions and the proxy; reported with route context. */
export const onRequestError = Sentry.captureRequestError;
