import type { RoutingTopic } from '@priemnaya/contracts';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { formatCityHistoryErrors, readCityHistory } from './read-city-history.js';

/** A small city: unit names and codes of its routing table, each to a routing topic. */
const unitTopics = new Map<string, RoutingTopic>([
  ['Управление ЖКХ', 'housing'],
  ['zhkh', 'housing'],
  ['Управление дорожного хозяйства', 'roads'],
  ['МКУ «Городской транспорт»', 'transport'],
  ['Управление образования', 'education'],
]);

const utf8 = (text: string): Buffer => Buffer.from(text, 'utf8');
const labels = (history: { examples: { text: string; topic: string; line: number }[] }): [number, string, string][] =>
  history.examples.map((example) => [example.line, example.topic, example.text]);

async function workbookBytes(fill: (sheet: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  fill(workbook.addWorksheet('Обращения'));
  workbook.addWorksheet('Справочник').addRow(['text', 'unit']);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe('readCityHistory', () => {
  describe('formats', () => {
    it('when a UTF-8 CSV has a comma-separated header, labels each row with its unit\'s topic and line', async () => {
      const csv = 'text,unit\nЯма на дороге у школы,Управление дорожного хозяйства\nНет отопления в доме,zhkh\n';
      const history = await readCityHistory(utf8(csv), 'export.csv', { unitTopics });
      expect(history).toMatchObject({ format: 'csv', encoding: 'utf-8', errors: [] });
      expect(labels(history)).toEqual([
        [2, 'roads', 'Яма на дороге у школы'],
        [3, 'housing', 'Нет отопления в доме'],
      ]);
    });

    it('when a CSV starts with a UTF-8 byte order mark, the first header is still recognised', async () => {
      const csv = '\uFEFFТекст,Исполнитель\r\nАвтобус не пришёл,МКУ «Городской транспорт»\r\n';
      const history = await readCityHistory(utf8(csv), 'export.csv', { unitTopics });
      expect(history.errors).toEqual([]);
      expect(labels(history)).toEqual([[2, 'transport', 'Автобус не пришёл']]);
    });

    it('when a CSV is in Windows-1251, decodes it and reports that encoding', async () => {
      const csv = 'Текст обращения;Подразделение\nНе вывозят мусор со двора;Управление ЖКХ\nОчередь в детский сад;Управление образования\n';
      const history = await readCityHistory(iconv.encode(csv, 'win1251'), 'export.csv', { unitTopics });
      expect(history).toMatchObject({ format: 'csv', encoding: 'windows-1251', errors: [] });
      expect(labels(history)).toEqual([
        [2, 'housing', 'Не вывозят мусор со двора'],
        [3, 'education', 'Очередь в детский сад'],
      ]);
    });

    it('when a CSV is separated by semicolons, splits on them and keeps the commas of a text', async () => {
      const csv = 'Суть обращения;Ответственный\nЯма, лужа и грязь у остановки;Управление дорожного хозяйства\n';
      const history = await readCityHistory(utf8(csv), 'export.csv', { unitTopics });
      expect(history.errors).toEqual([]);
      expect(labels(history)).toEqual([[2, 'roads', 'Яма, лужа и грязь у остановки']]);
    });

    it('when a quoted text spans lines, keeps its line breaks and numbers the row by the line it starts on', async () => {
      const csv = 'text,unit\n"Во дворе темно.\nФонарь не горит, ""давно"".",zhkh\n\nСломана скамейка,zhkh\n';
      const history = await readCityHistory(utf8(csv), 'export.csv', { unitTopics });
      expect(history.errors).toEqual([]);
      expect(labels(history)).toEqual([
        [2, 'housing', 'Во дворе темно.\nФонарь не горит, "давно".'],
        [5, 'housing', 'Сломана скамейка'],
      ]);
    });

    it('when a CSV is in UTF-16 LE with a byte order mark, decodes it', async () => {
      const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode('text\tunit\nЯма во дворе\tzhkh\n', 'utf-16le')]);
      const history = await readCityHistory(bytes, 'export.txt', { unitTopics });
      expect(history).toMatchObject({ format: 'csv', encoding: 'utf-16le', errors: [] });
      expect(labels(history)).toEqual([[2, 'housing', 'Яма во дворе']]);
    });

    it('when an XLSX workbook has a title above the header, reads its first worksheet with row numbers as Excel shows', async () => {
      const bytes = await workbookBytes((sheet) => {
        sheet.addRow(['Выгрузка обращений за год']);
        sheet.addRow([]);
        sheet.addRow(['№', 'Содержание обращения', 'Ответственный исполнитель']);
        sheet.addRow([1, 'Не ходит автобус по вечерам', 'МКУ «Городской транспорт»']);
        sheet.addRow([2, null, 'Управление ЖКХ']);
        sheet.getCell('B5').value = { richText: [{ text: 'Не горит ' }, { font: { bold: true }, text: 'фонарь' }] };
      });
      const history = await readCityHistory(bytes, 'Выгрузка.xlsx', { unitTopics });
      expect(history).toMatchObject({ format: 'xlsx', encoding: undefined, errors: [] });
      expect(labels(history)).toEqual([
        [4, 'transport', 'Не ходит автобус по вечерам'],
        [5, 'housing', 'Не горит фонарь'],
      ]);
    });

    it('when JSON lines carry routing topic codes as the training corpus does, labels them with those topics', async () => {
      const jsonl = [
        JSON.stringify({ id: 'a-1', text: 'Яма на дороге', topic: 'Дороги', executor: 'Администрация района', unit: 'roads' }),
        '',
        JSON.stringify({ text: 'Нет света в подъезде', unit: 'housing' }),
      ].join('\n');
      const history = await readCityHistory(utf8(jsonl), 'appeals.jsonl', { unitTopics: new Map() });
      expect(history).toMatchObject({ format: 'jsonl', encoding: 'utf-8', errors: [] });
      expect(labels(history)).toEqual([
        [1, 'roads', 'Яма на дороге'],
        [3, 'housing', 'Нет света в подъезде'],
      ]);
    });

    it('when JSON lines carry the city\'s unit names, maps them through the routing table', async () => {
      const jsonl = `${JSON.stringify({ text: 'Не убран снег во дворе', unit: 'Управление ЖКХ' })}\n`;
      const history = await readCityHistory(utf8(jsonl), 'history.json', { unitTopics });
      expect(history.errors).toEqual([]);
      expect(labels(history)).toEqual([[1, 'housing', 'Не убран снег во дворе']]);
    });
  });

  describe('names and columns', () => {
    it('when unit names differ in case, ё, quotes and spaces, still matches them', async () => {
      const csv = 'text;unit\nАвтобус опаздывает;мку  "городской   транспорт"\nЗамёрзла труба;УПРАВЛЕНИЕ жкх\n';
      const withYo = new Map<string, RoutingTopic>([...unitTopics, ['Отдел учёта', 'governance']]);
      const history = await readCityHistory(utf8(`${csv}Справка;отдел учета\n`), 'export.csv', { unitTopics: withYo });
      expect(history.errors).toEqual([]);
      expect(history.examples.map((example) => example.topic)).toEqual(['transport', 'housing', 'governance']);
    });

    it('when options.columns names the columns, reads those instead of the usual headers', async () => {
      const csv = 'Вопрос заявителя,Куда направлено,text\nЯма у дома,Управление дорожного хозяйства,не то поле\n';
      const columns = { text: 'вопрос заявителя', unit: 'КУДА НАПРАВЛЕНО' };
      const history = await readCityHistory(utf8(csv), 'export.csv', { unitTopics, columns });
      expect(history.errors).toEqual([]);
      expect(labels(history)).toEqual([[2, 'roads', 'Яма у дома']]);
    });
  });

  describe('errors', () => {
    it('when the unit column is missing, fails on line 1 naming the column expected and the headers found', async () => {
      const csv = 'Текст,Дата\nЯма у дома,01.02.2024\n';
      const history = await readCityHistory(utf8(csv), 'export.csv', { unitTopics });
      expect(history.examples).toEqual([]);
      expect(history.errors).toHaveLength(1);
      expect(history.errors[0]).toMatchObject({ line: 1, field: 'unit' });
      expect(history.errors[0]?.message).toContain('"исполнитель"');
      expect(history.errors[0]?.message).toContain('the row has "Текст", "Дата"');
    });

    it('when a text is empty, names its line and the text column as the file spells it', async () => {
      const csv = 'Текст обращения,Исполнитель\nЯма у дома,zhkh\n  ,zhkh\n';
      const history = await readCityHistory(utf8(csv), 'export.csv', { unitTopics });
      expect(history.errors).toEqual([{ line: 3, field: 'Текст обращения', message: 'the appeal text is empty' }]);
      expect(history.examples).toHaveLength(1);
    });

    it('when a unit is not in the routing table, names the line, the unit and the closest known units', async () => {
      const csv = 'text,unit\nЯма у дома,Управление дорожного хозяйств\nСправка о доходах,Налоговая инспекция\n';
      const history = await readCityHistory(utf8(csv), 'export.csv', { unitTopics });
      expect(history.examples).toEqual([]);
      expect(history.errors).toEqual([
        {
          line: 2,
          field: 'unit',
          message: 'unknown unit "Управление дорожного хозяйств": not in the routing table (closest: "Управление дорожного хозяйства")',
        },
        { line: 3, field: 'unit', message: 'unknown unit "Налоговая инспекция": not in the routing table (no unit of it is close)' },
      ]);
    });

    it('when a unit is empty, names the line and the unit column', async () => {
      const history = await readCityHistory(utf8('text,unit\nЯма у дома,\n'), 'export.csv', { unitTopics });
      expect(history.errors).toEqual([{ line: 2, field: 'unit', message: 'the unit is empty' }]);
    });

    it('when two units of the table spell alike but have different topics, reports the unit as ambiguous', async () => {
      const clashing = new Map<string, RoutingTopic>([['Отдел «Развитие»', 'trade'], ['отдел развитие', 'culture_sport']]);
      const history = await readCityHistory(utf8('text,unit\nЯрмарка,Отдел Развитие\n'), 'export.csv', { unitTopics: clashing });
      expect(history.examples).toEqual([]);
      expect(history.errors[0]).toMatchObject({ line: 2, field: 'unit' });
      expect(history.errors[0]?.message).toContain('trade, culture_sport');
    });

    it('when a unit of the table serves several topics or none, refuses its lines saying so rather than calling it unknown', async () => {
      const table = new Map<string, RoutingTopic | RoutingTopic[]>([
        ['Администрация района', ['roads', 'housing']],
        ['Архив', []],
        ['zhkh', 'housing'],
      ]);
      const csv = 'text,unit\nЯма у дома,Администрация района\nСправка,архив\nНет воды,zhkh\n';
      const history = await readCityHistory(utf8(csv), 'export.csv', { unitTopics: table });
      expect(labels(history)).toEqual([[4, 'housing', 'Нет воды']]);
      expect(history.errors).toEqual([
        { line: 2, field: 'unit', message: 'unit "Администрация района" stands for several topics in the routing table (roads, housing), so its appeals label none of them' },
        { line: 3, field: 'unit', message: 'unit "архив" has no row in the routing table, so its appeals label no topic' },
      ]);
    });

    it('when the bytes are neither UTF-8 nor Russian in Windows-1251, fails with an encoding error on the bad line', async () => {
      const bytes = iconv.encode('text,unit\nbroken heating,zhkh\ncafé terrace,zhkh\n', 'latin1');
      const history = await readCityHistory(bytes, 'export.csv', { unitTopics });
      expect(history.examples).toEqual([]);
      expect(history.errors).toHaveLength(1);
      expect(history.errors[0]).toMatchObject({ line: 3, field: 'encoding' });
    });

    it('when a Russian export is in KOI8-R, fails with an encoding error instead of reading it as Windows-1251', async () => {
      const bytes = iconv.encode('Текст,Исполнитель\nНе вывозят мусор со двора,zhkh\n', 'koi8-r');
      const history = await readCityHistory(bytes, 'export.csv', { unitTopics });
      expect(history.examples).toEqual([]);
      expect(history.errors.map((error) => error.field)).toEqual(['encoding']);
    });

    it('when a quote is never closed, keeps the errors of the rows before and names the line its row starts on', async () => {
      const csv = 'text,unit\nЯма у дома,Отдел связи\n"Нет света,zhkh\nЕщё строка,zhkh\n';
      const history = await readCityHistory(utf8(csv), 'export.csv', { unitTopics });
      expect(history.errors.map((error) => [error.line, error.field])).toEqual([
        [2, 'unit'],
        [3, 'file'],
      ]);
      expect(history.errors[1]?.message).toContain('never closed');
    });

    it('when a JSON line is not JSON or lacks a key, names each such line and key', async () => {
      const jsonl = [
        JSON.stringify({ text: 'Яма у дома', unit: 'roads' }),
        '{"text": "Яма", "unit": ',
        JSON.stringify({ text: 'Нет света' }),
        JSON.stringify({ text: 42, unit: 'housing' }),
      ].join('\n');
      const history = await readCityHistory(utf8(jsonl), 'appeals.jsonl', { unitTopics });
      expect(history.examples).toHaveLength(1);
      expect(history.errors.map((error) => [error.line, error.field])).toEqual([
        [2, 'file'],
        [3, 'unit'],
        [4, 'text'],
      ]);
    });

    it('when a file has a header and no appeals, fails rather than import nothing quietly', async () => {
      const history = await readCityHistory(utf8('text,unit\n\n'), 'export.csv', { unitTopics });
      expect(history.errors).toEqual([{ line: 1, field: 'file', message: 'a header row and no appeals under it' }]);
    });

    it('when the file is empty, fails on line 1', async () => {
      const history = await readCityHistory(Buffer.alloc(0), 'export.csv', { unitTopics });
      expect(history.errors).toEqual([{ line: 1, field: 'file', message: 'the file is empty' }]);
    });

    it('when a file named .xlsx is not a workbook, fails naming the file as unreadable', async () => {
      const history = await readCityHistory(utf8('text,unit\n'), 'export.xlsx', { unitTopics });
      expect(history.errors).toEqual([{ line: 1, field: 'file', message: 'not an XLSX workbook (no ZIP signature)' }]);
    });

    it('when the file is an old binary .xls, fails asking for .xlsx or CSV', async () => {
      const history = await readCityHistory(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), 'export.xls', { unitTopics });
      expect(history.errors[0]?.message).toContain('.xlsx or CSV');
    });

    it('when an XLSX workbook lacks the text column, names its header row', async () => {
      const bytes = await workbookBytes((sheet) => {
        sheet.addRow(['Номер', 'Исполнитель']);
        sheet.addRow([1, 'zhkh']);
      });
      const history = await readCityHistory(bytes, 'export.xlsx', { unitTopics });
      expect(history.errors).toHaveLength(1);
      expect(history.errors[0]).toMatchObject({ line: 1, field: 'text' });
    });
  });
});

describe('formatCityHistoryErrors', () => {
  const errors = [1, 2, 3, 4, 5].map((line) => ({ line, field: 'unit', message: 'the unit is empty' }));

  it('when there are more errors than the limit, shows the limit and then how many more', () => {
    expect(formatCityHistoryErrors(errors, { fileName: 'export.csv', limit: 2 })).toBe(
      ['export.csv:1: unit: the unit is empty', 'export.csv:2: unit: the unit is empty', 'and 3 more'].join('\n'),
    );
  });

  it('when no file name is given, names lines alone', () => {
    expect(formatCityHistoryErrors(errors.slice(0, 1))).toBe('line 1: unit: the unit is empty');
  });
});
