import { created, readJson, route } from "@/lib/api/handler";
import { db } from "@/lib/db/client";
import { setupFirstAdmin } from "@/lib/users/service";

/** First run only: creates the first account as admin; refused once any account exists. */
export const POST = route("public", async (req, { ip }) => created(await setupFirstAdmin(db(), await readJson(req), ip)));
