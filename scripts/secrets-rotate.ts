// `npm run secrets:rotate`: re-encrypts every integration, notification-channel and webhook-source secret under the current TETHER_ENCRYPTION_KEY.
// Put the old key in TETHER_ENCRYPTION_KEY_PREVIOUS while this runs; remove it once it reports 0.
import { readEnv } from "../lib/config/env";
import { createDb } from "../lib/db/client";
import { rotateSecrets } from "../lib/secrets/store";
import { rotateChannelSecrets } from "../lib/alerts/channel-config";
import { reencryptSourceSecrets } from "../lib/webhooks/sources";

const env = readEnv();
if (!env.DATABASE_URL) {
  console.error("DATABASE_URL is not set");
  process.exit(1);
}
const db = createDb(env.DATABASE_URL);
const changed = (await rotateSecrets(db, { principal: null })) + (await rotateChannelSecrets(db)) + (await reencryptSourceSecrets(db));
console.log(`re-encrypted ${changed} secret(s)`);
await db.$disconnect();
