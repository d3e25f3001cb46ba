import { extname } from 'node:path';
import type { RoutingTopic } from '@priemnaya/contracts';
import { type TextEncoding, decodeText, startsWith } from './decode-text.js';
import { type TableRow, csvRows, xlsxRows } from './table-rows.js';
import { type UnitIndex, type UnitTopics, createUnitIndex, normaliseName } from './unit-index.js';

export type { TextEncoding } from './decode-text.js';
export type { UnitTopics } from './unit-index.js';

/** An appeal of the city's past, labelled with the topic its answering unit stands for. */
export interface CityHistoryExample {
  text: string;
  topic: RoutingTopic;
  /** The file's line (CSV, JSON lines) or the worksheet's row number (XLSX) it came from. */
  line: number;
}

/**
 * Why a line could not be used. `field` is the column header as the file spells it, the JSON key,
 * `text` or `unit` for a column that is missing, `encoding`, or `file` for the file as a whole
 * (then `line` is where reading stopped, 1 when nothing could be read).
 */
export interface CityHistoryError {
  line: number;
  field: string;
  message: string;
}

export type CityHistoryFormat = 'jsonl' | 'csv' | 'xlsx';

export interface CityHistory {
  /** Undefined when the file could not be recognised at all. */
  format: CityHistoryFormat | undefined;
  /** Of a text file (CSV, JSON lines) that could be decoded. */
  encoding: TextEncoding | undefined;
  examples: CityHistoryExample[];
  /** Any error means the import failed: nothing of it is to be trained on or promoted. */
  errors: CityHistoryError[];
}

export interface ReadCityHistoryOptions {
  /**
   * The city's unit names and unit codes, each to the routing topic its routing table gives it;
   * a unit given several topics (or none) is known, and its lines are refused saying why.
   */
  unitTopics: UnitTopics;
  /** Header (CSV, XLSX) or key (JSON lines) of the text and the unit, instead of the usual names. */
  columns?: { text?: string; unit?: string };
}

/** Usual headers of exports, compared after normalising case, ё, quotes and spaces; the first present wins. */
export const TEXT_HEADERS = [
  'text', 'текст', 'текст обращения', 'содержание', 'содержание обращения', 'суть обращения', 'суть вопроса',
  'краткое содержание', 'краткое содержание обращения', 'описание', 'обращение', 'appeal text', 'appeal', 'message',
] as const;
export const UNIT_HEADERS = [
  'unit', 'исполнитель', 'подразделение', 'ответственный', 'ответственный исполнитель', 'ответственное подразделение',
  'структурное подразделение', 'исполнитель обращения', 'executor', 'department', 'responsible',
] as const;

/** A title or a blank row may stand above the header of a spreadsheet export. */
const HEADER_SEARCH_ROWS = 10;
const FILE = 'file';

/**
 * Reads an export of a city's past appeals, each a text and the unit that answered it, into
 * labelled examples: JSON lines (`{"text","unit"}`), CSV or XLSX, told apart by content and
 * extension. It reads on past a bad line so that one pass reports every problem.
 */
export async function readCityHistory(bytes: Buffer, fileName: string, options: ReadCityHistoryOptions): Promise<CityHistory> {
  const units = createUnitIndex(options.unitTopics);
  const extension = extname(fileName).toLowerCase();
  const failed = (format: CityHistoryFormat | undefined, line: number, field: string, message: string): CityHistory => ({
    format,
    encoding: undefined,
    examples: [],
    errors: [{ line, field, message }],
  });

  if (bytes.length === 0) return failed(undefined, 1, FILE, 'the file is empty');
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) {
    return failed(undefined, 1, FILE, 'an old binary Excel workbook (.xls): save it as .xlsx or CSV');
  }
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    const table = await xlsxRows(bytes);
    return { format: 'xlsx', encoding: undefined, ...readTable(table.rows, table.failure, units, options.columns) };
  }
  if (extension === '.xlsx' || extension === '.xls') return failed('xlsx', 1, FILE, 'not an XLSX workbook (no ZIP signature)');

  const decoded = decodeText(bytes);
  if (!decoded.ok) return failed(undefined, decoded.line, 'encoding', decoded.message);
  if (decoded.text.trim() === '') return failed(undefined, 1, FILE, 'the file holds no appeals');
  const jsonLines = extension === '.jsonl' || extension === '.ndjson' || decoded.text.trimStart().startsWith('{');
  if (jsonLines) return { format: 'jsonl', encoding: decoded.encoding, ...readJsonLines(decoded.text, units, options.columns) };
  const table = csvRows(decoded.text);
  return { format: 'csv', encoding: decoded.encoding, ...readTable(table.rows, table.failure, units, options.columns) };
}

