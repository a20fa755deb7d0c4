// E2E against the production build, started exactly as a user starts it (`scripts/start.mjs`), with a fresh
// embedded PostgreSQL and the demo target on ports of its own. Debian's Chromium where it is installed.
import { defineConfig, devices } from "@playwright/test";
import { existsSync } from "node:fs";
import { E2E } from "./e2e/env";

const chromium = process.env.CHROMIUM_PATH ?? (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: process.env.CI ? [["list"], ["html", { open: "never", outputFolder: "playwright-report" }]] : "list",
  use: {
    baseURL: E2E.baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    ...devices["Desktop Chrome"],
    viewport: { width: 1400, height: 900 },
    launchOptions: {
      executablePath: chromium,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
  },
  webServer: [
    {
      command: "node_modules/.bin/tsx e2e/fakes/github-server.ts",
      url: `http://127.0.0.1:${E2E.githubPort}/api/v3/user`,
      timeout: 30_000,
      reuseExistingServer: false,
      env: { FAKE_GITHUB_PORT: String(E2E.githubPort) },
    },
    {
      command: "node_modules/.bin/tsx e2e/fakes/oidc-server.ts",
      url: `${E2E.oidcIssuer}/.well-known/openid-configuration`,
      timeout: 30_000,
      reuseExistingServer: false,
    },
    {
      // What `npm start` runs, without npm: the built start program (it builds what is missing first).
      command: `node -e "require('fs').rmSync('${E2E.dataDir}',{recursive:true,force:true})" && node scripts/start.mjs`,
      url: `${E2E.baseURL}/api/health`,
      timeout: 180_000,
      reuseExistingServer: false,
      stdout: "pipe",
      env: {
        DATABASE_URL: "",
        TETHER_DATA_DIR: E2E.dataDir,
        TETHER_DEMO: "on",
        TETHER_DEMO_PORT: String(E2E.demoPort),
        TETHER_EMBEDDED_PG_PORT: String(E2E.pgPort),
        PORT: String(E2E.port),
        NEXT_TELEMETRY_DISABLED: "1",
        // Alert rules are evaluated every second so the alerts spec sees incidents open and resolve quickly; the
        // demo's targets and the alerts spec's receiver are on this machine.
        TETHER_ALERT_EVALUATION_MS: "1000",
        TETHER_ALLOW_PRIVATE_TARGETS: "true",
        GITHUB_ID: "e2e-client-id",
        GITHUB_SECRET: "e2e-client-secret",
        GITHUB_URL: `http://127.0.0.1:${E2E.githubPort}`,
        GITHUB_API_URL: `http://127.0.0.1:${E2E.githubPort}/api/v3`,
        // The provider of e2e/fakes/oidc-server.ts, which registers this client.
        OIDC_ISSUER: E2E.oidcIssuer,
        OIDC_CLIENT_ID: E2E.oidc.clientId,
        OIDC_CLIENT_SECRET: E2E.oidc.clientSecret,
        OIDC_NAME: "Acme SSO",
        OIDC_ROLE_MAP: "tether-admins:admin,tether-editors:editor",
      },
    },
  ],
});
