import { route } from "@/lib/api/handler";
import { configJsonSchema } from "@/lib/config-file/schema";

export const GET = route("public", async () => configJsonSchema());
