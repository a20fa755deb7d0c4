// Counts the SQL statements this process sends through node-postgres (Prisma's adapter and plain SQL alike), so a
// test can assert what a piece of work costs the database: "with no rules, an alert pass is one statement".
import pg from "pg";

export interface StatementCounter {
  /** The statements sent since the counter started (whitespace collapsed). */
  readonly texts: string[];
  stop(): void;
}

export function countStatements(): StatementCounter {
  const texts: string[] = [];
  const original = pg.Client.prototype.query;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- pg's overloads; the arguments pass through untouched
  pg.Client.prototype.query = function (this: pg.Client, ...args: any[]) {
    const first: unknown = args[0];
    const text = typeof first === "string" ? first : ((first as { text?: string } | null)?.text ?? "?");
    texts.push(text.replace(/\s+/g, " ").trim());
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof pg.Client.prototype.query;
  return { texts, stop: () => void (pg.Client.prototype.query = original) };
}

/** The statements `fn` sends. */
export async function statementsOf(fn: () => Promise<unknown>): Promise<string[]> {
  const counter = countStatements();
  try {
    await fn();
  } finally {
    counter.stop();
  }
  return counter.texts;
}
