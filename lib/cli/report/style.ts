// Colour for the text reports: on only when writing to a terminal and NO_COLOR is not set (https://no-color.org);
// FORCE_COLOR turns it on for CI logs that render ANSI.
import picocolors from "picocolors";

export type Style = Pick<ReturnType<typeof picocolors.createColors>, "bold" | "dim" | "red" | "yellow" | "blue" | "green">;

export function colorEnabled(isTTY: boolean, env: Readonly<Record<string, string | undefined>>): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== "0") return true;
  return isTTY;
}

export function makeStyle(enabled: boolean): Style {
  return picocolors.createColors(enabled);
}
