import { route } from "@/lib/api/handler";
import { db } from "@/lib/db/client";
import { readServerState } from "@/lib/config-file/state";

export const GET = route("viewer", async () => readServerState(db()));
