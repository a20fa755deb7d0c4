// The contract covers every route on disk and nothing else, and the document is valid OpenAPI 3.1.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { compileErrors, validate } from "@readme/openapi-parser";
import { describe, expect, it } from "vitest";
import { buildOpenApiDocument, errorCodes, OPERATIONS } from ".";

const ROOT = fileURLToPath(new URL("../../..", import.meta.url));

function routeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? routeFiles(path) : entry === "route.ts" ? [path] : [];
  });
}

/** `app/api/integrations/[id]/route.ts` exporting GET -> `GET /api/integrations/{id}` (`[...x]` -> `{x}`). */
function routesOnDisk(): string[] {
  return routeFiles(join(ROOT, "app/api")).flatMap((file) => {
    const segments = relative(join(ROOT, "app"), file).split(sep).slice(0, -1);
    const path = "/" + segments.map((s) => s.replace(/^\[(?:\.\.\.)?(.+)\]$/, "{$1}")).join("/");
    const methods = [...readFileSync(file, "utf8").matchAll(/^export const (GET|POST|PUT|PATCH|DELETE)\b/gm)].map((m) => m[1]);
    return methods.map((method) => `${method} ${path}`);
  });
}

const doc = buildOpenApiDocument({ version: "0.0.0-test" });

describe("the OpenAPI registry", () => {
  it("declares exactly the routes under app/api: one operation per exported handler", () => {
    const onDisk = routesOnDisk().sort();
    const declared = OPERATIONS.map((op) => `${op.method} ${op.path}`).sort();
    expect(onDisk.length).toBeGreaterThan(60);
    expect(declared.filter((r) => !onDisk.includes(r))).toEqual([]);
    expect(onDisk.filter((r) => !declared.includes(r))).toEqual([]);
    expect(new Set(declared).size).toBe(declared.length);
  });

  it("declares a body for every handler that reads one, and none for a handler that does not", () => {
    const readsBody = routeFiles(join(ROOT, "app/api")).flatMap((file) => {
      const segments = relative(join(ROOT, "app"), file).split(sep).slice(0, -1);
      const path = "/" + segments.map((s) => s.replace(/^\[(?:\.\.\.)?(.+)\]$/, "{$1}")).join("/");
      // Each exported handler's text runs to the next export.
      return readFileSync(file, "utf8")
        .split(/^(?=export const )/m)
        .flatMap((chunk) => {
          const method = /^export const (GET|POST|PUT|PATCH|DELETE)\b/.exec(chunk)?.[1];
          return method && /readJson\(/.test(chunk) ? [`${method} ${path}`] : [];
        });
    });
    const declared = OPERATIONS.filter((op) => op.body).map((op) => `${op.method} ${op.path}`);
    expect(readsBody.sort()).toEqual(declared.sort());
  });

  it("gives each operation a unique id", () => {
    const ids = OPERATIONS.map((op) => op.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("declares a parameter for every {name} in a path", () => {
    const missing = OPERATIONS.flatMap((op) =>
      [...op.path.matchAll(/\{(\w+)\}/g)]
        .map((m) => m[1]!)
        .filter((name) => !(op.params && name in op.params.shape))
        .map((n) => `${op.id}: ${n}`),
    );
    expect(missing).toEqual([]);
  });
});

describe("the OpenAPI document", () => {
  it("describes every success response with a schema", () => {
    const undescribed = OPERATIONS.filter((op) => op.response.status !== 204 && !op.response.schema).map((op) => `${op.method} ${op.path}`);
    expect(undescribed).toEqual([]);
    const paths = doc.paths as Record<string, Record<string, { responses: Record<string, { description: string; content?: object }> }>>;
    expect(JSON.stringify(paths)).not.toContain("not described yet");
    expect(paths["/api/audit"]!.get!.responses["200"]!.content).toMatchObject({ "application/json": { schema: { type: "object" } } });
  });

  it("is valid OpenAPI 3.1", async () => {
    const result = await validate(structuredClone(doc) as never);
    expect(result.valid ? "valid" : compileErrors(result)).toBe("valid");
    expect(result.specification).toBe("OpenAPI");
    expect(doc.openapi).toBe("3.1.0");
  });

  it("names both ways to authenticate, and public operations need neither", () => {
    const paths = doc.paths as Record<string, Record<string, { security: unknown[]; responses: Record<string, unknown> }>>;
    expect(Object.keys((doc.components as { securitySchemes: object }).securitySchemes)).toEqual(["sessionCookie", "bearerToken"]);
    expect(paths["/api/integrations"]!.get!.security).toEqual([{ sessionCookie: [] }, { bearerToken: [] }]);
    expect(paths["/api/tokens"]!.post!.security).toEqual([{ sessionCookie: [] }]);
    expect(paths["/api/health"]!.get!.security).toEqual([]);
    expect(paths["/api/openapi.json"]!.get!.security).toEqual([]);
  });

  it("answers every error with the one Error schema, under the status its code means", () => {
    const op = (doc.paths as Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: unknown }> }> }>>)[
      "/api/integrations"
    ]!.post!;
    expect(Object.keys(op.responses)).toEqual(["201", "400", "401", "403", "409", "413", "500", "503"]);
    expect(op.responses["400"]!.content!["application/json"]!.schema).toEqual({ $ref: "#/components/schemas/Error" });
    const error = (doc.components as { schemas: Record<string, { properties: { error: { required: string[] } } }> }).schemas.Error!;
    expect(error.properties.error.required).toEqual(["code", "message"]);
    expect(errorCodes(OPERATIONS.find((o) => o.id === "health")!)).toEqual(["unavailable", "internal"]);
  });

  it("renders each request body from the schema the service parses with, and a patch with no required field", () => {
    const paths = doc.paths as Record<string, Record<string, { requestBody?: { content: Record<string, { schema: Record<string, unknown> }> } }>>;
    const create = paths["/api/alerts/rules"]!.post!.requestBody!.content["application/json"]!.schema;
    expect(create.required).toEqual(expect.arrayContaining(["name", "scope", "condition"]));
    const patch = paths["/api/alerts/rules/{id}"]!.patch!.requestBody!.content["application/json"]!.schema;
    expect(patch.required).toBeUndefined();
    expect(patch.properties).toEqual(create.properties);
    const integrationPatch = paths["/api/integrations/{id}"]!.patch!.requestBody!.content["application/json"]!.schema as { anyOf: { required?: unknown }[] };
    expect(integrationPatch.anyOf.length).toBeGreaterThan(5);
    expect(integrationPatch.anyOf.every((branch) => branch.required === undefined)).toBe(true);
  });
});
