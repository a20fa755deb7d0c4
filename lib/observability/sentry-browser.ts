// The browser SDK's start, kept in its own module so instrumentation-client.ts can load it lazily and the
// bundler can tree-shake it: `import("@sentry/nextjs")` as a namespace would pull the whole SDK (replay,
// feedback...) into the chunk, about three times the size. Deliberately not named sentry.client.config.ts:
// Sentry's webpack path injects a file of that name into every page eagerly.
import { init } from "@sentry/nextjs";
import { sentryPrivacyOptions } from "./sentry-privacy";

export function startBrowserSentry(dsn: string): void {
  // Errors only (no tracesSampleRate): no performance data, no session replay.
  init({ dsn, ...sentryPrivacyOptions });
}
