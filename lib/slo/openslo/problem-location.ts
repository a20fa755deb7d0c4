// How an import problem is pointed at in the dialog; type-only import, so the client bundle gets no YAML parser.
import type { ImportProblem } from "./import";

/** Where a problem is, in words: "document 2, line 27, column 33, at spec.objectives.0.target". */
export function problemLocation(p: ImportProblem): string {
  return [p.document > 1 ? `document ${p.document}` : null, p.line !== undefined ? `line ${p.line}, column ${p.column}` : null, p.path ? `at ${p.path}` : null]
    .filter(Boolean)
    .join(", ");
}
