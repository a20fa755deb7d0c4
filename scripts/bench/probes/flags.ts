// The V8 flags of the process the benchmark's worker stands for, set before anything compiles WebAssembly (so this is
// bench:probes' first import): `npm start`'s (scripts/server-v8-flags) when node was started as package.json's
// "start" line starts it (`npm run bench:probes:start`, with its 1 MB semi-space), else none, as `npm run worker` runs.

/** package.json's "start" line gives node this; `npm run worker` does not. */
export const START_SEMI_SPACE = "--max-semi-space-size=1";
export const AS_START = process.execArgv.includes(START_SEMI_SPACE);

if (AS_START) await import("../../server-v8-flags");
