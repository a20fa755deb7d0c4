import next from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...next,
  ...nextTs,
  {
    ignores: [
      ".next/**",
      ".next-*/**",
      "node_modules/**",
      ".data/**",
      "lib/db/generated/**",
      "test-results/**",
      "playwright-report/**",
      "e2e/artifacts/**",
      "next-env.d.ts",
    ],
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // Playwright fixtures call `use(...)`, which is not React's hook.
    files: ["e2e/**"],
    rules: { "react-hooks/rules-of-hooks": "off" },
  },
  {
    // The core imports no framework (STYLE.md, principle 1).
    files: ["lib/domain/**", "lib/probes/**", "lib/resilience/**", "lib/alerts/**", "lib/scheduler/**"],
    rules: {
      "no-restricted-imports": ["error", { patterns: ["next", "next/*", "react", "react-dom"] }],
    },
  },
  {
    // One way to read and write (STYLE.md): components use lib/queries/<noun>.ts, never the fetch helper itself.
    files: ["components/**", "app/**/*.tsx"],
    rules: {
      "no-restricted-imports": [
        "error",
        { paths: [{ name: "@/lib/queries/api-client", importNames: ["api"], message: "Call the query or action in lib/queries/<noun>.ts instead." }] },
      ],
    },
  },
];

export default config;
