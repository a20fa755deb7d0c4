import { handle, parseId } from "@/lib/api/handler";
import { db } from "@/lib/db/client";
import { probeNow } from "@/lib/integrations/service";

export const POST = handle<{ id: string }>(async (_req, params) => Response.json(await probeNow(db(), parseId(params)), { status: 201 }));
