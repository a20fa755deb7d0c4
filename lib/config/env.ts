// Runtime configuration from the environment, parsed once with zod so a bad value fails loudly at start.
import { z } from "zod";
import { parseTrustedProxies } from "../http/client-address";

/** An empty variable means "unset", as shells and .env files commonly produce it. */
const optional = <T extends z.ZodType>(inner: T) => z.preprocess((v) => (v === "" ? undefined : v), inner.optional());

const schema = z.object({
  DATABASE_URL: optional(z.string().regex(/^postgres(ql)?:\/\//, "must be a postgresql:// URL")),
  /** A read replica for the dashboard's reads (lib/db/client.ts' readDb); checked here so a typo fails at start. */
  DATABASE_READ_URL: optional(z.string().regex(/^postgres(ql)?:\/\//, "must be a postgresql:// URL")),
  PORT: z.coerce.number().int().positive().default(3000),
  TETHER_DATA_DIR: z.string().default(".data"),
  TETHER_DEMO: z.enum(["auto", "on", "off"]).default("auto"),
  TETHER_DEMO_PORT: z.coerce.number().int().positive().default(4010),
  // Probes running at once, and as many slots held claimed ahead (1.25 s of them): 1.6 x the probes a second one
  // worker should sustain (1,600 for 1,000/s, as `npm run bench:probes` runs it).
  TETHER_WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(5000).default(100),
  /** Connections `npm start`'s worker keeps to PostgreSQL at most: 10 against DATABASE_URL, 4 against the embedded one. */
  TETHER_WORKER_DB_POOL: optional(z.coerce.number().int().min(1).max(100)),
  /** This worker's location (a slug such as eu-west): it also runs the integrations that list it. Unset: only integrations that list no locations. */
  TETHER_LOCATION: optional(z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, "must be a slug: lowercase letters, digits and dashes, up to 40")),
  TETHER_LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
  TETHER_RETENTION_DAYS: z.coerce.number().int().min(1).max(3_650).default(14),
  TETHER_LEASE_MARGIN_MS: z.coerce.number().int().min(500).max(600_000).default(15_000),
  /** How often one worker of the fleet evaluates alert rules. */
  TETHER_ALERT_EVALUATION_MS: z.coerce.number().int().min(500).max(3_600_000).default(5_000),
  /** `true` serves GET /metrics to anyone who can reach it (a scraper on a private network); otherwise it needs a token with the metrics scope. */
  TETHER_METRICS_PUBLIC: optional(z.enum(["true", "false"], { error: "must be true or false" })).transform((v) => v === "true"),
  /** Proxies (addresses or CIDRs) whose X-Forwarded-For is believed; without them the socket's peer is the client. */
  TETHER_TRUSTED_PROXIES: optional(
    z.string().superRefine((value, ctx) => {
      try {
        parseTrustedProxies(value);
      } catch (err) {
        ctx.addIssue({ code: "custom", message: (err as Error).message });
      }
    }),
  ),
});

export type Env = z.infer<typeof schema>;

export function readEnv(source: Record<string, string | undefined> = process.env): Env {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Invalid configuration:\n${lines}`);
  }
  return parsed.data;
}

/**
 * The dashboard's public URL, as `npm start` hands it to the web server (NEXTAUTH_URL) and the worker (links in
 * notifications and status-page snapshots): NEXTAUTH_URL, else TETHER_PUBLIC_URL, else the address it binds to.
 */
export function dashboardUrl(source: Record<string, string | undefined>, host: string, port: number): string {
  const set = source.NEXTAUTH_URL || source.TETHER_PUBLIC_URL;
  if (set) return set.replace(/\/+$/, "");
  return `http://${host === "0.0.0.0" ? "localhost" : host}:${port}`;
}
