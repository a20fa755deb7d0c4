import { defineConfig } from "vitest/config";
import { fileURLToPath } from "node:url";

// vitest 5 reports failures with Map.groupBy (Node 21+); on Node 20 the report itself crashes and hides the
// failure. A tiny polyfill keeps failure output readable on the Node 20 machines this project runs on.
if (!("groupBy" in Map)) {
  Object.defineProperty(Map, "groupBy", {
    value<K, V>(items: Iterable<V>, key: (item: V, index: number) => K): Map<K, V[]> {
      const out = new Map<K, V[]>();
      let i = 0;
      for (const item of items) {
        const k = key(item, i++);
        const list = out.get(k);
        if (list) list.push(item);
        else out.set(k, [item]);
      }
      return out;
    },
  });
}

const alias = { "@": fileURLToPath(new URL(".", import.meta.url)) };

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: { name: "unit", include: ["{lib,components,app,scripts}/**/*.test.{ts,tsx}"], exclude: ["**/*.int.test.ts", "node_modules/**"], environment: "node" },
      },
      {
        resolve: { alias },
        test: {
          name: "int",
          include: ["{lib,app,scripts}/**/*.int.test.ts"],
          environment: "node",
          globalSetup: ["lib/testing/global-setup.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          // Each file gets its own scratch database; files still share the machine's two cores.
          fileParallelism: false,
        },
      },
    ],
  },
});
