// The CLI's fixture server over stdio: `node --import tsx stdio-tool-server.ts [v1|v2|broken]` (v1 by default).
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { TOOLSETS, createToolServer } from "./tool-server";

const toolset = TOOLSETS.find((t) => t === process.argv[2]) ?? "v1";
await createToolServer(toolset).connect(new StdioServerTransport());
