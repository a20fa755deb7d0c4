// The OpenAPI document as the API reference page shows it: operations grouped by tag in the document's order, each
// with who may call it, its parameters, its body and its responses, every schema turned into a small tree of fields
// (refs resolved, unions as variants). Pure: the document in, plain data out, so the page renders without a library
// and without a request beyond the page itself.
type Json = Record<string, unknown>;

export interface SchemaNode {
  /** "object", "string", "integer", "array of string", "one of", "any"... with a format when there is one. */
  type: string;
  description?: string;
  /** Allowed values, for enums and constants. */
  values?: string[];
  /** Bounds and patterns, as short phrases ("≥ 1", "pattern ^\d+$", "default 25"). */
  constraints: string[];
  nullable: boolean;
  fields?: SchemaField[];
  items?: SchemaNode;
  variants?: SchemaNode[];
  /** A map's values (`additionalProperties`). */
  valuesOf?: SchemaNode;
  /** Where the tree stopped (too deep); the raw document has the rest. */
  truncated?: boolean;
}

export interface SchemaField {
  name: string;
  required: boolean;
  schema: SchemaNode;
}

export interface ReferenceParameter {
  name: string;
  in: "path" | "query";
  required: boolean;
  description?: string;
  schema: SchemaNode;
}

export interface ReferenceResponse {
  status: string;
  description: string;
  contentType?: string;
  schema?: SchemaNode;
}

export type ReferenceAuth = "public" | "session" | "session-or-token";

export interface ReferenceOperation {
  /** An anchor on the page, from the operationId. */
  id: string;
  method: string;
  path: string;
  summary: string;
  description?: string;
  auth: ReferenceAuth;
  parameters: ReferenceParameter[];
  body?: SchemaNode;
  responses: ReferenceResponse[];
}

export interface ReferenceTag {
  name: string;
  slug: string;
  description?: string;
  operations: ReferenceOperation[];
}

export interface ApiReference {
  title: string;
  version: string;
  description?: string;
  security: { name: string; type: string; description?: string }[];
  tags: ReferenceTag[];
  operationCount: number;
}

const MAX_DEPTH = 8;
const METHODS = ["get", "post", "put", "patch", "delete"] as const;

export const slugify = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");

const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

function resolve(schema: Json, components: Json): Json {
  const ref = schema.$ref;
  if (typeof ref !== "string") return schema;
  const name = /^#\/components\/schemas\/(.+)$/.exec(ref)?.[1];
  const target = name ? (components[name] as Json | undefined) : undefined;
  return target ? { ...target, ...schema, $ref: undefined, title: target.title ?? name } : schema;
}

function constraintsOf(s: Json): string[] {
  const out: string[] = [];
  // zod writes a format's regex beside it and JavaScript's safe-integer bounds on every integer: noise to a reader.
  const noise = (key: string, v: unknown) =>
    (key === "pattern" && typeof s.format === "string") || (typeof v === "number" && Math.abs(v) === Number.MAX_SAFE_INTEGER);
  const add = (key: string, phrase: (v: unknown) => string) => s[key] !== undefined && !noise(key, s[key]) && out.push(phrase(s[key]));
  add("minimum", (v) => `≥ ${v}`);
  add("exclusiveMinimum", (v) => `> ${v}`);
  add("maximum", (v) => `≤ ${v}`);
  add("exclusiveMaximum", (v) => `< ${v}`);
  add("minLength", (v) => `at least ${v} characters`);
  add("maxLength", (v) => `at most ${v} characters`);
  add("minItems", (v) => `at least ${v} items`);
  add("maxItems", (v) => `at most ${v} items`);
  add("pattern", (v) => `pattern ${v}`);
  add("default", (v) => `default ${JSON.stringify(v)}`);
  return out;
}

/** One schema as a tree; `null` in a type list or an `anyOf` branch becomes `nullable`. */
export function schemaNode(input: unknown, components: Json, depth = 0): SchemaNode {
  if (!isObject(input)) return { type: "any", constraints: [], nullable: false };
  const s = resolve(input, components);
  const description = typeof s.description === "string" ? s.description : undefined;
  if (depth >= MAX_DEPTH) return { type: "object", description, constraints: [], nullable: false, truncated: true };

  const union = (s.oneOf ?? s.anyOf) as unknown[] | undefined;
  if (Array.isArray(union)) {
    const branches = union.filter(isObject);
    const nonNull = branches.filter((b) => b.type !== "null");
    const nullable = nonNull.length < branches.length;
    if (nonNull.length === 1) {
      const only = schemaNode(nonNull[0], components, depth);
      return { ...only, description: description ?? only.description, nullable: true };
    }
    return {
      type: s.oneOf ? "one of" : "any of",
      description,
      constraints: constraintsOf(s),
      nullable,
      variants: nonNull.map((b) => schemaNode(b, components, depth + 1)),
    };
  }

  const types = (Array.isArray(s.type) ? s.type : s.type === undefined ? [] : [s.type]).filter((t): t is string => typeof t === "string");
  const nullable = types.includes("null");
  const type = types.find((t) => t !== "null") ?? (s.properties ? "object" : s.const !== undefined || s.enum ? "value" : "any");
  const values = Array.isArray(s.enum) ? s.enum.map((v) => String(v)) : s.const !== undefined ? [String(s.const)] : undefined;
  const node: SchemaNode = {
    type: typeof s.format === "string" ? `${type} · ${s.format}` : type,
    description,
    constraints: constraintsOf(s),
    nullable,
    values,
  };

  if (type === "array") {
    node.items = schemaNode(s.items, components, depth + 1);
    node.type = `array of ${node.items.type}`;
  }
  if (isObject(s.properties)) {
    const required = new Set(Array.isArray(s.required) ? (s.required as string[]) : []);
    node.fields = Object.entries(s.properties).map(([name, property]) => ({
      name,
      required: required.has(name),
      schema: schemaNode(property, components, depth + 1),
    }));
  }
  if (isObject(s.additionalProperties) && Object.keys(s.additionalProperties).length > 0)
    node.valuesOf = schemaNode(s.additionalProperties, components, depth + 1);
  return node;
}

