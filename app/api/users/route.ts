import { created, readJson, route } from "@/lib/api/handler";
import { db } from "@/lib/db/client";
import { createUser, listUsers, newUserSchema } from "@/lib/users/service";

export const GET = route("admin", async () => listUsers(db()));

export const POST = route("admin", async (req, { principal, ip }) => created(await createUser(db(), principal, newUserSchema.parse(await readJson(req)), ip)));
