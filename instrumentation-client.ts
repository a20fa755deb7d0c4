// Browser-side Sentry. The DSN is not baked in at build time: the root layout renders <meta name="sentry-dsn">
// from the server's SENTRY_DSN per request (components/app-shell/sentry-client.tsx), and this reads it.
// Without that tag nothing happens: the SDK is a separate chunk, imported only when a DSN is present, so a
// deployment without Sentry downloads no Sentry code and makes no request.
const DSN_META = 'meta[name="sentry-dsn"]';

function start(): void {
  const dsn = document.querySelector<HTMLMetaElement>(DSN_META)?.content;
  if (!dsn) return;
  void import("./lib/observability/sentry-browser").then((m) => m.startBrowserSentry(dsn));
}

// React hoists the tag into <head>, which is parsed before this script normally runs; if the document is still
// loading without it, look again once it is parsed rather than deciding too early.
if (document.querySelector(DSN_META) || document.readyState !== "loading") start();
else document.addEventListener("DOMContentLoaded", start, { once: true });
