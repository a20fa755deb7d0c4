import { defineConfig } from "vitest/config";
import { fileURLToPath } from "node:url";

const alias = { "@": fileURLToPath(new URL(".", import.meta.url)) };

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: ["{lib,components,app,scripts}/**/*.test.{ts,tsx}"],
          exclude: ["**/*.int.test.ts", "node_modules/**"],
          environment: "node",
        },
      },
      {
        resolve: { alias },
        test: {
          name: "int",
          include: ["{lib,app,scripts}/**/*.int.test.ts"],
          environment: "node",
          globalSetup: ["lib/testing/global-setup.ts"],
          // Probe targets in these tests are local servers; tests of the guard pass their own policy.
          env: { TETHER_ALLOW_PRIVATE_TARGETS: "true" },
          testTimeout: 30_000,
          hookTimeout: 60_000,
          // Each file gets its own scratch database; files still share the machine's two cores.
          fileParallelism: false,
        },
      },
    ],
  },
});
