// A small provider contract for tests: OpenAPI 3.0 (JSON, with $refs, `nullable` and a boolean exclusive bound) and
// the same operation as OpenAPI 3.1 (YAML), the way providers publish them.
export const openApi30 = {
  openapi: "3.0.3",
  info: { title: "Accounts", version: "1.0.0" },
  paths: {
    "/v1/users/{id}": {
      get: {
        responses: {
          "200": { description: "A user", content: { "application/json; charset=utf-8": { schema: { $ref: "#/components/schemas/User" } } } },
          "4XX": { description: "An error", content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } } },
        },
      },
    },
    "/v1/tree": {
      get: { responses: { default: { description: "A tree", content: { "application/json": { schema: { $ref: "#/components/schemas/Node" } } } } } },
    },
  },
  components: {
    schemas: {
      User: {
        type: "object",
        required: ["id", "email", "plan"],
        properties: {
          id: { type: "integer", format: "int64" },
          email: { type: "string", format: "email" },
          nickname: { type: "string", nullable: true },
          plan: { $ref: "#/components/schemas/Plan" },
          balance: { type: "number", minimum: 0, exclusiveMinimum: true },
        },
      },
      Plan: { type: "string", enum: ["free", "pro"] },
      Problem: { type: "object", required: ["title"], properties: { title: { type: "string" } } },
      Node: {
        type: "object",
        required: ["name"],
        properties: { name: { type: "string" }, children: { type: "array", items: { $ref: "#/components/schemas/Node" } } },
      },
    },
  },
};

export const openApi31Yaml = `openapi: 3.1.0
info: { title: Accounts, version: 1.0.0 }
paths:
  /v1/users/{id}:
    get:
      responses:
        "200":
          description: A user
          content:
            application/json:
              schema:
                $ref: "#/components/schemas/User"
components:
  schemas:
    User:
      type: object
      required: [id, email]
      properties:
        id: { type: integer }
        email: { type: string }
        nickname: { type: [string, "null"] }
`;
