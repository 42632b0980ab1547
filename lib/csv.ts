/**
 * Writes rows as CSV with CRLF line ends. Cells that a spreadsheet would run as a formula (starting
 * with =, +, -, @ or a control character) are prefixed with an apostrophe, because many cells hold
 * text from uploaded letters or typed by people.
 */
export function toCsv(rows: readonly (readonly string[])[]): string {
  return `${rows.map((row) => row.map(escapeCsv).join(',')).join('\r\n')}\r\n`;
}

/** Starts a CSV download's body: a byte order mark makes spreadsheet programs read it as UTF-8, so £ signs show correctly. */
export const CSV_BYTE_ORDER_MARK = '\uFEFF';

function escapeCsv(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
