// The CLI's fixture server over stdio: `node --import tsx stdio-tool-server.ts`; TOOLSET=v2 serves the changed tools.
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { createToolServer } from "./tool-server";

await createToolServer(process.env.TOOLSET === "v2" ? "v2" : "v1").connect(new StdioServerTransport());
