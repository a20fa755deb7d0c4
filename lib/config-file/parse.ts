// Reads tether.yaml text (one file or several, merged) into a ConfigFile, or every error in it, each with its
// file, line, column and field path. Offline and pure: references are checked within the files, never against a server.
import { isCollection, isMap, isScalar, LineCounter, parseDocument, type Document, type Node } from "yaml";
import type { z } from "zod";
import { integrationInputSchema } from "../integrations/integration-input";
import { ruleInputSchema } from "../alerts/rule";
import { CHANNEL_INFO } from "../alerts/channels/kinds";
import { VERIFICATION_CONFIG_SCHEMAS, VERIFICATION_SCHEMES } from "../webhooks/verification/config";
import {
  alertRuleEntrySchema,
  channelEntrySchema,
  configFileSchema,
  integrationEntrySchema,
  RESOURCE_TYPES,
  SECRET_REF,
  silenceEntrySchema,
  webhookSourceEntrySchema,
  type ConfigFile,
  type ResourceType,
} from "./schema";

export interface ConfigError {
  file: string;
  line: number;
  column: number;
  /** Dotted field path, e.g. integrations.payments-api.config.url ("" for the whole file). */
  path: string;
  message: string;
}

export type ParseResult = { ok: true; config: ConfigFile } | { ok: false; errors: ConfigError[] };

type Path = (string | number)[];

interface Source {
  file: string;
  doc: Document.Parsed;
  lines: LineCounter;
}

/** The position of the deepest node along `path` that exists (a missing field points at its parent). */
function locate(src: Source, path: Path, key?: string): { line: number; column: number } {
  let at: Path = path;
  let node: unknown;
  for (;;) {
    node = at.length === 0 ? src.doc.contents : src.doc.getIn(at, true);
    if (node || at.length === 0) break;
    at = at.slice(0, -1);
  }
  // An unknown key points at the key itself; so does an error about a whole entry (a map or a list), at its name.
  const keyNode = (map: unknown, name: string | number | undefined) => {
    if (!isMap(map) || name === undefined) return undefined;
    const pair = map.items.find((p) => isScalar(p.key) && p.key.value === name);
    return pair && isScalar(pair.key) && pair.key.range ? pair.key : undefined;
  };
  if (key !== undefined) node = keyNode(node, key) ?? node;
  else if (at.length > 0 && isCollection(node)) node = keyNode(at.length === 1 ? src.doc.contents : src.doc.getIn(at.slice(0, -1), true), at.at(-1)) ?? node;
  const range = (node as Node | null)?.range;
  const pos = src.lines.linePos(range ? range[0] : 0);
  return { line: pos.line, column: pos.col };
}

const dotted = (path: Path) => path.join(".");

function issueErrors(src: Source, issues: z.core.$ZodIssue[], prefix: Path = []): ConfigError[] {
  const out: ConfigError[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...(issue.path as Path)];
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) out.push({ file: src.file, ...locate(src, path, key), path: dotted([...path, key]), message: `Unknown field "${key}"` });
    } else {
      out.push({ file: src.file, ...locate(src, path), path: dotted(path), message: issue.message });
    }
  }
  return out;
}

function readSource(file: string, text: string): { src: Source; errors: ConfigError[] } {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const src = { file, doc, lines };
  const errors = [...doc.errors, ...doc.warnings].map((e) => {
    const pos = lines.linePos(e.pos[0]);
    return { file, line: pos.line, column: pos.col, path: "", message: e.message.split("\n")[0]! };
  });
  return { src, errors };
}

const ENTRY_SCHEMAS = {
  integrations: integrationEntrySchema,
  channels: channelEntrySchema,
  webhookSources: webhookSourceEntrySchema,
  alertRules: alertRuleEntrySchema,
  silences: silenceEntrySchema,
} as const;

const DUMMY_ID = "00000000-0000-4000-8000-000000000000";

