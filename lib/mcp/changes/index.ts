export { classifyToolChanges, compareTool, countByImpact } from "./classify";
export { canonicalJson, setFingerprint, toolFingerprint } from "./fingerprint";
export { nextToolVersion, type LastToolVersion, type NewToolVersion } from "./version-decision";
export { toolDefinitionsSchema } from "./tool-definition-schema";
