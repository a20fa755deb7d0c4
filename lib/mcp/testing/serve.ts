// Serves MCP fixture servers for tests: over stateless streamable HTTP on a local port (a fresh server and
// transport per POST, as the SDK's stateless example does), or as a stdio target running ./stdio-fixture.ts.
// Also starts @modelcontextprotocol/server-everything, the reference server, over both transports.
import { spawn } from "node:child_process";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import type { McpTarget } from "../types";
import { FIXTURES, type FixtureName } from "./fixtures";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const STDIO_SCRIPT = fileURLToPath(new URL("./stdio-fixture.ts", import.meta.url));

export interface ServedMcp {
  url: string;
  close(): Promise<void>;
}

export interface ServeOptions {
  /** Required as `Authorization: Bearer <token>` when set. */
  bearer?: string;
  /** JSON-RPC methods answered with HTTP 500 instead of reaching the server (a broken backend behind a proxy). */
  failWith500?: string[];
}

async function readJson(req: import("node:http").IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    return undefined;
  }
}

/** A fixture over streamable HTTP at http://127.0.0.1:<port>/mcp. */
export async function serveFixtureHttp(name: FixtureName, options: ServeOptions = {}): Promise<ServedMcp> {
  const http = createServer(async (req, res) => {
    if (req.url !== "/mcp") return void res.writeHead(404).end("not here");
    if (options.bearer && req.headers.authorization !== `Bearer ${options.bearer}`)
      return void res.writeHead(401, { "content-type": "application/json" }).end('{"error":"invalid_token"}');
    if (req.method !== "POST") return void res.writeHead(405, { allow: "POST" }).end();
    const body = await readJson(req);
    const method = (body as { method?: unknown } | undefined)?.method;
    if (typeof method === "string" && options.failWith500?.includes(method)) return void res.writeHead(500).end("backend down");
    const server = FIXTURES[name].create();
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
    res.on("close", () => {
      void transport.close();
      void server.close();
    });
    await server.connect(transport);
    await transport.handleRequest(req, res, body);
  });
  await new Promise<void>((r) => http.listen(0, "127.0.0.1", r));
  return {
    url: `http://127.0.0.1:${(http.address() as AddressInfo).port}/mcp`,
    close: () => {
      http.closeAllConnections();
      return new Promise((r) => http.close(() => r()));
    },
  };
}

/** A fixture as a stdio target: node running ./stdio-fixture.ts through tsx from the repository root. */
export function fixtureStdioTarget(name: FixtureName): McpTarget {
  return { transport: "stdio", command: process.execPath, args: ["--import", "tsx", STDIO_SCRIPT, name], env: {}, cwd: ROOT };
}

const everythingEntry = () => createRequire(import.meta.url).resolve("@modelcontextprotocol/server-everything/dist/index.js");

/** server-everything over stdio (its default transport, chosen by the first argument). */
export function everythingStdioTarget(): McpTarget {
  return { transport: "stdio", command: process.execPath, args: [everythingEntry(), "stdio"], env: {} };
}

/** server-everything over streamable HTTP (`streamableHttp` argument, PORT env), ready once it says it listens. */
export async function startEverythingHttp(port: number): Promise<ServedMcp> {
  const child = spawn(process.execPath, [everythingEntry(), "streamableHttp"], {
    env: { PATH: process.env.PATH ?? "", PORT: String(port) } as unknown as NodeJS.ProcessEnv,
    stdio: ["ignore", "ignore", "pipe"],
  });
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  await new Promise<void>((resolve, reject) => {
    let seen = "";
    child.stderr!.on("data", (chunk: Buffer) => {
      seen += chunk.toString();
      if (seen.includes("listening on port")) resolve();
    });
    child.once("exit", (code) => reject(new Error(`server-everything exited with ${code}: ${seen}`)));
  });
  return {
    url: `http://127.0.0.1:${port}/mcp`,
    close: async () => {
      child.kill("SIGTERM");
      await exited;
    },
  };
}
