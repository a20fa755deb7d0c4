// Serves one fixture of ./fixtures.ts over stdio: `node --import tsx stdio-fixture.ts <name>`.
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { FIXTURES, isFixtureName } from "./fixtures";

const name = process.argv[2] ?? "";
if (!isFixtureName(name)) {
  process.stderr.write(`Unknown fixture ${name}; one of ${Object.keys(FIXTURES).join(", ")}\n`);
  process.exit(2);
}
await FIXTURES[name].create().connect(new StdioServerTransport());
