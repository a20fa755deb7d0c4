// A real GraphQL server for tests: graphql-js executes each POSTed operation against a schema the test may swap
// between runs (a field removed, a type changed), behind a node:http handler speaking GraphQL over HTTP with JSON
// (200 with `errors` for a query that fails, 400 for a body that is not a GraphQL request, 401 without the token).
// Also answers HTML at /html and a JSON that is no GraphQL response at /plain. Test-only.
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { buildSchema, execute, GraphQLError, NoSchemaIntrospectionCustomRule, parse, specifiedRules, validate, type GraphQLSchema } from "graphql";

export interface GraphqlTestServer {
  url: string;
  /** Serves `sdl` from now on, resolving fields from `root` (graphql-js's default resolvers read its properties). */
  setSchema(sdl: string, root: Record<string, unknown>): void;
  /** Refuses introspection queries from now on (as many production servers do), or allows them again. */
  setIntrospection(allowed: boolean): void;
  /** The operations received, in order (query text and operation name). */
  received: { query: string; operationName?: string; variables?: Record<string, unknown>; authorization?: string }[];
  close(): Promise<void>;
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString("utf8"));
}

export async function startGraphqlServer(options: { sdl: string; root: Record<string, unknown>; token?: string }): Promise<GraphqlTestServer> {
  let schema: GraphQLSchema = buildSchema(options.sdl);
  let root = options.root;
  let introspection = true;
  const received: GraphqlTestServer["received"] = [];
  const server = createServer((req, res) => {
    const send = (status: number, body: unknown, type = "application/json") => {
      res.writeHead(status, { "content-type": type });
      res.end(typeof body === "string" ? body : JSON.stringify(body));
    };
    if (req.url === "/html") return send(200, "<html><body>Sign in</body></html>", "text/html");
    if (req.url === "/plain") return send(200, { hello: "world" });
    if (options.token && req.headers.authorization !== `Bearer ${options.token}`) return send(401, { errors: [{ message: "Unauthorized" }] });
    readJson(req)
      .then(async (body) => {
        const { query, variables, operationName } = (body ?? {}) as { query?: unknown; variables?: Record<string, unknown>; operationName?: string };
        if (typeof query !== "string") return send(400, { errors: [{ message: "Must provide query string." }] });
        received.push({ query, operationName, variables, authorization: req.headers.authorization });
        let document;
        try {
          document = parse(query);
        } catch (err) {
          return send(200, { errors: [(err as GraphQLError).toJSON()] });
        }
        const invalid = validate(schema, document, introspection ? specifiedRules : [...specifiedRules, NoSchemaIntrospectionCustomRule]);
        if (invalid.length > 0) return send(200, { errors: invalid.map((e) => e.toJSON()) });
        send(200, await execute({ schema, document, rootValue: root, variableValues: variables, operationName }));
      })
      .catch(() => send(400, { errors: [{ message: "Body is not JSON" }] }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    setSchema(sdl, next) {
      schema = buildSchema(sdl);
      root = next;
    },
    setIntrospection(allowed) {
      introspection = allowed;
    },
    received,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
