// Writes the rows read from a table as data.csv: the table's column names, '\n' line ends, numbers in
// JavaScript's shortest round-trip form (Number(text) gives back the same double), timestamps in ISO
// form, other values as the server sent them. Cells are made by postgresSnapshot.ts.

/** Shortest round-trip text of a double; keeps the sign of -0. */
export function formatNumber(v: number): string {
  return Object.is(v, -0) ? '-0' : String(v);
}

/** PostgreSQL's text form ("2026-11-27 03:02:47.123456") to ISO 8601 ("2026-11-27T03:02:47.123456"). */
export function isoTimestamp(text: string): string {
  return text.replace(' ', 'T');
}

/** A field as CSV holds it: quoted when it has a comma, quote or line break, or spaces around it. */
export function quoteCsv(field: string): string {
  return /[",\n\r]/.test(field) || field !== field.trim() ? '"' + field.replace(/"/g, '""') + '"' : field;
}

/** The header line (quoted names) and one line per row of cells (already quoted). */
export function snapshotCsv(names: readonly string[], rows: readonly (readonly string[])[]): string {
  const lines = [names.map(quoteCsv).join(',')];
  for (const r of rows) lines.push(r.join(','));
  return lines.join('\n') + '\n';
}
