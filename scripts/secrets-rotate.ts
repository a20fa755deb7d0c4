// `npm run secrets:rotate`: re-encrypts every integration, notification-channel, webhook-source and status-subscriber
// secret under the current TETHER_ENCRYPTION_KEY.
// Put the old key in TETHER_ENCRYPTION_KEY_PREVIOUS while this runs; remove it once it reports 0.
import { readEnv } from "../lib/config/env";
import { createDb } from "../lib/db/client";
import { rotateEveryStoredSecret } from "../lib/secrets/rotation";

const env = readEnv();
if (!env.DATABASE_URL) {
  console.error("DATABASE_URL is not set");
  process.exit(1);
}
const db = createDb(env.DATABASE_URL);
console.log(`re-encrypted ${await rotateEveryStoredSecret(db, { principal: null })} secret(s)`);
await db.$disconnect();