/** Checks a whole entry's schema cannot: the kind's own settings, cross-field rules and references by name. */
function semanticErrors(config: ConfigFile, where: (type: ResourceType, name: string) => Source): ConfigError[] {
  const out: ConfigError[] = [];
  const push = (type: ResourceType, name: string, path: Path, message: string) => {
    const src = where(type, name);
    const full = [type, name, ...path];
    out.push({ file: src.file, ...locate(src, full), path: dotted(full), message });
  };
  const fromIssues = (type: ResourceType, name: string, issues: z.core.$ZodIssue[], skip: (path: Path) => boolean = () => false) => {
    for (const i of issues) if (!skip(i.path as Path)) push(type, name, i.path as Path, i.message);
  };
  const has = (type: ResourceType, name: string | null | undefined) => name == null || Object.hasOwn(config[type], name);

  for (const [name, entry] of Object.entries(config.integrations)) {
    const { secrets: _secrets, ...input } = entry;
    const parsed = integrationInputSchema.safeParse({ ...input, name });
    if (!parsed.success) fromIssues("integrations", name, parsed.error.issues, (p) => p[0] === "name");
  }
  for (const [name, entry] of Object.entries(config.channels)) {
    const info = CHANNEL_INFO[entry.kind];
    const secretFields: readonly string[] = info.secretFields;
    for (const [key, value] of Object.entries(entry.config)) {
      if (secretFields.includes(key) && !(typeof value === "string" && SECRET_REF.test(value)))
        push("channels", name, ["config", key], `"${key}" is a secret: write it as a reference like \${ENV_NAME}`);
    }
    const parsed = info.configSchema.safeParse(entry.config);
    if (!parsed.success)
      fromIssues(
        "channels",
        name,
        parsed.error.issues.map((i) => ({ ...i, path: ["config", ...i.path] })),
        (p) => secretFields.includes(String(p[1])),
      );
  }
  for (const [slug, entry] of Object.entries(config.webhookSources)) {
    if (!has("integrations", entry.integration)) push("webhookSources", slug, ["integration"], `No integration named "${entry.integration}" in the file`);
    const parsed = VERIFICATION_CONFIG_SCHEMAS[entry.scheme].safeParse(entry.schemeConfig);
    if (!parsed.success)
      fromIssues(
        "webhookSources",
        slug,
        parsed.error.issues.map((i) => ({ ...i, path: ["schemeConfig", ...i.path] })),
      );
    const secret = VERIFICATION_SCHEMES[entry.scheme].secret;
    if (secret && !entry.secret)
      push("webhookSources", slug, ["scheme"], `The ${entry.scheme} scheme needs "secret: \${ENV_NAME}" (the ${secret.label.toLowerCase()})`);
  }
  for (const [name, entry] of Object.entries(config.alertRules)) {
    if (entry.scope.kind === "integration" && !has("integrations", entry.scope.integration))
      push("alertRules", name, ["scope", "integration"], `No integration named "${entry.scope.integration}" in the file`);
    entry.channels.forEach((c, i) => {
      if (!has("channels", c)) push("alertRules", name, ["channels", i], `No channel named "${c}" in the file`);
    });
    const { channels: _c, scope, ...rest } = entry;
    const apiScope = scope.kind === "integration" ? { kind: "integration", integrationId: DUMMY_ID } : scope;
    const parsed = ruleInputSchema.safeParse({ ...rest, name, scope: apiScope, channelIds: [] });
    if (!parsed.success) fromIssues("alertRules", name, parsed.error.issues, (p) => p[0] === "name" || p[0] === "scope");
  }
  for (const [name, entry] of Object.entries(config.silences)) {
    if (!has("alertRules", entry.rule)) push("silences", name, ["rule"], `No alert rule named "${entry.rule}" in the file`);
    if (!has("integrations", entry.integration)) push("silences", name, ["integration"], `No integration named "${entry.integration}" in the file`);
    if (Date.parse(entry.endsAt) <= Date.parse(entry.startsAt)) push("silences", name, ["endsAt"], "The end must be after the start");
  }
  return out;
}

/**
 * Parses and validates one or more files (a folder's *.yaml, in the order given) as one config. Every error is
 * collected: YAML syntax, unknown or invalid fields, names declared twice, references to names not in the files.
 */
export function parseConfigFiles(files: { file: string; text: string }[]): ParseResult {
  const errors: ConfigError[] = [];
  const merged: Record<ResourceType, Record<string, unknown>> = { integrations: {}, channels: {}, webhookSources: {}, alertRules: {}, silences: {} };
  const origin = new Map<string, Source>();
  const originKey = (type: ResourceType, name: string) => `${type}\u0000${name}`;
  let fallback: Source | undefined;

  for (const { file, text } of files) {
    const { src, errors: yamlErrors } = readSource(file, text);
    fallback ??= src;
    if (yamlErrors.length > 0) {
      errors.push(...yamlErrors);
      continue;
    }
    const raw: unknown = src.doc.toJS() ?? {};
    const parsed = configFileSchema.safeParse(raw);
    if (!parsed.success) errors.push(...issueErrors(src, parsed.error.issues));
    if (typeof raw !== "object" || raw === null || Array.isArray(raw)) continue;
    for (const type of RESOURCE_TYPES) {
      const section = (raw as Record<string, unknown>)[type];
      if (typeof section !== "object" || section === null || Array.isArray(section)) continue;
      for (const [name, entry] of Object.entries(section)) {
        const key = originKey(type, name);
        const first = origin.get(key);
        if (first) {
          errors.push({ file, ...locate(src, [type, name]), path: `${type}.${name}`, message: `"${name}" is already declared in ${first.file}` });
          continue;
        }
        origin.set(key, src);
        // Only entries that are valid on their own go on to the checks that need the whole config.
        if (ENTRY_SCHEMAS[type].safeParse(entry).success) merged[type][name] = entry;
      }
    }
  }
  if (!fallback) return { ok: false, errors: [{ file: "", line: 1, column: 1, path: "", message: "No files to read" }] };
  const config = configFileSchema.parse({ version: 1, ...merged });
  errors.push(...semanticErrors(withNames(config, [...origin.keys()]), (type, name) => origin.get(originKey(type, name)) ?? fallback!));
  if (errors.length > 0) return { ok: false, errors: sortErrors(errors) };
  return { ok: true, config };
}

/** The entries to check; reference checks (Object.hasOwn) still see every declared name, valid entry or not. */
function withNames(config: ConfigFile, declared: string[]): ConfigFile {
  const out = { ...config } as Record<string, unknown>;
  for (const type of RESOURCE_TYPES) out[type] = { ...config[type] };
  for (const key of declared) {
    const [type, name] = key.split("\u0000") as [ResourceType, string];
    const section = out[type] as Record<string, unknown>;
    if (!Object.hasOwn(section, name)) Object.defineProperty(section, name, { value: undefined, enumerable: false });
  }
  return out as ConfigFile;
}

function sortErrors(errors: ConfigError[]): ConfigError[] {
  return [...errors].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
}

export function parseConfigText(text: string, file = "tether.yaml"): ParseResult {
  return parseConfigFiles([{ file, text }]);
}

/** "tether.yaml:12:5 integrations.api.timeoutMs: The timeout must be shorter than the interval" */
export function formatError(e: ConfigError): string {
  return `${e.file}:${e.line}:${e.column}${e.path ? ` ${e.path}` : ""}: ${e.message}`;
}
