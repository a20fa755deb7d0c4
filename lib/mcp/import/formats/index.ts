// The client formats an import reads, one module each; a format in MCP_CLIENT_FORMATS without a module here (or a
// module for a format the list lacks) is a type error.
import type { McpClientFormat } from "../../types";
import type { ClientFormat } from "../model";
import { claudeCode } from "./claude-code";
import { claudeDesktop } from "./claude-desktop";
import { codex } from "./codex";
import { continueDev } from "./continue";
import { cursor } from "./cursor";
import { gemini } from "./gemini";
import { vscode } from "./vscode";
import { windsurf } from "./windsurf";
import { zed } from "./zed";

export const CLIENT_FORMATS = {
  "claude-desktop": claudeDesktop,
  "claude-code": claudeCode,
  vscode,
  cursor,
  windsurf,
  zed,
  continue: continueDev,
  gemini,
  codex,
} as const satisfies Record<McpClientFormat, ClientFormat>;
