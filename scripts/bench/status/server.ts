// A child of `npm run bench:status`: one HTTP server on --port, either Tether's status fast path over the web
// cache (--mode fast: StatusSnapshotCache following NOTIFY, answerStatusFast, exactly what lib/http/web-server.ts
// runs in front of Next) or the baseline (--mode bare: the same snapshot's bytes, read once, sent by a bare
// node:http handler with only content-type, content-encoding and content-length). Prints "ready" when listening.
import { createServer } from "node:http";
import { parseArgs } from "node:util";
import { brotliCompressSync, gzipSync } from "node:zlib";
import { createDb } from "../../../lib/db/client";
import { answerStatusFast } from "../../../lib/http/status-fast-path";
import { StatusSnapshotCache } from "../../../lib/status-pages/snapshot/cache";

const { values } = parseArgs({ options: { port: { type: "string" }, mode: { type: "string" }, slug: { type: "string" } } });
const url = process.env.DATABASE_URL!;
const db = createDb(url, { max: 2 });

if (values.mode === "fast") {
  const cache = new StatusSnapshotCache(db);
  await cache.start(url);
  const server = createServer((req, res) => {
    if (!answerStatusFast(cache, req, res)) res.writeHead(404).end();
  });
  server.listen(Number(values.port), "127.0.0.1", () => process.stdout.write("ready\n"));
} else {
  const row = await db.statusPageSnapshot.findFirstOrThrow({ where: { slug: values.slug } });
  const bodies = new Map<string, { type: string; raw: Buffer; br: Buffer; gzip: Buffer }>();
  const put = (path: string, type: string, text: string) => {
    const raw = Buffer.from(text);
    bodies.set(path, { type, raw, br: brotliCompressSync(raw), gzip: gzipSync(raw) });
  };
  put(`/status/${row.slug}`, "text/html; charset=utf-8", row.html);
  put(`/status/${row.slug}/api/v2/summary.json`, "application/json", row.summaryJson);
  put(`/status/${row.slug}/api/v2/status.json`, "application/json", row.statusJson);
  const server = createServer((req, res) => {
    const b = bodies.get(req.url ?? "");
    if (!b) return void res.writeHead(404).end();
    const ae = req.headers["accept-encoding"] ?? "";
    const [body, enc] = ae.includes("br") ? [b.br, "br"] : ae.includes("gzip") ? [b.gzip, "gzip"] : [b.raw, null];
    res.writeHead(200, { "content-type": b.type, "content-length": body.length, ...(enc ? { "content-encoding": enc } : {}) });
    res.end(body);
  });
  server.listen(Number(values.port), "127.0.0.1", () => process.stdout.write("ready\n"));
}
