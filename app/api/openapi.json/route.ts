import { route } from "@/lib/api/handler";
import { openApiDocument } from "@/lib/api/openapi";

/** The API's contract, public like a status page's: it names routes and shapes, never data. */
export const GET = route("public", async () => openApiDocument());
