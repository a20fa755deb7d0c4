// JSON and JSONC reading for the JSON-based client formats, with jsonc-parser: comments and trailing commas are
// accepted (VS Code and Zed settings have both), and a broken file is reported with the line and column of its
// first error. The tree keeps offsets, so each server can be reported where it is written.
import { findNodeAtLocation, getNodeValue, parseTree, printParseErrorCode, type Node, type ParseError } from "jsonc-parser";
import type { FileProblem, RawServer, RawSpec, SourcePosition } from "./model";
import { positionAt } from "./positions";

export interface JsonDoc {
  text: string;
  root: Node | undefined;
  value: unknown;
}

const MESSAGES: Record<string, string> = {
  InvalidSymbol: "unexpected character",
  InvalidNumberFormat: "invalid number",
  PropertyNameExpected: "a property name (in double quotes) was expected",
  ValueExpected: "a value was expected",
  ColonExpected: "a colon was expected",
  CommaExpected: "a comma was expected",
  CloseBraceExpected: "a closing } was expected",
  CloseBracketExpected: "a closing ] was expected",
  EndOfFileExpected: "the file should end here",
  InvalidCommentToken: "invalid comment",
  UnexpectedEndOfComment: "a comment is not closed",
  UnexpectedEndOfString: "a string is not closed",
  UnexpectedEndOfNumber: "a number is cut off",
  InvalidUnicode: "invalid unicode escape",
  InvalidEscapeCharacter: "invalid escape character",
  InvalidCharacter: "invalid character in a string",
};

export function readJson(text: string): { doc?: JsonDoc; error?: FileProblem } {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false, allowEmptyContent: false });
  const first = errors[0];
  if (first) {
    const code = printParseErrorCode(first.error);
    const pos = positionAt(text, first.offset);
    return { error: { ...pos, message: `Not valid JSON at line ${pos.line}, column ${pos.column}: ${MESSAGES[code] ?? code}` } };
  }
  if (!root) return { error: { line: 1, column: 1, message: "The file is empty" } };
  return { doc: { text, root, value: getNodeValue(root) } };
}

export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Where the property at `path` is written (its key), for reporting a server by line. */
export function positionOf(doc: JsonDoc, path: (string | number)[]): SourcePosition | undefined {
  if (!doc.root) return undefined;
  const node = findNodeAtLocation(doc.root, path);
  if (!node) return undefined;
  return positionAt(doc.text, node.parent?.type === "property" ? node.parent.offset : node.offset);
}

/** A string map (env, headers); non-string values are turned into text, as the clients themselves do. */
export function stringMap(v: unknown): Record<string, string> {
  if (!isObject(v)) return {};
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, typeof x === "string" ? x : JSON.stringify(x)]));
}

export function stringList(v: unknown): string[] {
  return Array.isArray(v) ? v.map((x) => (typeof x === "string" ? x : String(x))) : [];
}

/** A remote URL without a stated transport: legacy SSE endpoints end in /sse by convention, the rest are streamable HTTP. */
export function guessRemote(url: string): "http" | "sse" {
  try {
    return /\/sse\/?$/.test(new URL(url).pathname) ? "sse" : "http";
  } catch {
    return "http";
  }
}

export interface EntryOptions {
  /** Property names that hold a URL and the transport each means ("guess" reads the path). */
  urlKeys: Record<string, "http" | "sse" | "guess">;
  /** Header map property (headers by default). */
  headersKey?: string;
}

const TYPE_ALIASES: Record<string, "stdio" | "http" | "sse"> = {
  stdio: "stdio",
  http: "http",
  "streamable-http": "http",
  streamableHttp: "http",
  streamable_http: "http",
  sse: "sse",
};

/** Reads one server entry of the common `{ command, args, env } | { url, headers }` shape with an optional `type`. */
export function readEntry(entry: unknown, opts: EntryOptions): RawSpec {
  if (!isObject(entry)) return { transport: "unsupported", problem: "The entry is not an object" };
  const type = entry.type;
  if (type !== undefined && (typeof type !== "string" || !TYPE_ALIASES[type]))
    return { transport: "unsupported", problem: `Unknown transport type ${JSON.stringify(type)}; expected stdio, http or sse` };
  const stated = typeof type === "string" ? TYPE_ALIASES[type] : undefined;
  const urlKey = Object.keys(opts.urlKeys).find((k) => typeof entry[k] === "string" && (entry[k] as string).trim() !== "");
  if (typeof entry.command === "string" && entry.command.trim() !== "" && stated !== "http" && stated !== "sse") {
    return { transport: "stdio", command: entry.command.trim(), args: stringList(entry.args), env: stringMap(entry.env), ...cwdOf(entry) };
  }
  if (urlKey && stated !== "stdio") {
    const url = (entry[urlKey] as string).trim();
    const meaning = opts.urlKeys[urlKey]!;
    const transport = stated ?? (meaning === "guess" ? guessRemote(url) : meaning);
    return { transport, url, headers: stringMap(entry[opts.headersKey ?? "headers"]) };
  }
  if (stated === "stdio" || (typeof entry.command === "string" && !urlKey)) return { transport: "unsupported", problem: "A stdio server needs a command" };
  if (stated) return { transport: "unsupported", problem: `A ${stated} server needs a URL (${Object.keys(opts.urlKeys).join(" or ")})` };
  return { transport: "unsupported", problem: `Neither a command nor a URL (${Object.keys(opts.urlKeys).join(" or ")}) is given` };
}

function cwdOf(entry: Record<string, unknown>): { cwd?: string } {
  return typeof entry.cwd === "string" && entry.cwd ? { cwd: entry.cwd } : {};
}

/** Every server of a `{ name: entry }` map at `path`, with its position. */
export function readServerMap(doc: JsonDoc, path: string[], opts: EntryOptions, scope?: string): RawServer[] {
  let map: unknown = doc.value;
  for (const p of path) map = isObject(map) ? map[p] : undefined;
  if (!isObject(map)) return [];
  return Object.entries(map).map(([name, entry]) => ({
    name,
    spec: readEntry(entry, opts),
    at: positionOf(doc, [...path, name]),
    ...(scope ? { scope } : {}),
    warnings: isObject(entry) && entry.disabled === true ? ["Disabled in the client's config"] : [],
  }));
}

export const basename = (p: string) => p.split(/[\\/]/).pop() ?? p;
/** The path with forward slashes, for matching folder names on every OS. */
export const slashed = (p: string) => p.replace(/\\/g, "/");
