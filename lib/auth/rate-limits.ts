// Abuse limits for sign-in attempts and manual probes, per user and per IP, counted in PostgreSQL
// (rate-limiter-flexible) so every dashboard instance shares one count.
import pg from "pg";
import { RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";
import { createLogger } from "../observability/logger";

const log = createLogger("rate-limits");

export type LimitKind = "login" | "probe";

interface LimitSpec {
  points: number;
  durationSeconds: number;
}

/** Per-subject and per-IP limits; the subject is the email for sign-in and the user for probes. */
export const LIMITS: Record<LimitKind, { subject: LimitSpec; ip: LimitSpec }> = {
  login: { subject: { points: 5, durationSeconds: 15 * 60 }, ip: { points: 30, durationSeconds: 15 * 60 } },
  probe: { subject: { points: 30, durationSeconds: 60 }, ip: { points: 60, durationSeconds: 60 } },
};

export type LimitResult = { ok: true } | { ok: false; retryAfterSeconds: number };

export interface RateLimits {
  consume(kind: LimitKind, keys: { subject?: string; ip: string }): Promise<LimitResult>;
  /** Forgets a subject's count, e.g. after a successful sign-in. */
  reset(kind: LimitKind, subject: string): Promise<void>;
}

export function createRateLimits(pool: pg.Pool, limits = LIMITS): RateLimits {
  const limiter = (kind: LimitKind, scope: "subject" | "ip") =>
    new RateLimiterPostgres({
      storeClient: pool,
      tableName: "rate_limit",
      tableCreated: true, // created by a migration; never DDL at request time
      keyPrefix: `${kind}:${scope}`,
      points: limits[kind][scope].points,
      duration: limits[kind][scope].durationSeconds,
      clearExpiredByTimeout: false,
    });
  const limiters = {
    login: { subject: limiter("login", "subject"), ip: limiter("login", "ip") },
    probe: { subject: limiter("probe", "subject"), ip: limiter("probe", "ip") },
  };
  return {
    async consume(kind, keys) {
      try {
        await limiters[kind].ip.consume(keys.ip);
        if (keys.subject) await limiters[kind].subject.consume(keys.subject.toLowerCase());
        return { ok: true };
      } catch (err) {
        if (err instanceof RateLimiterRes) return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(err.msBeforeNext / 1000)) };
        throw err;
      }
    },
    async reset(kind, subject) {
      await limiters[kind].subject.delete(subject.toLowerCase());
    },
  };
}

const globalForLimits = globalThis as unknown as { tetherRateLimits?: RateLimits };

/** The process-wide limiter over a small pool of its own. */
export function rateLimits(): RateLimits {
  if (!globalForLimits.tetherRateLimits) {
    const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 3, application_name: "tether-rate-limits" });
    // An idle connection dropped by the server (restart, failover) must not crash the process; the pool reconnects.
    pool.on("error", (err) => log.warn("rate-limit pool connection lost", { error: err.message }));
    globalForLimits.tetherRateLimits = createRateLimits(pool);
  }
  return globalForLimits.tetherRateLimits;
}