function authOf(security: unknown): ReferenceAuth {
  if (!Array.isArray(security) || security.length === 0) return "public";
  return security.some((s) => isObject(s) && "bearerToken" in s) ? "session-or-token" : "session";
}

function firstContent(content: unknown): { type: string; schema: unknown } | undefined {
  if (!isObject(content)) return undefined;
  const [type, media] = Object.entries(content)[0] ?? [];
  return type && isObject(media) ? { type, schema: media.schema } : undefined;
}

/** A schema that says nothing (`{}`): the response is not described yet. */
const isEmptySchema = (s: unknown) => isObject(s) && Object.keys(s).length === 0;

export function buildApiReference(doc: Json): ApiReference {
  const components = (isObject(doc.components) && isObject(doc.components.schemas) ? doc.components.schemas : {}) as Json;
  const info = (isObject(doc.info) ? doc.info : {}) as Json;
  const tagOrder = (Array.isArray(doc.tags) ? doc.tags : [])
    .filter(isObject)
    .map((t) => ({ name: String(t.name), description: t.description as string | undefined }));
  const byTag = new Map<string, ReferenceOperation[]>();

  for (const [path, item] of Object.entries(isObject(doc.paths) ? doc.paths : {})) {
    if (!isObject(item)) continue;
    for (const method of METHODS) {
      const op = item[method];
      if (!isObject(op)) continue;
      const tag = Array.isArray(op.tags) && typeof op.tags[0] === "string" ? op.tags[0] : "Other";
      const body = isObject(op.requestBody) ? firstContent(op.requestBody.content) : undefined;
      const operation: ReferenceOperation = {
        id: slugify(typeof op.operationId === "string" ? op.operationId : `${method}-${path}`),
        method: method.toUpperCase(),
        path,
        summary: typeof op.summary === "string" ? op.summary : "",
        description: typeof op.description === "string" ? op.description : undefined,
        auth: authOf(op.security),
        parameters: (Array.isArray(op.parameters) ? op.parameters : []).filter(isObject).map((p) => ({
          name: String(p.name),
          in: p.in === "path" ? "path" : "query",
          required: p.required === true,
          description: typeof p.description === "string" ? p.description : undefined,
          schema: schemaNode(p.schema, components),
        })),
        body: body ? schemaNode(body.schema, components) : undefined,
        responses: Object.entries(isObject(op.responses) ? op.responses : {})
          .filter((entry): entry is [string, Json] => isObject(entry[1]))
          .map(([status, r]) => {
            const content = firstContent(r.content);
            return {
              status,
              description: typeof r.description === "string" ? r.description : "",
              contentType: content?.type,
              schema: content && !isEmptySchema(content.schema) ? schemaNode(content.schema, components) : undefined,
            };
          }),
      };
      byTag.set(tag, [...(byTag.get(tag) ?? []), operation]);
    }
  }

  const known = new Set(tagOrder.map((t) => t.name));
  const tags = [...tagOrder, ...[...byTag.keys()].filter((n) => !known.has(n)).map((name) => ({ name, description: undefined }))]
    .filter((t) => byTag.has(t.name))
    .map((t) => ({ ...t, slug: `tag-${slugify(t.name)}`, operations: byTag.get(t.name)! }));
  const schemes = isObject(doc.components) && isObject(doc.components.securitySchemes) ? doc.components.securitySchemes : {};

  return {
    title: typeof info.title === "string" ? info.title : "API",
    version: typeof info.version === "string" ? info.version : "",
    description: typeof info.description === "string" ? info.description : undefined,
    security: Object.entries(schemes)
      .filter((e): e is [string, Json] => isObject(e[1]))
      .map(([name, s]) => ({ name, type: String(s.type), description: typeof s.description === "string" ? s.description : undefined })),
    tags,
    operationCount: tags.reduce((n, t) => n + t.operations.length, 0),
  };
}
