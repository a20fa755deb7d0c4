// V8 flags for the long-lived server processes (the start + worker process, `npm run worker`, the web server), set
// on import by each entry point before anything compiles WebAssembly, so `npm start`, the Dockerfile's CMD and
// `npm run worker` all get them without a command-line flag of their own.
//
// `--liftoff-only`: Prisma's query compiler is WebAssembly, and V8's optimizing tier for it (TurboFan) kept 40-55 MB
// more resident per process (its code and the compile zones' malloc'd memory) while spending more CPU compiling
// than the baseline code (Liftoff) lost running it: the compiler runs once per query shape, and Prisma caches the
// plan. Measured on a loop of Prisma queries: 0.61-0.63 ms CPU a query either way; the first six shapes took
// 93-140 ms of CPU instead of 210-380 ms.
//
// `--heap-growing-percent=20`: after a full collection V8 lets the old generation grow by a factor it picks between
// 1.1 and 4; with the 1 MB semi-space (package.json's "start") short-lived objects are promoted, and the worker's
// heap grew to 121 MB of which 31 MB was live (a forced collection took its RSS from 240 to 147 MB). Growing by 20%
// collects sooner: at 1,000 integrations the worker held 141 MB instead of 239 (`npm run bench:memory`), at the same
// CPU within the noise (8.2% of a core against 7.7-8.0%); 10% saved nothing more.
import v8 from "node:v8";

export const SERVER_V8_FLAGS = ["--liftoff-only", "--heap-growing-percent=20"];

v8.setFlagsFromString(SERVER_V8_FLAGS.join(" "));
