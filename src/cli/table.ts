/**
 * Rows as a plain text table: a header line, then one line per row, columns left-aligned and two
 * spaces apart, no trailing spaces. Line breaks and tabs inside a value are shown as spaces so a
 * row stays one line.
 */
export function formatTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const lines = [headers, ...rows].map((row) => headers.map((_, i) => (row[i] ?? '').replace(/[\t\r\n]+/g, ' ')));
  const widths = headers.map((_, i) => Math.max(...lines.map((line) => line[i]?.length ?? 0)));
  return lines
    .map(
      (line) =>
        line
          .map((cell, i) => cell.padEnd(widths[i] ?? 0))
          .join('  ')
          .trimEnd() + '\n',
    )
    .join('');
}
