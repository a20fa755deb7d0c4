// Wakes the worker when work appears, instead of it polling every second: PostgreSQL triggers NOTIFY on
// `tether_work` when an integration's schedule changes (created, edited, re-enabled) and when a queue gains rows
// (webhook events, notification and status deliveries). One connection LISTENs; while it is down (or before it is
// up) `listening` is false and the worker falls back to polling at the old pace. A tap lets someone else follow one
// more channel over the same connection (`npm start`'s web thread: status snapshots, lib/status-pages/snapshot/feed.ts)
// instead of opening a PostgreSQL backend of its own.
import pg from "pg";
import { poolOf, type Db } from "../db/client";
import type { Logger } from "../observability/logger";

export const WORK_CHANNEL = "tether_work";

/** What a notification says changed; anything else wakes everything. */
export type WorkKind = "integrations" | "queues";

/** One more channel LISTENed on the worker's connection, for someone else. */
export interface ListenerTap {
  channel: string;
  notified(payload: string | undefined): void;
  /** After each LISTEN that went through (the first, and every reconnect). */
  listening(): void;
}

export class WorkListener {
  private client: pg.Client | null = null;
  private closed = false;
  listening = false;

  constructor(
    private readonly db: Db,
    private readonly log: Logger,
    private readonly onWork: (kind: WorkKind | null) => void,
    private readonly tap?: ListenerTap,
  ) {}

  async start(): Promise<void> {
    if (this.closed) return;
    const { connectionString, host, port, user, password, database } = poolOf(this.db).options;
    const client = new pg.Client({ connectionString, host, port, user, password, database, application_name: "tether-worker-listen", keepAlive: true });
    this.client = client;
    const retry = () => {
      if (this.client !== client || this.closed) return;
      this.client = null;
      this.listening = false;
      void client.end().catch(() => undefined);
      // Anything may have changed while no one listened.
      this.onWork(null);
      setTimeout(() => void this.start().catch(() => retry()), 2_000).unref();
    };
    client.on("error", retry);
    client.on("end", retry);
    client.on("notification", (n) => {
      if (n.channel === WORK_CHANNEL) this.onWork(n.payload === "integrations" || n.payload === "queues" ? n.payload : null);
      else if (n.channel === this.tap?.channel) this.tap.notified(n.payload);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${WORK_CHANNEL}`);
      if (this.tap) await client.query(`LISTEN ${this.tap.channel}`);
      if (this.client !== client) return;
      this.listening = true;
      this.tap?.listening();
    } catch (err) {
      this.log.warn("could not listen for new work; polling instead", { error: err });
      retry();
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    this.listening = false;
    const c = this.client;
    this.client = null;
    await c?.end().catch(() => undefined);
  }
}
