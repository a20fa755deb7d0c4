// Test-only helpers for the "a secret is found nowhere" tests: route handlers called as a signed-in person with
// every response kept, stdout captured, and every row of every table as text. Production code never imports this.
import type { Db } from "../db/client";

/** Keeps everything written to stdout (where the logger writes) until `restore()`. */
export function captureStdout(): { lines: string[]; restore(): void } {
  const lines: string[] = [];
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    lines.push(String(chunk));
    return write(chunk as string, ...(rest as []));
  }) as typeof process.stdout.write;
  return { lines, restore: () => void (process.stdout.write = write) };
}

type Handler = (req: Request, ctx: { params: Promise<unknown> }) => Promise<Response>;

/** Calls route modules' handlers with these headers; each response (status, headers, body) is kept as text unless `record` is false. */
export function routeCaller(headers: Record<string, string>) {
  const responses: string[] = [];
  const call = async (mod: Record<string, unknown>, method: string, path: string, params: Record<string, string>, body?: unknown, record = true) => {
    const handler = mod[method] as Handler;
    const res = await handler(new Request(`http://tether.test${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) }), {
      params: Promise.resolve(params),
    });
    const text = await res.text();
    if (record) responses.push(`${method} ${path} ${res.status} ${[...res.headers].join(" ")} ${text}`);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read whatever the route answered
    return { status: res.status, json: (text ? JSON.parse(text) : null) as any };
  };
  return { responses, call };
}

/** Every row of every table in the public schema, as JSON text, with its table's name. */
export async function allRows(db: Db): Promise<{ table: string; row: string }[]> {
  const tables = await db.$queryRaw<{ table_name: string }[]>`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`;
  const out: { table: string; row: string }[] = [];
  for (const { table_name } of tables) {
    const rows = await db.$queryRawUnsafe<{ row: string }[]>(`SELECT row_to_json(t)::text AS row FROM "${table_name}" t`);
    out.push(...rows.map((r) => ({ table: table_name, row: r.row })));
  }
  return out;
}
