// Writes docs/tether.schema.json, the JSON Schema of tether.yaml, from the zod schema (lib/config-file/schema.ts).
import { writeFileSync } from "node:fs";
import { configJsonSchema } from "../lib/config-file/schema";

writeFileSync(new URL("../docs/tether.schema.json", import.meta.url), `${JSON.stringify(configJsonSchema(), null, 2)}\n`);
