// MCP client configs in, servers to monitor out: the formats, the preview, and the search on disk.
export { CLIENT_FORMATS } from "./formats";
export { detectFormat } from "./detect-format";
export { previewImport, targetIdentity } from "./preview";
export type { FileReport, FoundAt, ImportFile, ImportPreview, PreviewOptions, PreviewServer, SecretToFill } from "./preview";
export { secretNameFrom, SECRET_NAME } from "./variables";
