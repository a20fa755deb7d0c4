// Sentry for the Next server's Node runtime, loaded by instrumentation.ts only when SENTRY_DSN is set.
// Errors only (no tracesSampleRate); events go through sentryPrivacyOptions, like the worker's.
import * as Sentry from "@sentry/nextjs";
import { sentryPrivacyOptions } from "./lib/observability/sentry-privacy";

const dsn = process.env.SENTRY_DSN?.trim();
if (dsn) {
  Sentry.init({
    dsn,
    environment: process.env.SENTRY_ENVIRONMENT || undefined,
    release: process.env.SENTRY_RELEASE || undefined,
    ...sentryPrivacyOptions,
    // Its module-loader hooks only feed tracing spans; under `next start` on Node 20 they failed to register
    // and printed a warning at every start.
    enableRuntimeChannelInjection: false,
  });
}
