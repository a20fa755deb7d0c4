// Next's server start hook. Sentry is loaded only when SENTRY_DSN is set at run time, so a deployment without it
// has no Sentry client in the Node or edge runtime, and the SDK is not even imported (a static import here loaded
// all of @sentry/nextjs into every web server at start).
import type { Instrumentation } from "next";

const sentryOn = () => !!process.env.SENTRY_DSN?.trim();

export async function register(): Promise<void> {
  if (!sentryOn()) return;
  if (process.env.NEXT_RUNTIME === "nodejs") await import("./sentry.server.config");
  if (process.env.NEXT_RUNTIME === "edge") await import("./sentry.edge.config");
}

/** Errors thrown while rendering, in route handlers, server actions and the proxy; reported with route context. */
export const onRequestError: Instrumentation.onRequestError = async (...args) => {
  if (!sentryOn()) return;
  const Sentry = await import("@sentry/nextjs");
  Sentry.captureRequestError(...args);
};
