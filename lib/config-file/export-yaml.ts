// A server state written as tether.yaml text: the schema hint first, then the sections in dependency order,
// defaults left in so the file says exactly what runs. Secrets are already references in the state.
import { stringify } from "yaml";
import { RESOURCE_TYPES, type ConfigFile } from "./schema";

export const SCHEMA_HINT = "# yaml-language-server: $schema=https://raw.githubusercontent.com/tether-dev/tether/main/docs/tether.schema.json";

export function exportYaml(config: ConfigFile, schemaUrl?: string): string {
  const body: Record<string, unknown> = { version: config.version };
  for (const type of RESOURCE_TYPES) if (Object.keys(config[type]).length > 0) body[type] = config[type];
  const hint = schemaUrl ? `# yaml-language-server: $schema=${schemaUrl}` : SCHEMA_HINT;
  return `${hint}\n# Exported by tether export. Secrets are \${ENV_NAME} references: set them where tether apply runs.\n${stringify(body, { lineWidth: 0 })}`;
}
