// The API's OpenAPI 3.1 contract: the operation declarations and the document built from them.
export { OPERATIONS } from "./registry";
export { buildOpenApiDocument, errorCodes, openApiDocument } from "./document";
export { operation, type Operation } from "./operation";
