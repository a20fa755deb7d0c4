// What an MCP server check may be configured with: how to reach the server (streamable HTTP, or a command
// speaking MCP over stdio) and optionally one tool to call as a smoke test.
import { z } from "zod";
import { headerListSchema } from "../shared/fields";
import { defineKind } from "../shared/kind-info";

const envName = /^[A-Za-z_][A-Za-z0-9_]*$/;

const smokeToolSchema = z.object({
  name: z
    .string({ error: "Enter the name of the tool to call" })
    .trim()
    .min(1, "Enter the name of the tool to call")
    .max(200, "A tool name may be at most 200 characters"),
  /** The tool's arguments as a JSON object; may contain {{secret.NAME}} placeholders in string values. */
  arguments: z.record(z.string(), z.unknown(), { error: "The arguments must be a JSON object" }).default({}),
});

const common = {
  /** Called after the tool list is read; a result with isError: true fails the check. */
  smokeTool: smokeToolSchema.optional(),
  /** Findings at or above this severity fail the run (an assertion naming them); "never" or absent records them only. */
  failOn: z.enum(["never", "error", "warning"], { error: 'Choose when findings fail the check: "never", "error" or "warning"' }).optional(),
};

export const mcpHttpConfigSchema = z.object({
  transport: z.literal("http"),
  url: z
    .string({ error: "Enter the MCP endpoint URL" })
    .trim()
    .pipe(z.url({ protocol: /^https?$/, error: "Enter a full http:// or https:// URL, e.g. https://mcp.example.com/mcp" })),
  /** Sent with every request (e.g. Authorization: Bearer {{secret.MCP_TOKEN}}). */
  headers: headerListSchema,
  ...common,
});

/** The legacy HTTP+SSE transport (protocol 2024-11-05): a GET opens the event stream, whose `endpoint` event names where to POST. */
export const mcpSseConfigSchema = mcpHttpConfigSchema.extend({ transport: z.literal("sse") });

export const mcpStdioConfigSchema = z.object({
  transport: z.literal("stdio"),
  /** The program to start, found on PATH or given as a path; run without a shell, so no pipes or quoting. */
  command: z
    .string({ error: "Enter the command that starts the server" })
    .trim()
    .min(1, "Enter the command that starts the server")
    .max(1_000, "The command may be at most 1000 characters")
    .refine((c) => !/\s/.test(c), "Enter only the program here; put its arguments in the argument list"),
  args: z.array(z.string().max(4_096, "An argument may be at most 4096 characters")).max(100, "At most 100 arguments").default([]),
  /** The child's whole environment besides PATH: nothing else of the worker's is passed on. */
  env: z
    .record(z.string(), z.string().max(32_768, "An environment value may be at most 32768 characters"), {
      error: "The environment must be an object of names and values",
    })
    // Checked here rather than as the key schema: zod reports a bad key only as "Invalid key in record".
    .superRefine((env, ctx) => {
      for (const name of Object.keys(env)) {
        if (!envName.test(name))
          ctx.addIssue({ code: "custom", path: [name], message: "Environment variable names use letters, digits and _ and do not start with a digit" });
      }
    })
    .default({}),
  ...common,
});

export const mcpConfigSchema = z.discriminatedUnion("transport", [mcpHttpConfigSchema, mcpSseConfigSchema, mcpStdioConfigSchema], {
  error: 'Choose how to reach the server: "http", "sse" or "stdio"',
});
export type McpConfig = z.infer<typeof mcpConfigSchema>;

export const mcpInfo = defineKind({
  configSchema: mcpConfigSchema,
  label: "MCP server",
  description: "Initializes an MCP session, checks it against the spec, lists tools (flags drift), optionally calls one",
  defaults: { transport: "http", headers: [], args: [], env: {} },
  fields: [
    {
      key: "transport",
      label: "Transport",
      type: "select",
      options: [
        { value: "http", label: "Streamable HTTP" },
        { value: "sse", label: "HTTP+SSE (legacy, 2024-11-05)" },
        { value: "stdio", label: "stdio (runs a command)" },
      ],
    },
    { key: "url", label: "URL", type: "text", wide: true, placeholder: "https://mcp.example.com/mcp", showIf: (c) => c.transport !== "stdio" },
    {
      key: "headers",
      label: "Headers",
      type: "headers",
      wide: true,
      hint: "Name: value, one per line",
      placeholder: "Authorization: Bearer {{secret.MCP_TOKEN}}",
      showIf: (c) => c.transport !== "stdio",
    },
    { key: "command", label: "Command", type: "text", placeholder: "npx", showIf: (c) => c.transport === "stdio" },
    { key: "args", label: "Arguments", type: "lines", hint: "One per line", showIf: (c) => c.transport === "stdio" },
    {
      key: "env",
      label: "Environment",
      type: "json",
      wide: true,
      hint: 'A JSON object, e.g. {"API_KEY": "{{secret.KEY}}"}',
      showIf: (c) => c.transport === "stdio",
    },
    { key: "smokeTool.name", label: "Smoke test tool", type: "text", hint: "Optional: a tool to call on every check" },
    {
      key: "smokeTool.arguments",
      label: "Smoke test arguments",
      type: "json",
      hint: "A JSON object",
      showIf: (c) => !!(c.smokeTool as { name?: string } | undefined)?.name,
    },
    {
      key: "failOn",
      label: "Fail on findings",
      type: "select",
      hint: "Conformance findings are always recorded; choose whether they fail the check",
      options: [
        { value: "never", label: "Never (record only)" },
        { value: "error", label: "Errors" },
        { value: "warning", label: "Warnings and errors" },
      ],
    },
  ],
  target: (c) => (c.transport === "stdio" ? `stdio: ${c.command ?? ""}` : `mcp ${c.url ?? ""}`),
});
