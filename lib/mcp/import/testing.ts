// Test helpers: the fixture files (real client configs, kept as each client writes them) and a preview over them.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { previewImport, type ImportFile, type PreviewServer } from "./preview";

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), "fixtures");

export function fixture(relative: string, name = relative): ImportFile {
  return { name, content: readFileSync(path.join(FIXTURES, relative), "utf8") };
}

export const ALLOW_STDIO = { admin: true, env: { TETHER_ALLOW_STDIO_MCP: "true" } };

/** The preview of one file, its servers by name. */
export function previewOf(file: ImportFile, opts: Parameters<typeof previewImport>[1] = ALLOW_STDIO) {
  const preview = previewImport([file], opts);
  const byName = (name: string): PreviewServer => {
    const s = preview.servers.find((x) => x.name === name);
    if (!s) throw new Error(`no server ${name} in ${preview.servers.map((x) => x.name).join(", ")}`);
    return s;
  };
  return { preview, file: preview.files[0]!, byName };
}
