import { REPORT_MEASURES } from '@app/domain';

/** The media type of the reports' CSV form (RFC 4180). */
export const CSV_MEDIA_TYPE = 'text/csv';

/** Whether the caller asked for CSV: `text/csv` in its Accept header (the JSON form otherwise). */
export const wantsCsv = (accept: string | undefined): boolean =>
  (accept ?? '').split(',').some((range) => range.split(';')[0].trim().toLowerCase() === CSV_MEDIA_TYPE);

/** An RFC 4180 field: quoted when it holds a comma, a quote or a line break, quotes doubled. */
const field = (value: string | number): string => {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/**
 * H6: rows as RFC 4180 CSV: a header row naming the columns, then one record per row, each ended
 * by CRLF.
 */
export function statisticsCsv(
  leading: readonly string[],
  rows: readonly Readonly<Record<string, string | number>>[],
): string {
  const columns = [...leading, ...REPORT_MEASURES];
  const records = [columns, ...rows.map((row) => columns.map((column) => row[column]))];
  return records.map((record) => `${record.map(field).join(',')}\r\n`).join('');
}