type Labelled = Pick<CityHistory, 'examples' | 'errors'>;

function readJsonLines(text: string, units: UnitIndex, columns: ReadCityHistoryOptions['columns']): Labelled {
  const result: Labelled = { examples: [], errors: [] };
  const textKey = columns?.text ?? 'text';
  const unitKey = columns?.unit ?? 'unit';
  text.split('\n').forEach((source, index) => {
    const line = index + 1;
    if (source.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(source);
    } catch (error) {
      result.errors.push({ line, field: FILE, message: `not JSON: ${error instanceof Error ? error.message : String(error)}` });
      return;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      result.errors.push({ line, field: FILE, message: `not a JSON object with "${textKey}" and "${unitKey}"` });
      return;
    }
    const record = value as Record<string, unknown>;
    const appealText = jsonString(record, textKey, line, result);
    // A unit code may be a number in a city's own system; a text must be text.
    const unit = jsonString(record, unitKey, line, result, { numbers: true });
    if (appealText !== undefined && unit !== undefined) label(appealText, unit, line, { text: textKey, unit: unitKey }, units, result);
  });
  return result;
}

function jsonString(
  record: Record<string, unknown>,
  key: string,
  line: number,
  result: Labelled,
  accept: { numbers: boolean } = { numbers: false },
): string | undefined {
  const value = record[key];
  if (typeof value === 'string') return value;
  if (accept.numbers && typeof value === 'number' && Number.isFinite(value)) return String(value);
  result.errors.push({ line, field: key, message: value === undefined ? `no "${key}"` : `"${key}" is not a string` });
  return undefined;
}

function readTable(
  rows: readonly TableRow[],
  failure: { line: number; message: string } | undefined,
  units: UnitIndex,
  columns: ReadCityHistoryOptions['columns'],
): Labelled {
  const result: Labelled = { examples: [], errors: [] };
  const filled = rows.filter((row) => row.cells.some((cell) => cell.trim() !== ''));
  const header = findHeader(filled.slice(0, HEADER_SEARCH_ROWS), columns);
  if (header.kind === 'missing') {
    result.errors.push(...header.errors);
  } else {
    const body = filled.slice(header.index + 1);
    for (const row of body) {
      const text = row.cells[header.text.index] ?? '';
      const unit = row.cells[header.unit.index] ?? '';
      label(text, unit, row.line, { text: header.text.name, unit: header.unit.name }, units, result);
    }
    if (body.length === 0 && failure === undefined) {
      result.errors.push({ line: header.line, field: FILE, message: 'a header row and no appeals under it' });
    }
  }
  if (failure) result.errors.push({ line: failure.line, field: FILE, message: failure.message });
  return result;
}

type Column = { index: number; name: string };
type Header =
  | { kind: 'found'; index: number; line: number; text: Column; unit: Column }
  | { kind: 'missing'; errors: CityHistoryError[] };

/**
 * The first row naming both a text and a unit column. If none does, the errors are those of the
 * row that comes closest (the first row on a tie), naming what was expected and what it holds.
 */
