// The MCP import's two writes-ish: the preview (reads the pasted files, writes nothing) and the import, which makes
// the integration list stale.
import { mutationOptions } from "@tanstack/react-query";
import type { ImportPreviewRequest, ImportPreviewView, ImportRequest, ImportResult } from "../mcp/import/import-service";
import { api } from "./api-client";
import { integrationKeys } from "./integrations";

export const mcpImportActions = {
  preview: () =>
    mutationOptions({
      mutationFn: (body: ImportPreviewRequest) => api<ImportPreviewView>("/api/mcp/import/preview", { method: "POST", json: body }),
    }),
  import: () =>
    mutationOptions({
      mutationFn: (body: ImportRequest) => api<ImportResult>("/api/mcp/import", { method: "POST", json: body }),
      onSuccess: (_data, _vars, _r, { client }) => client.invalidateQueries({ queryKey: integrationKeys.all }),
    }),
};
