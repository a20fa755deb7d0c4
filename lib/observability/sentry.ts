// Sentry for the processes that run outside Next (`scripts/start.ts`, `scripts/worker.ts`): the worker and the
// probe engine. Silent unless SENTRY_DSN is set: without it no client exists, so nothing is queued or sent.
// Events go through sentryPrivacyOptions, so they never carry request headers, cookies, bodies or query strings.
// The SDK is imported on first use, not at the top: the worker bundle hoists a static import of a package to the
// bundle's top, so a static import here would load the SDK in every worker, DSN or not.
import { sentryPrivacyOptions } from "./sentry-privacy";

type SentrySdk = typeof import("@sentry/node");
let sdk: SentrySdk | null = null;

/** `process.env`, or a parsed config object that carries these keys among others. */
export interface SentryEnv {
  readonly [key: string]: unknown;
  SENTRY_DSN?: string;
  SENTRY_ENVIRONMENT?: string;
  SENTRY_RELEASE?: string;
}

export interface ProbeErrorContext {
  integrationId: string;
  /** Optional because a caller that only holds a lease (the worker's catch) knows the id and nothing else. */
  integrationName?: string;
  kind?: string;
}

/** Starts the SDK when `env.SENTRY_DSN` is set; returns whether it did. Safe to call more than once. */
export async function initSentryForWorker(env: SentryEnv = process.env): Promise<boolean> {
  const dsn = env.SENTRY_DSN?.trim();
  if (!dsn) return false;
  const Sentry = (sdk ??= await import("@sentry/node"));
  if (Sentry.isInitialized()) return true;
  Sentry.init({
    dsn,
    environment: env.SENTRY_ENVIRONMENT || undefined,
    release: env.SENTRY_RELEASE || undefined,
    ...sentryPrivacyOptions,
    // Its module-loader hooks (Module.register) only feed tracing spans; they should not stack on tsx's.
    enableRuntimeChannelInjection: false,
    // Errors only: no tracesSampleRate, so no spans or transactions are recorded or sent.
    integrations: [
      // The default "warn" mode logs and swallows unhandled rejections; Node (and this worker without a DSN)
      // crashes on them, and setting a DSN must not change how the process fails.
      Sentry.onUnhandledRejectionIntegration({ mode: "strict" }),
    ],
  });
  return true;
}

/** Reports an unexpected error (not a classified probe failure) tagged with the integration it concerns. */
export function captureProbeError(err: unknown, ctx: ProbeErrorContext): void {
  if (!sdk?.isInitialized()) return;
  sdk.captureException(err, {
    tags: { integration: ctx.integrationId, ...(ctx.kind ? { "integration.kind": ctx.kind } : {}) },
    contexts: { integration: { id: ctx.integrationId, name: ctx.integrationName, kind: ctx.kind } },
  });
}

/** Waits up to `timeoutMs` for queued events to be sent; call before `process.exit` on shutdown. */
export async function flushSentry(timeoutMs = 2_000): Promise<boolean> {
  if (!sdk?.isInitialized()) return true;
  return sdk.flush(timeoutMs);
}
