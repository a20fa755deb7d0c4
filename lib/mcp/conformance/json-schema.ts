// JSON Schema compilation with Ajv, as MCP tool schemas are read: JSON Schema 2020-12 unless `$schema` names
// another dialect (draft-07 and 2019-09 are understood). Unknown keywords are allowed (JSON Schema ignores them),
// formats are checked with ajv-formats. One Ajv instance per dialect, schemas compiled fresh each time.
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import { Ajv2019 } from "ajv/dist/2019.js";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

export type Dialect = "2020-12" | "2019-09" | "draft-07";

const DIALECTS: Record<string, Dialect> = {
  "https://json-schema.org/draft/2020-12/schema": "2020-12",
  "https://json-schema.org/draft/2019-09/schema": "2019-09",
  "http://json-schema.org/draft-07/schema": "draft-07",
  "https://json-schema.org/draft-07/schema": "draft-07",
};

let instances: Record<Dialect, Ajv> | undefined;
function ajvFor(dialect: Dialect): Ajv {
  instances ??= (() => {
    const options = { strict: false, allErrors: true, logger: false as const, validateSchema: true };
    const made = { "2020-12": new Ajv2020(options), "2019-09": new Ajv2019(options), "draft-07": new Ajv(options) } as Record<Dialect, Ajv>;
    for (const ajv of Object.values(made)) addFormats(ajv);
    return made;
  })();
  return instances[dialect];
}

export type Compiled =
  { ok: true; dialect: Dialect; validate: ValidateFunction; unknownDialect?: string } | { ok: false; dialect: Dialect; error: string; unknownDialect?: string };

/** Compiles a schema; `unknownDialect` is a `$schema` we do not know (compiled as 2020-12 then). */
export function compileSchema(schema: Record<string, unknown>): Compiled {
  const declared = typeof schema.$schema === "string" ? schema.$schema.replace(/#$/, "") : undefined;
  const known = declared === undefined ? "2020-12" : DIALECTS[declared];
  const dialect = known ?? "2020-12";
  const unknownDialect = declared !== undefined && !known ? declared : undefined;
  const ajv = ajvFor(dialect);
  // An unknown $schema would make Ajv look the meta-schema up and fail; compile it as 2020-12 without it.
  const input = unknownDialect ? Object.fromEntries(Object.entries(schema).filter(([k]) => k !== "$schema")) : schema;
  try {
    return { ok: true, dialect, validate: ajv.compile(input), unknownDialect };
  } catch (err) {
    return { ok: false, dialect, error: err instanceof Error ? err.message : String(err), unknownDialect };
  }
}

/** One Ajv error as a line a person reads: where in the value, and what is wrong. */
export function describeError(error: ErrorObject): string {
  const where = error.instancePath || "(root)";
  const extra =
    error.keyword === "additionalProperties"
      ? ` (${String((error.params as { additionalProperty?: string }).additionalProperty)})`
      : error.keyword === "enum"
        ? ` (${JSON.stringify((error.params as { allowedValues?: unknown }).allowedValues)})`
        : "";
  return `${where} ${error.message ?? error.keyword}${extra}`;
}
