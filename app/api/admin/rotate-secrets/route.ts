import { route } from "@/lib/api/handler";
import { db } from "@/lib/db/client";
import { rotateSecrets } from "@/lib/secrets/store";
import { rotateChannelSecrets } from "@/lib/alerts/channel-config";
import { reencryptSourceSecrets } from "@/lib/webhooks/sources";

/** After TETHER_ENCRYPTION_KEY changes (old key in TETHER_ENCRYPTION_KEY_PREVIOUS): re-encrypt every secret. */
export const POST = route("admin", async (_req, { principal, ip }) => ({
  reencrypted: (await rotateSecrets(db(), { principal, ip })) + (await rotateChannelSecrets(db())) + (await reencryptSourceSecrets(db())),
}));
