// Builds the OpenAPI 3.1 document from the operation declarations with zod 4's own JSON Schema output
// (draft 2020-12, which OpenAPI 3.1 schemas are). Request schemas are rendered as the input they accept,
// response schemas as the output they produce. Pure: the route serves it, tests validate it.
import { z } from "zod";
import packageJson from "../../../package.json";
import { STATUS_OF, type ApiErrorCode } from "../errors";
import { TAGS, type Operation } from "./operation";
import { OPERATIONS } from "./registry";
import { apiErrorBodySchema } from "./responses";

type JsonSchema = Record<string, unknown>;

const ERROR_REF = { $ref: "#/components/schemas/Error" };

const ERROR_TEXT: Record<ApiErrorCode, string> = {
  bad_request: "The request cannot be read (no body, not JSON)",
  validation_failed: "Some fields are not valid; `details.fields` has the messages by dotted path",
  unauthenticated: "No session and no API token",
  forbidden: "The caller's role is too low, a token was sent where only a session may act, or a cross-site write",
  not_found: "Nothing with that id",
  conflict: "Conflicts with the current state (a duplicate name, already done)",
  gone: "No longer available",
  payload_too_large: "The body is over the operation's limit",
  unprocessable: "Stored data cannot be expressed in the requested form; `details.problems` names each resource and field",
  rate_limited: "Too many requests; see `retry-after`",
  unavailable: "The database is unreachable; see `retry-after`",
  internal: "Something went wrong on the server",
};

/** JSON Schema 2020-12's formats and OpenAPI's; zod also writes its own (`starts_with`...) beside a `pattern` that says it. */
const KNOWN_FORMATS = new Set(
  "date-time date time duration email idn-email hostname idn-hostname ipv4 ipv6 uri uri-reference iri iri-reference uuid uri-template json-pointer relative-json-pointer regex int32 int64 float double password byte binary".split(
    " ",
  ),
);

function toSchema(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  const out = z.toJSONSchema(schema, {
    target: "draft-2020-12",
    io,
    unrepresentable: "any",
    reused: "inline",
    override: ({ zodSchema, jsonSchema }) => {
      if (typeof jsonSchema.format === "string" && !KNOWN_FORMATS.has(jsonSchema.format)) delete jsonSchema.format;
      // A date the body takes (`z.coerce.date()`) is sent as an ISO 8601 string.
      if (zodSchema._zod.def.type === "date") Object.assign(jsonSchema, { type: "string", format: "date-time" });
    },
  }) as JsonSchema;
  delete out.$schema;
  return out;
}

/** The error codes an operation can answer with: the ones its shape implies, plus its declared extras. */
export function errorCodes(op: Operation): ApiErrorCode[] {
  const codes = new Set<ApiErrorCode>(op.errors ?? []);
  if (op.body) codes.add("bad_request").add("validation_failed");
  if (op.query) codes.add("validation_failed");
  if (op.params) codes.add("not_found");
  if (op.policy !== "public") codes.add("unauthenticated").add("forbidden");
  else if (op.method !== "GET") codes.add("forbidden");
  codes.add("unavailable").add("internal");
  return [...codes];
}

function parameters(op: Operation): JsonSchema[] {
  const out: JsonSchema[] = [];
  for (const [where, schema] of [
    ["path", op.params],
    ["query", op.query],
  ] as const) {
    if (!schema) continue;
    const json = toSchema(schema, "input");
    const required = new Set((json.required as string[] | undefined) ?? []);
    for (const [name, property] of Object.entries((json.properties ?? {}) as Record<string, JsonSchema>)) {
      const { description, ...rest } = property;
      out.push({ name, in: where, required: where === "path" || required.has(name), schema: rest, ...(description ? { description } : {}) });
    }
  }
  return out;
}

function security(op: Operation): JsonSchema[] {
  if (op.policy === "public") return [];
  return op.sessionOnly ? [{ sessionCookie: [] }] : [{ sessionCookie: [] }, { bearerToken: [] }];
}

