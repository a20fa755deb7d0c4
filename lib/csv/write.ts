// A small RFC 4180 writer: CRLF line ends, a field quoted when it holds a comma, a quote, CR or LF (quotes doubled).
// Text that a spreadsheet would run as a formula (=, +, -, @ first) gets a leading apostrophe (OWASP's CSV injection advice).
export type CsvCell = string | number | boolean | null | undefined;

const FORMULA = /^[=+\-@\t\r]/;

export function csvField(value: CsvCell): string {
  if (value === null || value === undefined) return "";
  let s = typeof value === "string" ? value : String(value);
  if (typeof value === "string" && FORMULA.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The header row, then each row in the header's order; every line ends in CRLF. */
export function toCsv<K extends string>(header: readonly K[], rows: readonly Partial<Record<K, CsvCell>>[]): string {
  const line = (cells: CsvCell[]) => `${cells.map(csvField).join(",")}\r\n`;
  return line([...header]) + rows.map((r) => line(header.map((k) => r[k]))).join("");
}
