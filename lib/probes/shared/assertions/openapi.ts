// The response schema of one operation in a provider's published OpenAPI 3.x document: fetched through the SSRF guard,
// kept per URL (revalidated with ETag / Last-Modified after a TTL, the stale copy served while the provider is down),
// `$ref`s resolved inside the document only, and OpenAPI 3.0's dialect (nullable, boolean exclusive bounds) turned
// into JSON Schema. Node only.
import { request } from "undici";
import { createSafeDispatcher, type OutboundPolicy } from "../../../security/outbound";
import type { ResolvedSchema } from "./evaluate";
import type { OpenApiOperation } from "./schema";

export interface OpenApiFetchContext {
  outbound: OutboundPolicy;
  signal: AbortSignal;
  now: () => number;
}

interface Document {
  version: "3.0" | "3.1";
  doc: Record<string, unknown>;
  /** Some $refs are circular and were left in place (they point into `components`). */
  circular: boolean;
  /** Tells one fetched copy from the next, so compiled validators are reused per copy. */
  revision: string;
  picked: Map<string, ResolvedSchema>;
}

interface Entry {
  document: Document;
  etag?: string;
  lastModified?: string;
  fetchedAt: number;
}

export interface OpenApiCacheOptions {
  /** How long a document is used before it is revalidated. */
  ttlMs?: number;
  /** How long a stale document is still used when revalidation fails. */
  staleIfErrorMs?: number;
  maxDocuments?: number;
  maxBytes?: number;
}

export const OPENAPI_TTL_MS = 10 * 60_000;
const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

class DocumentError extends Error {}

async function readCapped(body: AsyncIterable<Buffer>, max: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > max) throw new DocumentError(`the OpenAPI document is over ${Math.round(max / 1024 / 1024)} MiB`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}

// The YAML parser and the $ref resolver load with the first document: most HTTP integrations assert no OpenAPI schema.
async function parseDocument(text: string): Promise<Json> {
  let parsed: unknown;
  const json = text.trimStart().startsWith("{");
  const yaml = json ? null : await import("yaml");
  try {
    parsed = yaml ? yaml.parse(text, { maxAliasCount: 100 }) : JSON.parse(text);
  } catch (err) {
    throw new DocumentError(`the OpenAPI document is neither JSON nor YAML (${err instanceof Error ? err.message.split("\n")[0] : String(err)})`);
  }
  if (!isObject(parsed)) throw new DocumentError("the OpenAPI document is not an object");
  return parsed;
}

/** OpenAPI 3.0 schema objects to JSON Schema draft-07: `nullable` as a "null" type, boolean exclusive bounds as numbers. */
export function translateOpenApi30(schema: unknown, seen = new WeakSet<object>()): void {
  if (typeof schema !== "object" || schema === null || seen.has(schema)) return;
  seen.add(schema);
  if (Array.isArray(schema)) {
    for (const item of schema) translateOpenApi30(item, seen);
    return;
  }
  const s = schema as Json;
  if (s.nullable === true) {
    if (typeof s.type === "string") s.type = [s.type, "null"];
    else if (Array.isArray(s.type) && !s.type.includes("null")) s.type = [...s.type, "null"];
    if (Array.isArray(s.enum) && !s.enum.includes(null)) s.enum = [...s.enum, null];
    if (s.type === undefined && (s.allOf || s.oneOf || s.anyOf || s.$ref)) {
      const { nullable: _n, ...rest } = s;
      for (const key of Object.keys(s)) delete s[key];
      s.anyOf = [rest, { type: "null" }];
    }
  }
  if (typeof s.nullable === "boolean") delete s.nullable;
  for (const [bound, limit] of [
    ["exclusiveMinimum", "minimum"],
    ["exclusiveMaximum", "maximum"],
  ] as const) {
    if (s[bound] === true && typeof s[limit] === "number") {
      s[bound] = s[limit];
      delete s[limit];
    } else if (s[bound] === false) delete s[bound];
  }
  for (const [key, value] of Object.entries(s)) {
    // Examples and defaults are data, not schemas.
    if (key === "example" || key === "examples" || key === "default" || key === "enum" || key === "const") continue;
    translateOpenApi30(value, seen);
  }
}

async function prepare(raw: Json, revision: string): Promise<Document> {
  const declared = typeof raw.openapi === "string" ? raw.openapi : null;
  if (!declared || !/^3\.[01]\./.test(declared)) {
    throw new DocumentError(raw.swagger ? "only OpenAPI 3.0 and 3.1 documents are read (this is Swagger 2.0)" : "the document is not OpenAPI 3.0 or 3.1");
  }
  let doc: Json;
  const { $RefParser } = await import("@apidevtools/json-schema-ref-parser");
  const parser = new $RefParser();
  try {
    // Inside the document only: an external $ref would be a request we did not guard.
    doc = (await parser.dereference(raw as never, { resolve: { external: false }, dereference: { circular: "ignore" } })) as unknown as Json;
  } catch (err) {
    throw new DocumentError(`the OpenAPI document's $refs do not resolve (${err instanceof Error ? err.message : String(err)})`);
  }
  const version = declared.startsWith("3.0") ? "3.0" : "3.1";
  if (version === "3.0") translateOpenApi30(doc);
  return { version, doc, circular: parser.$refs.circular, revision, picked: new Map() };
}

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\b/i;

