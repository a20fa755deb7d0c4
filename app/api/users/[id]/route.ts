import { parseId, readJson, route } from "@/lib/api/handler";
import { db } from "@/lib/db/client";
import { updateUser } from "@/lib/users/service";

export const PATCH = route<{ id: string }>("admin", async (req, { params, principal, ip }) =>
  updateUser(db(), principal, parseId(params.id, "user"), await readJson(req), ip),
);
