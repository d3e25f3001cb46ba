import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CityImportError, readCityFile, sampleUnitTopics } from './train-city.js';

let directory: string;
beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'train-city-'));
});
afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

const write = async (name: string, content: string): Promise<string> => {
  const path = join(directory, name);
  await writeFile(path, content);
  return path;
};

describe('./scripts/dev train FILE, the city export', () => {
  it("maps the sample city's unit names and codes to their topics", () => {
    const units = sampleUnitTopics();
    expect(units.get('Управление дорожного хозяйства')).toBe('roads');
    expect(units.get('zhkh')).toBe('housing');
  });

  it('when a line names an unknown unit or has no text, refuses the whole file, naming each line and field', async () => {
    const rows = ['текст;исполнитель', 'Яма на дороге;Управление дорожного хозяйства', ';Управление дорожного хозяйства', 'Нет воды;Отдел водопроводов'];
    const path = await write('bad.csv', rows.join('\n'));
    const refused = readCityFile(path, sampleUnitTopics());
    await expect(refused).rejects.toBeInstanceOf(CityImportError);
    await expect(refused).rejects.toThrow(/bad\.csv:3: текст: .*\n.*bad\.csv:4: исполнитель: unknown unit "Отдел водопроводов"/s);
  });

  it('when the export is valid but too small to hold a part out, says how many it needs', async () => {
    const path = await write('small.csv', ['текст,исполнитель', 'Яма на дороге,Управление дорожного хозяйства'].join('\n'));
    await expect(readCityFile(path, sampleUnitTopics())).rejects.toThrow(/holds 1 labelled appeals; at least 40/);
  });

  it('when the export is valid, gives every appeal with its topic', async () => {
    const rows = ['текст,исполнитель', ...Array.from({ length: 40 }, (_, i) => `Автобус номер ${i} не пришел,Отдел транспорта и связи`)];
    const history = await readCityFile(await write('good.csv', rows.join('\n')), sampleUnitTopics());
    expect(history.examples).toHaveLength(40);
    expect(new Set(history.examples.map((e) => e.topic))).toEqual(new Set(['transport']));
  });
});
