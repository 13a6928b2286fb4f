/**
 * One CSV cell, safe to open in a spreadsheet: a value that starts like a formula (`=`, `+`, `-`,
 * `@`, a tab or a carriage return) gets a leading apostrophe so it is read as text, and a value
 * with a comma, quote or line break is quoted (RFC 4180).
 */
export function csvCell(value: string): string {
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Lines of cells, CRLF-terminated as RFC 4180 has them. */
export function csvLines(rows: ReadonlyArray<ReadonlyArray<string>>): string {
  return rows.map((row) => row.map(csvCell).join(',') + '\r\n').join('');
}
