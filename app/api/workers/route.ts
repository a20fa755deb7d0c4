import { route } from "@/lib/api/handler";
import { db } from "@/lib/db/client";
import { listWorkers } from "@/lib/workers/heartbeat";

export const GET = route("viewer", async () => listWorkers(db()));
