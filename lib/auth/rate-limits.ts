// Abuse limits for sign-in attempts and manual probes, per user and per IP, counted in PostgreSQL
// (rate-limiter-flexible) so every dashboard instance shares one count.
import pg from "pg";
import { RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";
import { createLogger } from "../observability/logger";

const log = createLogger("rate-limits");

export type LimitKind = "login" | "probe" | "subscribe";

interface LimitSpec {
  points: number;
  durationSeconds: number;
}

/** Per-subject and per-IP limits; the subject is the email for sign-in and the user for probes. */
export const LIMITS: Record<LimitKind, { subject: LimitSpec; ip: LimitSpec; target: LimitSpec }> = {
  // Failed sign-ins only: 5 per account and 30 per address in 15 minutes.
  login: { subject: { points: 5, durationSeconds: 15 * 60 }, ip: { points: 30, durationSeconds: 15 * 60 }, target: { points: 1, durationSeconds: 1 } },
  // Manual probes: per user, per address, and per integration (whoever clicks).
  probe: { subject: { points: 30, durationSeconds: 60 }, ip: { points: 60, durationSeconds: 60 }, target: { points: 12, durationSeconds: 60 } },
  // Status page subscriptions: per address (each sends a confirmation email), per IP, and per page.
  subscribe: { subject: { points: 3, durationSeconds: 3600 }, ip: { points: 10, durationSeconds: 600 }, target: { points: 100, durationSeconds: 3600 } },
};

export type LimitResult = { ok: true } | { ok: false; retryAfterSeconds: number };

export interface RateLimits {
  /** Counts this call against both keys; refuses once either is exhausted (manual probes). */
  consume(kind: LimitKind, keys: { subject?: string; ip: string; target?: string }): Promise<LimitResult>;
  /** Refuses if either key is exhausted, without counting this call (sign-in, checked before the password). */
  check(kind: LimitKind, keys: { subject?: string; ip: string }): Promise<LimitResult>;
  /** Counts a failure against both keys (a wrong password). */
  penalize(kind: LimitKind, keys: { subject?: string; ip: string }): Promise<void>;
  /** Forgets a subject's count, e.g. after a successful sign-in. */
  reset(kind: LimitKind, subject: string): Promise<void>;
}

export function createRateLimits(pool: pg.Pool, limits = LIMITS): RateLimits {
  const limiter = (kind: LimitKind, scope: "subject" | "ip" | "target") =>
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
    login: { subject: limiter("login", "subject"), ip: limiter("login", "ip"), target: limiter("login", "target") },
    probe: { subject: limiter("probe", "subject"), ip: limiter("probe", "ip"), target: limiter("probe", "target") },
    subscribe: { subject: limiter("subscribe", "subject"), ip: limiter("subscribe", "ip"), target: limiter("subscribe", "target") },
  };
  return {
    async consume(kind, keys) {
      try {
        await limiters[kind].ip.consume(keys.ip);
        if (keys.subject) await limiters[kind].subject.consume(keys.subject.toLowerCase());
        if (keys.target) await limiters[kind].target.consume(keys.target);
        return { ok: true };
      } catch (err) {
        if (err instanceof RateLimiterRes) return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(err.msBeforeNext / 1000)) };
        throw err;
      }
    },
    async check(kind, keys) {
      const pairs: [RateLimiterPostgres, string, number][] = [[limiters[kind].ip, keys.ip, limits[kind].ip.points]];
      if (keys.subject) pairs.push([limiters[kind].subject, keys.subject.toLowerCase(), limits[kind].subject.points]);
      for (const [limiter, key, points] of pairs) {
        const res = await limiter.get(key);
        if (res && res.consumedPoints >= points) return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(res.msBeforeNext / 1000)) };
      }
      return { ok: true };
    },
    async penalize(kind, keys) {
      await limiters[kind].ip.penalty(keys.ip, 1);
      if (keys.subject) await limiters[kind].subject.penalty(keys.subject.toLowerCase(), 1);
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