function responses(op: Operation): JsonSchema {
  const out: JsonSchema = {};
  const { status, description, schema, contentType = "application/json" } = op.response;
  out[String(status)] =
    status === 204
      ? { description }
      : {
          description: schema ? description : `${description} (its schema is not described yet)`,
          content: { [contentType]: { schema: schema ? toSchema(schema, "output") : {} } },
        };
  const byStatus = new Map<number, ApiErrorCode[]>();
  for (const code of errorCodes(op)) byStatus.set(STATUS_OF[code], [...(byStatus.get(STATUS_OF[code]) ?? []), code]);
  for (const [status, codes] of [...byStatus].sort(([a], [b]) => a - b)) {
    out[String(status)] = {
      description: codes.map((c) => `\`${c}\`: ${ERROR_TEXT[c]}`).join(". "),
      content: { "application/json": { schema: ERROR_REF } },
    };
  }
  return out;
}

/** A patch body: the same fields, none required; the merged result is validated against the whole schema. */
function bodySchema(op: Operation, body: z.ZodType): JsonSchema {
  const json = toSchema(body, "input");
  if (!op.bodyIsPatch) return json;
  const optional = ({ required: _whole, ...rest }: JsonSchema): JsonSchema => rest;
  const union = (json.oneOf ?? json.anyOf) as JsonSchema[] | undefined;
  // A patch may fit several branches of a union (it names no `kind`), so it is anyOf, not oneOf.
  const patch = union ? { anyOf: union.map(optional) } : optional(json);
  return { ...patch, description: "Any of the fields; they are merged over the stored values and the result is validated whole" };
}

function describe(op: Operation): JsonSchema {
  const role =
    op.policy === "public" ? "Public." : `Needs the ${op.policy} role${op.sessionOnly ? ", from a signed-in session (API tokens are refused)" : ""}.`;
  return {
    operationId: op.id,
    summary: op.summary,
    description: [op.description, role].filter(Boolean).join("\n\n"),
    tags: [op.tag],
    security: security(op),
    ...(parameters(op).length ? { parameters: parameters(op) } : {}),
    ...(op.body ? { requestBody: { required: true, content: { "application/json": { schema: bodySchema(op, op.body) } } } } : {}),
    responses: responses(op),
  };
}

export function buildOpenApiDocument(opts: { version: string; operations?: readonly Operation[] }): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const op of opts.operations ?? OPERATIONS) (paths[op.path] ??= {})[op.method.toLowerCase()] = describe(op);
  const tags = [...new Set((opts.operations ?? OPERATIONS).map((op) => op.tag))].map((name) => ({ name, description: TAGS[name] }));
  return {
    openapi: "3.1.0",
    info: {
      title: "Tether API",
      version: opts.version,
      description:
        "The JSON API of a Tether instance; the dashboard uses it too. Sign in (session cookie) or send an API token " +
        "as `Authorization: Bearer <token>`. Every error has the shape of `Error`. Writes with a session cookie must " +
        "come from Tether's own pages (Origin checked); token calls need no such check.",
    },
    servers: [{ url: "/" }],
    tags,
    paths,
    components: {
      schemas: { Error: toSchema(apiErrorBodySchema, "output") },
      securitySchemes: {
        sessionCookie: {
          type: "apiKey",
          in: "cookie",
          name: "next-auth.session-token",
          description: "The dashboard's session, set by signing in (`__Secure-next-auth.session-token` over HTTPS)",
        },
        bearerToken: { type: "http", scheme: "bearer", description: "An API token made on the Tokens page (`tth_...`)" },
      },
    },
  };
}

let cached: JsonSchema | undefined;

/** The instance's document, built once per process: the declarations do not change while it runs. */
export function openApiDocument(): JsonSchema {
  return (cached ??= buildOpenApiDocument({ version: packageJson.version }));
}
