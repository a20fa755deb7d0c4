// Command-line options of a benchmark, declared once with their defaults and checks: `--ramp-seconds 5` arrives as
// `rampSeconds: 5`, already a number, and a typo or a bad value fails before any database is made. Parsing is
// node:util's parseArgs (unknown options and stray arguments are errors).
import { parseArgs } from "node:util";

export interface Option<T> {
  type: "string" | "boolean";
  default: string | boolean;
  read(value: string | boolean, name: string): T;
}

const numeric = (fallback: number | string, what: string, ok: (n: number) => boolean): Option<number> => ({
  type: "string",
  default: String(fallback),
  read: (value, name) => {
    const n = Number(value);
    if (!ok(n)) throw new Error(`--${name} must be ${what}`);
    return n;
  },
});

/** A number above zero: a rate, a duration, a count of something that must exist. */
export const positive = (fallback: number | string) => numeric(fallback, "a positive number", (n) => Number.isFinite(n) && n > 0);

/** A whole number, zero allowed: how many days or runs, where none is a valid choice. */
export const whole = (fallback: number | string) => numeric(fallback, "a whole number", (n) => Number.isInteger(n) && n >= 0);

/** A comma-separated list of positive numbers, e.g. "1000,1500,2000"; empty items are skipped. */
export const positiveList = (fallback: string): Option<number[]> => ({
  type: "string",
  default: fallback,
  read: (value, name) => {
    const list = String(value).split(",").filter(Boolean).map(Number);
    if (list.some((n) => !Number.isFinite(n) || n <= 0)) throw new Error(`--${name} must be a comma-separated list of positive numbers`);
    return list;
  },
});

/** Present or not; off by default. */
export const flag = (): Option<boolean> => ({ type: "boolean", default: false, read: (value) => value === true });

type Camel<S extends string> = S extends `${infer Head}-${infer Tail}` ? `${Head}${Capitalize<Camel<Tail>>}` : S;
const camel = (name: string) => name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

export type BenchOptions<S extends Record<string, Option<unknown>>> = { [K in keyof S & string as Camel<K>]: S[K] extends Option<infer T> ? T : never };

export function benchArgs<S extends Record<string, Option<unknown>>>(spec: S, args: string[] = process.argv.slice(2)): BenchOptions<S> {
  const options = Object.fromEntries(Object.entries(spec).map(([name, o]) => [name, { type: o.type, default: o.default }]));
  const { values } = parseArgs({ options, args, strict: true, allowPositionals: false });
  return Object.fromEntries(Object.entries(spec).map(([name, o]) => [camel(name), o.read(values[name] as string | boolean, name)])) as BenchOptions<S>;
}
