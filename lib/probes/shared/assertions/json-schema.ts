// "The body matches this JSON Schema", with Ajv: draft-07 (the default) or 2020-12 by the schema's $schema, every
// violation collected, formats checked. A schema's `pattern`s run on RE2 as well, so a contract cannot stall a worker.
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import type { RegExpEngine } from "ajv/dist/types/index.js";
import { Ajv2019 } from "ajv/dist/2019.js";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsImport from "ajv-formats";
import { RE2JS } from "re2js";

export type JsonSchemaDialect = "draft-07" | "2019-09" | "2020-12";

export interface SchemaViolation {
  /** JSON Pointer into the body, e.g. /items/0/id; empty for the body itself. */
  instancePath: string;
  /** The schema keyword that failed: required, type, enum, format, … */
  keyword: string;
  message: string;
}

export type SchemaValidation = { ok: true; violations: SchemaViolation[]; total: number } | { ok: false; error: string };

export const MAX_VIOLATIONS = 20;
const CACHED_VALIDATORS = 200;

// ajv-formats is CommonJS with a default export; under ESM interop the function may sit one level down.
const addFormats = ((addFormatsImport as unknown as { default?: unknown }).default ?? addFormatsImport) as (ajv: Ajv) => Ajv;

const re2Engine: RegExpEngine = Object.assign(
  (pattern: string) => {
    const regex = RE2JS.compile(RE2JS.translateRegExp(pattern));
    return { test: (s: string) => regex.test(s), toString: () => pattern };
  },
  { code: "re2js" },
);

// strict off: providers' schemas carry annotations Ajv does not know (example, discriminator, x-…); nothing is logged.
const options = { allErrors: true, strict: false, logger: false, code: { regExp: re2Engine } } as const;
const engines = new Map<JsonSchemaDialect, Ajv>();

function engine(dialect: JsonSchemaDialect): Ajv {
  let ajv = engines.get(dialect);
  if (!ajv) {
    ajv = dialect === "2020-12" ? new Ajv2020(options) : dialect === "2019-09" ? new Ajv2019(options) : new Ajv(options);
    addFormats(ajv);
    engines.set(dialect, ajv);
  }
  return ajv;
}

/** The dialect a schema declares; null when its $schema names one we do not run. */
export function dialectOf(schema: Record<string, unknown>): JsonSchemaDialect | null {
  const declared = schema.$schema;
  if (declared === undefined) return "draft-07";
  if (typeof declared !== "string") return null;
  if (/draft-07/.test(declared)) return "draft-07";
  if (/2020-12/.test(declared)) return "2020-12";
  if (/2019-09/.test(declared)) return "2019-09";
  return null;
}

const validators = new Map<string, ValidateFunction>();

function compile(schema: Record<string, unknown>, dialect: JsonSchemaDialect, cacheKey?: string): ValidateFunction {
  const key = `${dialect}\n${cacheKey ?? JSON.stringify(schema)}`;
  const cached = validators.get(key);
  if (cached) {
    validators.delete(key);
    validators.set(key, cached);
    return cached;
  }
  // Ajv caches by schema too; a fresh copy with no $id keeps user schemas from colliding in its registry.
  const { $id: _id, ...rest } = schema;
  const validate = engine(dialect).compile(rest);
  validators.set(key, validate);
  if (validators.size > CACHED_VALIDATORS) validators.delete(validators.keys().next().value!);
  return validate;
}

function violation(e: ErrorObject): SchemaViolation {
  const extra = e.keyword === "additionalProperties" ? (e.params as { additionalProperty?: string }).additionalProperty : undefined;
  return { instancePath: e.instancePath, keyword: e.keyword, message: `${e.message ?? e.keyword}${extra ? ` (${extra})` : ""}` };
}

/** Validates a parsed body; `dialect` overrides the schema's $schema (an OpenAPI document decides it by its version). */
export function validateJsonSchema(schema: Record<string, unknown>, data: unknown, dialect?: JsonSchemaDialect, cacheKey?: string): SchemaValidation {
  const chosen = dialect ?? dialectOf(schema);
  if (!chosen) return { ok: false, error: `the schema's $schema ${JSON.stringify(schema.$schema)} is not draft-07, 2019-09 or 2020-12` };
  let validate: ValidateFunction;
  try {
    const { $schema: _declared, ...body } = schema;
    validate = compile(dialect ? body : schema, chosen, cacheKey);
  } catch (err) {
    return { ok: false, error: `the JSON Schema is not valid: ${err instanceof Error ? err.message : String(err)}` };
  }
  if (validate(data)) return { ok: true, violations: [], total: 0 };
  const errors = validate.errors ?? [];
  return { ok: true, violations: errors.slice(0, MAX_VIOLATIONS).map(violation), total: errors.length };
}
