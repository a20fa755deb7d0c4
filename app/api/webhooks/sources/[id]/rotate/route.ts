import { parseId, readJson, route } from "@/lib/api/handler";
import { db } from "@/lib/db/client";
import { rotateBody as body } from "@/lib/api/openapi/operations/webhooks";
import { rotateSourceSecret } from "@/lib/webhooks/sources";

/** Sets a new signing secret; the previous one stays accepted for 24 hours. */
export const POST = route<{ id: string }>("editor", async (req, { params, principal, ip }) =>
  rotateSourceSecret(db(), parseId(params.id, "webhook source"), body.parse(await readJson(req)).secret, { principal, ip }),
);
