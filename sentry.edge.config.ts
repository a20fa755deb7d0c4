// Sentry for the Next server's edge runtime (the proxy/middleware, edge routes), loaded by instrumentation.ts only
// when SENTRY_DSN is set. Same options as the Node runtime; the edge SDK has no Node-only integrations.
import * as Sentry from "@sentry/nextjs";
import { sentryPrivacyOptions } from "./lib/observability/sentry-privacy";

const dsn = process.env.SENTRY_DSN?.trim();
if (dsn) {
  Sentry.init({
    dsn,
    environment: process.env.SENTRY_ENVIRONMENT || undefined,
    release: process.env.SENTRY_RELEASE || undefined,
    ...sentryPrivacyOptions,
  });
}
