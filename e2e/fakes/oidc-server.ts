// The e2e suite's identity provider: the real oidc-provider (lib/auth/testing/oidc-provider.ts) on its own port,
// with Tether's e2e server registered as a client and a user in the editors' group.
import { E2E } from "../env";
import { startTestOidcProvider } from "../../lib/auth/testing/oidc-provider";

const provider = await startTestOidcProvider({
  port: E2E.oidcPort,
  clients: [{ client_id: E2E.oidc.clientId, client_secret: E2E.oidc.clientSecret, redirect_uris: [`${E2E.baseURL}/api/auth/callback/oidc`] }],
  accounts: { [E2E.oidc.user]: { email: E2E.oidc.email, email_verified: true, name: "Ada Lovelace", groups: ["staff", "tether-editors"] } },
});
process.stdout.write(`e2e OpenID provider at ${provider.issuer}\n`);
const stop = () => void provider.close().then(() => process.exit(0));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
