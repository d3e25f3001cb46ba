import { CsvError, parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';

/** One row of a table export, with the line (CSV) or row number (XLSX) a person sees for it. */
export interface TableRow {
  line: number;
  cells: string[];
}

/** The rows read before the table broke, and where and why it broke, if it did. */
export interface TableRows {
  rows: TableRow[];
  failure?: { line: number; message: string };
}

const DELIMITERS = [',', ';', '\t'] as const;

/**
 * The rows of a CSV text (line endings already `\n`). The delimiter is the one of `,` `;` or tab
 * that the first line holds most often outside quotes; a quoted field may span lines, and a row
 * is numbered by the line it starts on. A syntax error (a quote never closed)
 * ends the reading; it is placed on the line where its row starts.
 */
export function csvRows(text: string): TableRows {
  const rows: TableRow[] = [];
  let lastLine = 0;
  try {
    parse(text, {
      delimiter: csvDelimiter(text),
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      raw: true,
      // With `raw`, a record arrives as { record, raw }; the typings do not follow that option.
      on_record: (value: unknown, context) => {
        const { record } = value as { record: string[] };
        const ownLines = (context.raw ?? '').replace(/^\n+/, '').replace(/\n$/, '').split('\n').length;
        rows.push({ line: context.lines - ownLines + 1, cells: record });
        lastLine = context.lines;
        return null;
      },
    });
    return { rows };
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const line = firstFilledLineAfter(text, lastLine);
    const message =
      error.code === 'CSV_QUOTE_NOT_CLOSED'
        ? 'a quoted field opened in the row starting here is never closed'
        : `the row starting here is not readable as CSV: ${error.message}`;
    return { rows, failure: { line, message } };
  }
}

/** Where the row after `line` starts: the next line that is not blank. */
function firstFilledLineAfter(text: string, line: number): number {
  const lines = text.split('\n');
  for (let index = line; index < lines.length; index++) if (lines[index]?.trim() !== '') return index + 1;
  return line + 1;
}

function csvDelimiter(text: string): string {
  const counts = new Map<string, number>(DELIMITERS.map((delimiter) => [delimiter, 0]));
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (char === '\n' && !quoted) break;
    else if (!quoted && counts.has(char)) counts.set(char, (counts.get(char) ?? 0) + 1);
  }
  let best: string = DELIMITERS[0];
  for (const [delimiter, count] of counts) if (count > (counts.get(best) ?? 0)) best = delimiter;
  return best;
}

/** The rows of the first worksheet of an XLSX workbook, each cell as the text Excel shows. */
export async function xlsxRows(bytes: Buffer): Promise<TableRows> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(new Uint8Array(bytes).buffer);
  } catch (error) {
    return { rows: [], failure: { line: 1, message: `not a readable XLSX workbook: ${error instanceof Error ? error.message : String(error)}` } };
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return { rows: [], failure: { line: 1, message: 'the workbook has no worksheet' } };
  const rows: TableRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    for (let column = 1; column <= row.cellCount; column++) cells.push(row.getCell(column).text);
    rows.push({ line: rowNumber, cells });
  });
  return { rows };
}
