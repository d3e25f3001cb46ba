import { describe, expect, it } from 'vitest';
import { tokeniseAppeal } from './tokenise-appeal.js';

const words = (text: string): string[] => tokeniseAppeal(text).filter((t) => !t.proper).map((t) => t.word);
const names = (text: string): string[] => tokeniseAppeal(text).filter((t) => t.proper).map((t) => t.word);

describe('tokeniseAppeal', () => {
  it('lower-cases words and drops digits', () => {
    expect(words('Прошу починить 3 ФОНАРЯ')).toEqual(['прошу', 'починить', 'фонаря']);
  });

  it('when a street, avenue, house or village is named, drops the name', () => {
    const text = 'Яма у д. 12 на ул. Садовой, на проспекте Мира и в с. Озерки, пер. Тихий, улица звездная';
    expect(words(text)).toEqual(['яма', 'на', 'на']);
    expect(names(text)).toEqual([]);
  });

  it('when a district or region is named by an adjective, drops the adjective', () => {
    expect(words('В заречном районе нет автобуса')).toEqual(['районе', 'нет', 'автобуса']);
    expect(words('В нашем районе нет автобуса')).toEqual(['нашем', 'районе', 'нет', 'автобуса']);
    expect(tokeniseAppeal('Жители Заречного района').map((t) => t.word)).toEqual(['жители', 'района']);
  });

  it('flags capitalised words in mid-sentence as names, but not at the start of a sentence', () => {
    const tokens = tokeniseAppeal('Магазин закрыт. Сосед Петров жалуется, а Иванова нет');
    expect(tokens.filter((t) => t.proper).map((t) => t.word)).toEqual(['петров', 'иванова']);
    expect(tokens[0]).toEqual({ word: 'магазин', proper: false });
  });

  it('when a capitalised adjective starts a name, flags the noun after it too', () => {
    expect(names('Запах от фабрики Северная звезда')).toEqual(['северная', 'звезда']);
  });

  it('keeps abbreviations written in capitals as ordinary words', () => {
    expect(words('Обратился в МФЦ и в ЖКХ')).toEqual(['обратился', 'мфц', 'жкх']);
  });

  it('when a line break or tag ends a sentence, the next capitalised word is not a name', () => {
    expect(names('<p>Добрый день</p><p>Прошу помочь</p>')).toEqual([]);
  });

  it('when a number ends with a dot, the sentence goes on; a word with a dot ends it', () => {
    expect(names('Яма у дома 5. Сосед Петров жалуется')).toEqual(['сосед', 'петров']);
    expect(names('Яма у дома. Сосед Петров жалуется')).toEqual(['петров']);
  });

  it('keeps hyphenated words whole and lower-cases mixed-case words', () => {
    expect(words('Кое-где нет воды, пишу в ЖилИнспекцию')).toEqual(['кое-где', 'нет', 'воды', 'пишу', 'жилинспекцию']);
  });

  it('when text has no words, gives no tokens', () => {
    expect(tokeniseAppeal('')).toEqual([]);
    expect(tokeniseAppeal('😀🔥👍 123 !!!')).toEqual([]);
    expect(tokeniseAppeal('<p>&nbsp;</p><br/>')).toEqual([]);
  });
});
