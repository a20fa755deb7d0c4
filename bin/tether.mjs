#!/usr/bin/env node
// `npx tether`: runs the CLI's TypeScript (lib/cli/entry.ts) through tsx, which is a dependency, so a fresh clone
// needs only `npm install`. tsx caches what it compiles; nothing here loads Prisma or Next.
import { register } from "tsx/esm/api";

register({ tsconfig: new URL("../tsconfig.json", import.meta.url).pathname });
await import("../lib/cli/entry.ts");
