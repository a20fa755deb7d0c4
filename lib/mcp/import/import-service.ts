// Import into Tether: the preview for a caller (which servers are already monitored), and the import itself, which
// creates one MCP integration per chosen server and saves the secrets filled in for it, encrypted, in one
// transaction with their audit entries. The request carries the files again and names servers by their preview key,
// so what is stored is always what the preview showed; a value from a file is never stored in a config.
import { z } from "zod";
import type { Db } from "../../db/client";
import { Prisma } from "../../db/generated/client";
import { ApiError, type FieldErrors } from "../../api/errors";
import { audit } from "../../audit/audit-log";
import { actorOf, type Actor } from "../../auth/actor";
import { integrationInputSchema, type IntegrationInput } from "../../integrations/integration-input";
import { checkKindAllowed } from "../../integrations/kind-gate";
import type { McpConfig } from "../../probes/mcp/config";
import { keyring, sealSecret, secretValueSchema } from "../../secrets/store";
import type { Keyring } from "../../secrets";
import { MCP_CLIENT_FORMATS, type McpTarget } from "../types";
import { previewImport, targetIdentity, type ImportPreview, type PreviewServer } from "./preview";

const MAX_FILE = 2 * 1024 * 1024;

const fileSchema = z.object({
  name: z.string({ error: "Give each file a name" }).trim().min(1, "Give each file a name").max(500, "A file name may be at most 500 characters"),
  content: z.string({ error: "Each file needs its content" }).max(MAX_FILE, "A file may be at most 2 MiB"),
  format: z.enum(MCP_CLIENT_FORMATS, { error: `The format must be one of: ${MCP_CLIENT_FORMATS.join(", ")}` }).optional(),
});

export const importPreviewRequestSchema = z.object({
  files: z
    .array(fileSchema, { error: "Send files: [{ name, content }]" })
    .min(1, "Paste or upload at least one config file")
    .max(20, "At most 20 files at once"),
});

export const importRequestSchema = importPreviewRequestSchema.extend({
  servers: z
    .array(
      z.object({
        key: z.string({ error: "Name each server by its preview key" }).min(1, "Name each server by its preview key"),
        /** The integration's name; the server's own name when left out. */
        name: z.string().trim().min(1, "Give the integration a name").max(100, "Keep the name under 100 characters").optional(),
        /** Values for the server's secrets, by name; a blank one is left to set later on the integration's page. */
        secrets: z.record(z.string(), z.string().max(8_192, "A secret may be at most 8 KiB")).default({}),
      }),
      { error: "Send servers: [{ key, secrets }]" },
    )
    .min(1, "Choose at least one server to import")
    .max(100, "At most 100 servers at once"),
});

export type ImportPreviewRequest = z.input<typeof importPreviewRequestSchema>;
export type ImportRequest = z.input<typeof importRequestSchema>;

export interface MonitoredServer extends PreviewServer {
  /** An integration that already checks this target: skipped unless chosen. */
  alreadyMonitored: { id: string; name: string } | null;
}
export interface ImportPreviewView extends Omit<ImportPreview, "servers"> {
  servers: MonitoredServer[];
}

export interface ImportResult {
  created: { key: string; id: string; name: string; secretsSet: string[]; secretsMissing: string[] }[];
}

export interface ImportOptions {
  keys?: Keyring;
  now?: number;
}

const isAdmin = (actor: Actor) => !actor.principal || actor.principal.role === "admin";

function targetOfConfig(config: McpConfig): McpTarget {
  return config.transport === "stdio"
    ? { transport: "stdio", command: config.command, args: config.args, env: config.env }
    : { transport: config.transport, url: config.url, headers: Object.fromEntries(config.headers.map((h) => [h.name, h.value])) };
}

/** The MCP integrations there are, by the identity of their target. */
async function monitoredTargets(db: Db): Promise<Map<string, { id: string; name: string }>> {
  const rows = await db.integration.findMany({ where: { kind: "mcp" }, select: { id: true, name: true, config: true }, orderBy: { createdAt: "asc" } });
  const out = new Map<string, { id: string; name: string }>();
  for (const r of rows) {
    const identity = targetIdentity(targetOfConfig(r.config as McpConfig));
    if (!out.has(identity)) out.set(identity, { id: r.id, name: r.name });
  }
  return out;
}

export async function previewMcpImport(db: Db, raw: unknown, actor: Actor, env: Record<string, string | undefined> = process.env): Promise<ImportPreviewView> {
  const { files } = importPreviewRequestSchema.parse(raw);
  const preview = previewImport(files, { admin: isAdmin(actor), env });
  const monitored = await monitoredTargets(db);
  return {
    ...preview,
    servers: preview.servers.map((s) => ({ ...s, alreadyMonitored: s.target ? (monitored.get(targetIdentity(s.target)) ?? null) : null })),
  };
}