function findHeader(rows: readonly TableRow[], columns: ReadCityHistoryOptions['columns']): Header {
  const expected = {
    text: columns?.text === undefined ? TEXT_HEADERS : [columns.text],
    unit: columns?.unit === undefined ? UNIT_HEADERS : [columns.unit],
  };
  let closest: { row: TableRow; text?: Column; unit?: Column } | undefined;
  for (const [index, row] of rows.entries()) {
    const text = findColumn(row.cells, expected.text);
    const unit = findColumn(row.cells, expected.unit);
    if (text && unit) return { kind: 'found', index, line: row.line, text, unit };
    const found = (text ? 1 : 0) + (unit ? 1 : 0);
    const closestFound = closest ? (closest.text ? 1 : 0) + (closest.unit ? 1 : 0) : -1;
    if (found > closestFound) closest = { row, ...(text && { text }), ...(unit && { unit }) };
  }
  if (!closest) return { kind: 'missing', errors: [{ line: 1, field: FILE, message: 'the file holds no appeals' }] };
  const has = closest.row.cells.filter((cell) => cell.trim() !== '').map((cell) => `"${cell.trim()}"`).join(', ');
  const errors: CityHistoryError[] = [];
  for (const role of ['text', 'unit'] as const) {
    if (closest[role]) continue;
    const what = role === 'text' ? 'the appeal text' : 'the unit that answered';
    errors.push({
      line: closest.row.line,
      field: role,
      message: `no column for ${what}: expected a header ${expected[role].length > 1 ? 'among ' : ''}${expected[role].map((name) => `"${name}"`).join(', ')}; the row has ${has}`,
    });
  }
  return { kind: 'missing', errors };
}

function findColumn(cells: readonly string[], names: readonly string[]): Column | undefined {
  const normalised = cells.map(normaliseHeader);
  for (const name of names) {
    const index = normalised.indexOf(normaliseHeader(name));
    const cell = cells[index];
    if (index >= 0 && cell !== undefined) return { index, name: cell.trim() };
  }
  return undefined;
}

const normaliseHeader = (header: string): string => normaliseName(header).replace(/[\s:*]+$/, '');

/** Labels one appeal, or records why it cannot be labelled. */
function label(text: string, unit: string, line: number, fields: { text: string; unit: string }, units: UnitIndex, result: Labelled): void {
  const appealText = text.trim();
  const unitName = unit.trim();
  if (appealText === '') result.errors.push({ line, field: fields.text, message: 'the appeal text is empty' });
  if (unitName === '') {
    result.errors.push({ line, field: fields.unit, message: 'the unit is empty' });
    return;
  }
  const found = units.lookup(unitName);
  if (found.kind === 'unknown') {
    const closest = found.closest.length === 0 ? 'no unit of it is close' : `closest: ${found.closest.map((name) => `"${name}"`).join(', ')}`;
    result.errors.push({ line, field: fields.unit, message: `unknown unit "${unitName}": not in the routing table (${closest})` });
  } else if (found.kind === 'ambiguous') {
    result.errors.push({ line, field: fields.unit, message: `unit "${unitName}" stands for several topics in the routing table (${found.topics.join(', ')}), so its appeals label none of them` });
  } else if (found.kind === 'unrouted') {
    result.errors.push({ line, field: fields.unit, message: `unit "${unitName}" has no row in the routing table, so its appeals label no topic` });
  } else if (appealText !== '') {
    result.examples.push({ text: appealText, topic: found.topic, line });
  }
}

/** The errors for a terminal, one a line, at most `limit` of them and then how many more there are. */
export function formatCityHistoryErrors(errors: readonly CityHistoryError[], options: { fileName?: string; limit?: number } = {}): string {
  const limit = options.limit ?? 20;
  const where = (line: number): string => (options.fileName === undefined ? `line ${line}` : `${options.fileName}:${line}`);
  const shown = errors.slice(0, limit).map((error) => `${where(error.line)}: ${error.field}: ${error.message}`);
  if (errors.length > limit) shown.push(`and ${errors.length - limit} more`);
  return shown.join('\n');
}
