import { route } from "@/lib/api/handler";
import { db } from "@/lib/db/client";
import { listLocations } from "@/lib/workers/heartbeat";

export const GET = route("viewer", async () => listLocations(db()));
