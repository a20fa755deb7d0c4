// Where the e2e server lives: its own ports and data dir, so it never collides with a running `npm start`.
// TETHER_E2E_PORT_OFFSET moves every port, so two checkouts can run their e2e suites side by side.
const offset = Number(process.env.TETHER_E2E_PORT_OFFSET ?? 0);

export const E2E = {
  port: 3100 + offset,
  demoPort: 4110 + offset,
  pgPort: 54339 + offset,
  githubPort: 4120 + offset,
  /** A local HTTP receiver the alerts spec starts, standing in for a team's webhook endpoint. */
  alertReceiverPort: 4130 + offset,
  /** The OpenID provider (e2e/fakes/oidc-server.ts) the SSO spec signs in through. */
  oidcPort: 4140 + offset,
  dataDir: ".data/e2e",
  get baseURL() {
    return `http://127.0.0.1:${this.port}`;
  },
  /** The client the e2e server is registered as at that provider, and its one user (in group tether-editors). */
  oidc: { clientId: "tether-e2e", clientSecret: "tether-e2e-client-secret", user: "ada", email: "ada@example.com" },
  get oidcIssuer() {
    return `http://127.0.0.1:${this.oidcPort}`;
  },
  get demoURL() {
    return `http://127.0.0.1:${this.demoPort}`;
  },
};
