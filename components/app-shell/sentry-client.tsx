// Hands the server's SENTRY_DSN to the browser SDK (instrumentation-client.ts) as <meta name="sentry-dsn">, read
// per request so the DSN is run-time configuration, not baked into the build. Renders nothing when it is unset.
// A DSN is safe to publish: it only lets a client submit events to its project.
import { connection } from "next/server";

export async function SentryClient() {
  // Without this, statically prerendered pages (the 404 page) would carry the DSN of the build machine.
  await connection();
  const dsn = process.env.SENTRY_DSN?.trim();
  // React hoists <meta> into <head>, wherever in the tree this is rendered.
  return dsn ? <meta name="sentry-dsn" content={dsn} /> : null;
}
