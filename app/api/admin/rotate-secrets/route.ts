import { route } from "@/lib/api/handler";
import { db } from "@/lib/db/client";
import { rotateEveryStoredSecret } from "@/lib/secrets/rotation";

/** After TETHER_ENCRYPTION_KEY changes (old key in TETHER_ENCRYPTION_KEY_PREVIOUS): re-encrypt every secret. */
export const POST = route("admin", async (_req, { principal, ip }) => ({ reencrypted: await rotateEveryStoredSecret(db(), { principal, ip }) }));