/** The integration's timeout: the client's own where it states one, within what an integration allows. */
const timeoutOf = (s: PreviewServer) => Math.min(30_000, Math.max(1_000, s.timeoutMs ?? 10_000));

function uniqueName(wanted: string, taken: Set<string>, client: string): string {
  const base = wanted.slice(0, 100);
  if (!taken.has(base)) return base;
  const withClient = `${base} (${client})`.slice(0, 100);
  if (!taken.has(withClient)) return withClient;
  for (let i = 2; ; i++) {
    const n = `${base.slice(0, 90)} ${i}`;
    if (!taken.has(n)) return n;
  }
}

export async function importMcpServers(db: Db, raw: unknown, actor: Actor, opts: ImportOptions = {}): Promise<ImportResult> {
  const req = importRequestSchema.parse(raw);
  const now = opts.now ?? Date.now();
  // The deployment's own environment, as the probe's gate reads it on save (checkKindAllowed below).
  const preview = previewImport(req.files, { admin: isAdmin(actor), env: process.env });
  const byKey = new Map(preview.servers.map((s) => [s.key, s]));

  // Everything is checked before anything is written: one bad choice imports nothing.
  const fields: FieldErrors = {};
  const chosen = req.servers.map((c, i) => {
    const server = byKey.get(c.key);
    if (!server) {
      fields[`servers.${i}.key`] = ["This server is not in the files sent; preview them again"];
      return null;
    }
    if (!server.importable || !server.config) {
      fields[`servers.${i}`] = server.problems.length ? server.problems : ["This server cannot be imported"];
      return null;
    }
    const secrets: [string, string][] = [];
    for (const [name, value] of Object.entries(c.secrets)) {
      if (!server.needs.secrets.includes(name)) (fields[`servers.${i}.secrets.${name}`] ??= []).push(`${server.name} has no secret ${name}`);
      else if (value !== "") {
        const parsed = secretValueSchema.safeParse({ value });
        if (parsed.success) secrets.push([name, value]);
        else fields[`servers.${i}.secrets.${name}`] = parsed.error.issues.map((x) => x.message);
      }
    }
    return { server, wantedName: c.name ?? server.name, secrets };
  });
  if (Object.keys(fields).length > 0) throw ApiError.invalidFields(fields);
  const picks = chosen.filter((c): c is NonNullable<typeof c> => c !== null);

  const taken = new Set((await db.integration.findMany({ select: { name: true } })).map((r) => r.name));
  const planned = picks.map((p) => {
    const name = uniqueName(p.wantedName, taken, p.server.foundIn[0]!.client);
    taken.add(name);
    const input = integrationInputSchema.parse({
      name,
      kind: "mcp",
      intervalSeconds: 60,
      timeoutMs: timeoutOf(p.server),
      tags: ["mcp"],
      config: p.server.config,
    }) as IntegrationInput;
    checkKindAllowed(input, actor);
    return { ...p, input };
  });

  const keys = opts.keys ?? keyring();
  const created = await db
    .$transaction(async (tx) => {
      const out: ImportResult["created"] = [];
      for (const p of planned) {
        const row = await tx.integration.create({ data: { ...p.input, config: p.input.config as Prisma.InputJsonValue, nextRunAt: new Date(now) } });
        await audit(tx, actorOf(actor), {
          action: "integration.create",
          summary: `Imported ${row.name} from ${p.server.foundIn.map((f) => f.file).join(", ")}`,
          targetType: "integration",
          targetId: row.id,
          details: { importedFrom: p.server.foundIn.map((f) => ({ file: f.file, client: f.client, name: f.name })) },
          ip: actor.ip,
        });
        for (const [name, value] of p.secrets) {
          await tx.integrationSecret.create({ data: { integrationId: row.id, name, ...sealSecret(row.id, name, value, keys) } });
          await audit(tx, actorOf(actor), {
            action: "secret.set",
            summary: `Set secret ${name} on ${row.name}`,
            targetType: "integration",
            targetId: row.id,
            ip: actor.ip,
          });
        }
        const set = p.secrets.map(([n]) => n);
        out.push({ key: p.server.key, id: row.id, name: row.name, secretsSet: set, secretsMissing: p.server.needs.secrets.filter((n) => !set.includes(n)) });
      }
      return out;
    })
    .catch((err: unknown) => {
      if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002")
        throw ApiError.conflict("An integration with one of these names was created meanwhile; preview again");
      throw err;
    });
  return { created };
}
