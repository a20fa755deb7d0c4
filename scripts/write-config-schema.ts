// Writes docs/tether.schema.json, the JSON Schema of tether.yaml, from the zod schema (lib/config-file/schema.ts),
// formatted as Prettier would, so `npm run lint` and the equality test (lib/config-file/schema.test.ts) both pass.
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { format, resolveConfig } from "prettier";
import { configJsonSchema } from "../lib/config-file/schema";

const file = fileURLToPath(new URL("../docs/tether.schema.json", import.meta.url));
const options = (await resolveConfig(file)) ?? {};
writeFileSync(file, await format(JSON.stringify(configJsonSchema()), { ...options, filepath: file }));
