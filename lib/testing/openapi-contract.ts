// Checks real requests and responses against the served OpenAPI document: the schema an operation documents for a
// status (or its request body) is compiled with Ajv (draft 2020-12, formats on) beside the document's components,
// and a mismatch comes back as readable lines, so a test can `expect(check(...)).toEqual([])`.
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

type Media = Record<string, { schema?: object }>;
type DocOperation = { requestBody?: { content: Media }; responses: Record<string, { content?: Media }> };
export type OpenApiDoc = { paths: Record<string, Record<string, DocOperation>>; components?: { schemas?: Record<string, object> } };

export interface ContractChecker {
  /** The compiled schema of an operation's response at `status` (or its JSON request body with "body"). */
  schema(method: string, path: string, what: number | "body"): ValidateFunction;
  /** What is wrong with `data` as that response (or body): empty when it is valid. */
  check(method: string, path: string, what: number | "body", data: unknown): string[];
  /** The documented statuses of an operation. */
  statuses(method: string, path: string): string[];
}

export function contractChecker(doc: OpenApiDoc): ContractChecker {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats.default(ajv);
  const compiled = new Map<string, ValidateFunction>();

  function operation(method: string, path: string): DocOperation {
    const op = doc.paths[path]?.[method.toLowerCase()];
    if (!op) throw new Error(`the document has no ${method} ${path}`);
    return op;
  }

  function schema(method: string, path: string, what: number | "body"): ValidateFunction {
    const key = `${method} ${path} ${what}`;
    const cached = compiled.get(key);
    if (cached) return cached;
    const op = operation(method, path);
    const content = what === "body" ? op.requestBody?.content : op.responses[String(what)]?.content;
    if (!content) throw new Error(`${method} ${path} documents no ${what === "body" ? "request body" : `content for ${what}`}`);
    const media = content["application/json"] ?? Object.values(content)[0];
    if (!media?.schema) throw new Error(`${method} ${path} ${what}: no schema`);
    const validate = ajv.compile({ ...media.schema, components: doc.components });
    compiled.set(key, validate);
    return validate;
  }

  return {
    schema,
    check(method, path, what, data) {
      const validate = schema(method, path, what);
      if (validate(data)) return [];
      return (validate.errors ?? []).map((e) => `${method} ${path} ${what}: ${e.instancePath || "/"} ${e.message} ${JSON.stringify(e.params)}`);
    },
    statuses: (method, path) => Object.keys(operation(method, path).responses),
  };
}
