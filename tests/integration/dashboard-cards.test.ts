/**
 * The card side of the dashboard: the overview's card block and the `WB Карточки`
 * sheet, every number checked against a direct computation over the raw sheets
 * (`WB Отзывы`, `WB Воронка`, `WB Поиск`; independent code, by header names).
 */
import { loadBundle } from '../bundle/harness';
import { connect, sheetTable } from './helpers';

const DAY = 86400000;
type H = ReturnType<typeof loadBundle>;
type Row = Record<string, any>;

function rows(h: H, name: string): Row[] {
  const t = sheetTable(h, name);
  return t.rows.map((r) => Object.fromEntries(t.header.map((k, i) => [k, r[i]])));
}
const iso = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Moscow', year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
const addDays = (d: string, n: number) => new Date(Date.parse(d + 'T00:00:00Z') + n * DAY).toISOString().slice(0, 10);
const r2 = (v: number) => Math.round(v * 100) / 100;
const r1 = (v: number) => Math.round(v * 10) / 10;

describe('dashboard: cards', () => {
  const h = loadBundle({ emulator: { seed: 101, articles: 8, ordersPerDay: 50 } });
  const period = { from: '', to: '', prevFrom: '', prevTo: '' };

  beforeAll(() => {
    connect(h, { categories: [5, 2, 7] });
    for (let i = 0; i < 4; i++) {
      h.run('syncAllNow');
      h.rt.clock.advance(DAY);
    }
    h.run('syncAllNow');
    expect(h.call('buildDashboardNow').ok).toBe(true);
    const today = iso(new Date(h.rt.clock.now()));
    period.to = addDays(today, -1);
    period.from = addDays(period.to, -29);
    period.prevTo = addDays(period.from, -1);
    period.prevFrom = addDays(period.prevTo, -29);
  });

  const inP = (d: unknown, from: string, to: string) => d instanceof Date && iso(d) >= from && iso(d) <= to;

  it('overview: rating, reviews, unanswered, position, visibility and the funnel equal the raw sheets', () => {
    const v = h.rt.spreadsheet.getSheetByName('WB Сводка')!.getRange(6, 6, 12, 4).getValues();
    expect(v.map((r) => r[0])).toEqual(['Рейтинг новых отзывов', 'Новые отзывы', 'Без ответа сейчас', 'Средняя позиция в поиске', 'Видимость в поиске, %', 'Переходы в карточку', 'Положили в корзину', 'Заказали (воронка)', 'Выкупили (воронка)', 'Конверсия в корзину, %', 'Конверсия в заказ, %', 'Выкуп из заказов, %']);
    const reviews = rows(h, 'WB Отзывы');
    const stars = (from: string, to: string) => reviews.filter((r) => inP(r['Дата'], from, to)).map((r) => r['Оценка']);
    const cur = stars(period.from, period.to);
    const prev = stars(period.prevFrom, period.prevTo);
    expect(cur.length).toBeGreaterThan(20);
    expect(v[0][1]).toBe(r2(cur.reduce((a, b) => a + b, 0) / cur.length));
    expect(v[0][2]).toBe(r2(prev.reduce((a, b) => a + b, 0) / prev.length));
    expect([v[1][1], v[1][2]]).toEqual([cur.length, prev.length]);
    expect(v[2][1]).toBe(reviews.filter((r) => r['Есть ответ'] === false).length);
    const search = rows(h, 'WB Поиск').filter((r) => inP(r['Дата'], period.from, period.to));
    expect(search.length).toBeGreaterThan(0);
    expect(v[3][1]).toBe(r1(search.reduce((a, r) => a + r['Средняя позиция в поиске'], 0) / search.length));
    expect(v[4][1]).toBe(r1(search.reduce((a, r) => a + r['Видимость, %'], 0) / search.length));
    const funnel = rows(h, 'WB Воронка').filter((r) => inP(r['Дата'], period.from, period.to));
    const sum = (k: string) => funnel.reduce((a, r) => a + r[k], 0);
    expect([v[5][1], v[6][1], v[7][1], v[8][1]]).toEqual([sum('Переходы в карточку'), sum('Положили в корзину, шт'), sum('Заказали, шт'), sum('Выкупили, шт')]);
    expect(v[9][1]).toBe(r1((sum('Положили в корзину, шт') / sum('Переходы в карточку')) * 100));
    expect(v[10][1]).toBe(r1((sum('Заказали, шт') / sum('Положили в корзину, шт')) * 100));
    expect(v[11][1]).toBe(r1((sum('Выкупили, шт') / sum('Заказали, шт')) * 100));
    const titles = h.rt.charts('WB Сводка').map((c: any) => c.title);
    for (const t of ['Рейтинг отзывов по дням', 'Позиция и видимость в поиске', 'Воронка: переходы → корзина → заказы → выкупы']) expect(titles).toContain(t);
  });

  it('WB Карточки: one row per article, its card numbers equal the raw sheets, colours on what needs attention', () => {
    // The sheet's header is on row 5.
    const t = sheetTable(h, 'WB Карточки');
    const head = t.rows[3].map(String);
    const lines = t.rows.slice(4).filter((r) => typeof r[1] === 'number').map((r) => Object.fromEntries(head.map((k, i) => [k, r[i]])));
    expect(lines.length).toBe(8);
    const reviews = rows(h, 'WB Отзывы');
    const funnel = rows(h, 'WB Воронка');
    const search = rows(h, 'WB Поиск');
    for (const l of lines) {
      const nm = l['Артикул WB'];
      const mine = reviews.filter((r) => r['Артикул WB'] === nm);
      const upTo = mine.filter((r) => iso(r['Дата']) <= period.to).map((r) => r['Оценка']);
      const before = mine.filter((r) => iso(r['Дата']) <= period.prevTo).map((r) => r['Оценка']);
      const avg = (a: number[]) => r2(a.reduce((x, y) => x + y, 0) / a.length);
      expect(l['Рейтинг']).toBe(upTo.length ? avg(upTo) : '');
      expect(l['Изменение рейтинга']).toBe(upTo.length && before.length ? Math.round((avg(upTo) - avg(before)) * 100) / 100 : '');
      expect(l['Новые отзывы']).toBe(mine.filter((r) => inP(r['Дата'], period.from, period.to)).length);
      expect(l['Без ответа']).toBe(mine.filter((r) => r['Есть ответ'] === false).length);
      expect(l['Переходы в карточку']).toBe(funnel.filter((r) => r['Артикул WB'] === nm && inP(r['Дата'], period.from, period.to)).reduce((a, r) => a + r['Переходы в карточку'], 0));
      const pos = search.filter((r) => r['Артикул WB'] === nm && inP(r['Дата'], period.from, period.to)).map((r) => r['Средняя позиция в поиске']);
      expect(l['Позиция в поиске']).toBe(pos.length ? r1(pos.reduce((a, b) => a + b, 0) / pos.length) : '');
    }
    const rules = h.rt.conditionalRules('WB Карточки');
    expect(rules.length).toBe(4);
    expect(lines.some((l) => l['Без ответа'] > 0)).toBe(true);
  });
});