/** The schema of one operation's documented response, with what the document does have when it is not there. */
export function pickResponseSchema(document: Document, op: OpenApiOperation): ResolvedSchema {
  const key = `${op.method} ${op.path} ${op.status}`;
  let picked = document.picked.get(key);
  if (!picked) {
    picked = pick(document, op);
    document.picked.set(key, picked);
  }
  return picked;
}

function pick(document: Document, op: OpenApiOperation): ResolvedSchema {
  const paths = isObject(document.doc.paths) ? document.doc.paths : {};
  const item = paths[op.path];
  const name = `${op.method.toUpperCase()} ${op.path}`;
  if (!isObject(item)) {
    const known = Object.keys(paths).slice(0, 5).join(", ");
    return { ok: false, error: `the OpenAPI document has no path ${op.path}${known ? ` (it has ${known}${Object.keys(paths).length > 5 ? ", …" : ""})` : ""}` };
  }
  const operation = item[op.method];
  if (!isObject(operation)) return { ok: false, error: `the OpenAPI document has no ${name} operation` };
  const responses = isObject(operation.responses) ? operation.responses : {};
  const response = responses[op.status] ?? (/^\d/.test(op.status) ? responses[`${op.status[0]}XX`] : undefined) ?? responses.default;
  if (!isObject(response)) {
    return { ok: false, error: `${name} documents no ${op.status} response (it documents ${Object.keys(responses).join(", ") || "none"})` };
  }
  const content = isObject(response.content) ? response.content : {};
  const type = Object.keys(content).find((t) => JSON_TYPE.test(t)) ?? (content["*/*"] ? "*/*" : undefined);
  const media = type ? content[type] : undefined;
  if (!isObject(media) || !isObject(media.schema)) return { ok: false, error: `the ${op.status} response of ${name} has no JSON schema` };
  // Circular $refs are left in place and point into the document's components, so then the schema carries them.
  const components = document.circular && isObject(document.doc.components) ? { components: document.doc.components } : {};
  return {
    ok: true,
    schema: { ...media.schema, ...components },
    dialect: document.version === "3.1" ? "2020-12" : "draft-07",
    cacheKey: `openapi ${op.url} ${document.revision} ${op.method} ${op.path} ${op.status}`,
  };
}

/** One cache per process (the worker's probes share it); tests make their own with their clock. */
export function createOpenApiCache(options: OpenApiCacheOptions = {}) {
  const ttlMs = options.ttlMs ?? OPENAPI_TTL_MS;
  const staleIfErrorMs = options.staleIfErrorMs ?? 24 * 60 * 60_000;
  const maxDocuments = options.maxDocuments ?? 50;
  const maxBytes = options.maxBytes ?? MAX_DOCUMENT_BYTES;
  const entries = new Map<string, Entry>();
  const inFlight = new Map<string, Promise<Document>>();
  let fetches = 0;

  async function fetchDocument(url: string, ctx: OpenApiFetchContext): Promise<Document> {
    const cached = entries.get(url);
    const now = ctx.now();
    if (cached && now - cached.fetchedAt < ttlMs) return cached.document;
    fetches++;
    try {
      const res = await request(url, {
        method: "GET",
        headers: {
          accept: "application/json, application/yaml;q=0.9, */*;q=0.1",
          ...(cached?.etag ? { "if-none-match": cached.etag } : {}),
          ...(cached?.lastModified ? { "if-modified-since": cached.lastModified } : {}),
        },
        signal: ctx.signal,
        dispatcher: createSafeDispatcher(ctx.outbound),
      });
      if (res.statusCode === 304 && cached) {
        await res.body.dump();
        cached.fetchedAt = now;
        return cached.document;
      }
      if (res.statusCode !== 200) {
        await res.body.dump();
        throw new DocumentError(`the OpenAPI document answered HTTP ${res.statusCode}`);
      }
      const header = (name: string) => {
        const v = res.headers[name];
        return typeof v === "string" ? v : undefined;
      };
      const document = await prepare(await parseDocument(await readCapped(res.body, maxBytes)), `${now}:${header("etag") ?? ""}`);
      entries.delete(url);
      entries.set(url, { document, etag: header("etag"), lastModified: header("last-modified"), fetchedAt: now });
      if (entries.size > maxDocuments) entries.delete(entries.keys().next().value!);
      return document;
    } catch (err) {
      if (
        cached &&
        now - cached.fetchedAt < ttlMs + staleIfErrorMs &&
        !(err instanceof DocumentError && /over|neither|not OpenAPI|Swagger/.test(err.message))
      ) {
        return cached.document;
      }
      if (err instanceof DocumentError) throw err;
      throw new DocumentError(`the OpenAPI document could not be fetched (${err instanceof Error ? err.message : String(err)})`);
    }
  }

  return {
    /** The operation's response schema, or why there is none (never throws). */
    async resolve(op: OpenApiOperation, ctx: OpenApiFetchContext): Promise<ResolvedSchema> {
      try {
        let pending = inFlight.get(op.url);
        if (!pending) {
          pending = fetchDocument(op.url, ctx).finally(() => inFlight.delete(op.url));
          inFlight.set(op.url, pending);
        }
        return pickResponseSchema(await pending, op);
      } catch (err) {
        return { ok: false, error: err instanceof Error ? err.message : String(err) };
      }
    },
    /** How many requests it has sent (for tests of the cache). */
    get fetches() {
      return fetches;
    },
  };
}

export type OpenApiCache = ReturnType<typeof createOpenApiCache>;
