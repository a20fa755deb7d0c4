// Group commit for received webhooks. Requests that arrive while an INSERT is on its way to PostgreSQL wait and
// go together in the next one: one multi-row statement, one commit, one round trip for all of them. Each caller
// is answered only once that statement has committed, so "committed before 2xx" holds for every row. Under light
// load a batch is one row and nothing waits; under heavy load batches grow, and so does throughput, instead of
// every request queueing for a connection of its own.
import type pg from "pg";

export interface EventInsert {
  sourceId: string;
  receivedAt: Date;
  externalId: string | null;
  eventType: string | null;
  headers: Record<string, string>;
  body: Buffer;
  contentType: string | null;
  verified: boolean;
  verificationDetail: string;
  status: "received" | "rejected_signature";
  nextAttemptAt: Date | null;
}

/** The new event's id, or null when the source already has an event with that external id. */
export type InsertOutcome = bigint | null;

// unnest keeps the rows in order; ON CONFLICT DO NOTHING also skips a second copy within the same batch.
const INSERT = `
  INSERT INTO "WebhookEvent" ("sourceId", "receivedAt", "externalId", "eventType", headers, body, "contentType", verified, "verificationDetail", status, "nextAttemptAt")
  SELECT * FROM unnest($1::uuid[], $2::timestamp[], $3::text[], $4::text[], $5::jsonb[], $6::bytea[], $7::text[], $8::boolean[], $9::text[], $10::"WebhookEventStatus"[], $11::timestamp[])
  ON CONFLICT ("sourceId", "externalId") DO NOTHING
  RETURNING id, "sourceId", "externalId"`;

/** timestamp columns hold UTC; an ISO string with its Z is read as that wall time whatever the session zone. */
const utc = (d: Date | null) => d?.toISOString() ?? null;

interface Pending {
  row: EventInsert;
  resolve: (outcome: InsertOutcome) => void;
  reject: (err: unknown) => void;
}

export interface EventWriterOptions {
  /** Statements in flight at once; the rest of the pool stays free for everything else. */
  concurrency?: number;
  maxBatch?: number;
}

export class EventWriter {
  private queue: Pending[] = [];
  private inFlight = 0;
  private readonly concurrency: number;
  private readonly maxBatch: number;

  constructor(
    private readonly pool: pg.Pool,
    options: EventWriterOptions = {},
  ) {
    this.concurrency = options.concurrency ?? 4;
    this.maxBatch = options.maxBatch ?? 256;
  }

  insert(row: EventInsert): Promise<InsertOutcome> {
    return new Promise((resolve, reject) => {
      this.queue.push({ row, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.queue.length > 0 && this.inFlight < this.concurrency) {
      const batch = this.queue.splice(0, this.maxBatch);
      this.inFlight++;
      void this.write(batch).finally(() => {
        this.inFlight--;
        this.pump();
      });
    }
  }

  private async write(batch: Pending[]): Promise<void> {
    try {
      settle(batch, await this.run(batch.map((p) => p.row)));
    } catch (err) {
      if (batch.length === 1 || isConnectionError(err)) {
        for (const p of batch) p.reject(err);
        return;
      }
      // One row PostgreSQL refuses (say, a NUL in a header) must not fail the others: retry them one by one.
      for (const p of batch) {
        try {
          settle([p], await this.run([p.row]));
        } catch (single) {
          p.reject(single);
        }
      }
    }
  }

  private async run(rows: EventInsert[]): Promise<{ id: string; sourceId: string; externalId: string | null }[]> {
    const col = <T>(pick: (r: EventInsert) => T) => rows.map(pick);
    const result = await this.pool.query<{ id: string; sourceId: string; externalId: string | null }>({
      name: "webhook-event-insert",
      text: INSERT,
      values: [
        col((r) => r.sourceId),
        col((r) => utc(r.receivedAt)),
        col((r) => r.externalId),
        col((r) => r.eventType),
        col((r) => JSON.stringify(r.headers)),
        col((r) => r.body),
        col((r) => r.contentType),
        col((r) => r.verified),
        col((r) => r.verificationDetail),
        col((r) => r.status),
        col((r) => utc(r.nextAttemptAt)),
      ],
    });
    return result.rows;
  }
}

/** Matches returned rows to the batch: by (source, external id), and in order for rows without an external id. */
function settle(batch: Pending[], rows: { id: string; sourceId: string; externalId: string | null }[]): void {
  const byKey = new Map<string, string>();
  const anonymous: string[] = [];
  for (const r of rows) {
    if (r.externalId === null) anonymous.push(r.id);
    else byKey.set(`${r.sourceId}\u0000${r.externalId}`, r.id);
  }
  let nextAnonymous = 0;
  for (const p of batch) {
    if (p.row.externalId === null) {
      const id = anonymous[nextAnonymous++];
      // Cannot happen (such a row never conflicts); if it did, the row is committed, so never retry it.
      if (id === undefined) p.reject(new Error("The database returned fewer rows than it was given"));
      else p.resolve(BigInt(id));
      continue;
    }
    const key = `${p.row.sourceId}\u0000${p.row.externalId}`;
    const id = byKey.get(key);
    // The first copy in the batch got the row; a later copy is a duplicate like any other.
    byKey.delete(key);
    p.resolve(id === undefined ? null : BigInt(id));
  }
}

function isConnectionError(err: unknown): boolean {
  const code = (err as { code?: string })?.code ?? "";
  // No SQLSTATE at all (refused, reset, terminated) or class 08 (connection exception) / 57P (shutdown).
  return !/^[0-9A-Z]{5}$/.test(code) || code.startsWith("08") || code.startsWith("57P");
}

// On globalThis: Next's bundles and `npm start`'s fast path each load this module, and a pool gets one writer.
const globalForWriters = globalThis as unknown as { tetherEventWriters?: WeakMap<pg.Pool, EventWriter> };
const writers = (globalForWriters.tetherEventWriters ??= new WeakMap<pg.Pool, EventWriter>());

/** One writer per pool, so every request of the process joins the same batches. */
export function eventWriter(pool: pg.Pool): EventWriter {
  let writer = writers.get(pool);
  if (!writer) writers.set(pool, (writer = new EventWriter(pool)));
  return writer;
}
