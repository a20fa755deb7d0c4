// Key rotation across every table that holds a sealed value, for `npm run secrets:rotate` and
// `POST /api/admin/rotate-secrets` alike: integration secrets, notification-channel secrets, webhook-source signing
// secrets, and status subscribers' link tokens and webhook secrets. Each part re-encrypts under the keyring's current
// key what an older key sealed, guarded against concurrent writes.
import type { Db } from "../db/client";
import type { Actor } from "../auth/actor";
import { rotateChannelSecrets } from "../alerts/channel-config";
import { reencryptSubscriberSecrets } from "../status-pages/subscriptions/subscribers";
import { reencryptSourceSecrets } from "../webhooks/sources";
import { rotateSecrets } from "./store";

/** Re-encrypts every stored secret under the current key; returns how many values changed (0 once done). */
export async function rotateEveryStoredSecret(db: Db, actor: Actor): Promise<number> {
  return (await rotateSecrets(db, actor)) + (await rotateChannelSecrets(db)) + (await reencryptSourceSecrets(db)) + (await reencryptSubscriberSecrets(db));
}
