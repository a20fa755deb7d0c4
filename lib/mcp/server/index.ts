export { createTetherMcpServer, healthUri, SERVER_INFO, type TetherMcpDeps } from "./server";
export { handleMcpRequest, mcpAllowedOrigins, type McpHttpOptions } from "./http";
