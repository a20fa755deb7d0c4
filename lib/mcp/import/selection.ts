// The import page's choices, pure: which servers start ticked (importable and not already monitored), the secret
// fields prefilled with what the pasted file held, and the import request built from the choices.
import type { ImportPreviewView, ImportRequest } from "./import-service";

export interface ImportChoices {
  chosen: Record<string, boolean>;
  /** Secret values by server key, then secret name. */
  secrets: Record<string, Record<string, string>>;
}

export function initialChoices(preview: ImportPreviewView): ImportChoices {
  const chosen: ImportChoices["chosen"] = {};
  const secrets: ImportChoices["secrets"] = {};
  for (const s of preview.servers) {
    chosen[s.key] = s.importable && !s.alreadyMonitored;
    secrets[s.key] = Object.fromEntries(s.secrets.map((x) => [x.name, x.found ?? ""]));
  }
  return { chosen, secrets };
}

export function importRequestOf(files: ImportRequest["files"], preview: ImportPreviewView, choices: ImportChoices): ImportRequest {
  return {
    files,
    servers: preview.servers.filter((s) => s.importable && choices.chosen[s.key]).map((s) => ({ key: s.key, secrets: choices.secrets[s.key] ?? {} })),
  };
}
