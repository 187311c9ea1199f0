/**
 * Buyer reviews (feedbacks-api): the `WB Отзывы` sheet holds every review WB lists,
 * once, with its answer as it is now; texts stay text; a key without «Вопросы и отзывы»
 * costs no request; a Base key never gets a 429.
 */
import { loadBundle } from '../bundle/harness';
import { connect, dataRequests, sheetTable } from './helpers';

const SHEET = 'WB Отзывы';
const PATH = '/api/v1/feedbacks';
const HOUR = 3600000;
const DAY = 24 * HOUR;

type H = ReturnType<typeof loadBundle>;

function records(h: H): Record<string, any>[] {
  const t = sheetTable(h, SHEET);
  return t.rows.map((r) => Object.fromEntries(t.header.map((k, i) => [k, r[i]])));
}

/** The sheet agrees with WB: every review WB lists is there once, with WB's stars, texts and answer. */
function expectMatchesWb(h: H, everListed: Set<string>): void {
  const rows = records(h);
  const ids = rows.map((r) => String(r['ID отзыва']));
  expect(new Set(ids).size).toBe(ids.length);
  const truth = h.wb.reviews();
  const listed = truth.filter((r) => r.listed);
  listed.forEach((r) => everListed.add(String(r.id)));
  // Every review ever listed is in the sheet; nothing else is.
  expect(new Set(ids)).toEqual(everListed);
  const byId = new Map(rows.map((r) => [String(r['ID отзыва']), r]));
  for (const r of listed) {
    const row = byId.get(String(r.id))!;
    expect(row['Оценка']).toBe(r.productValuation);
    expect(row['Текст']).toBe(r.text);
    expect(row['Достоинства']).toBe(r.pros);
    expect(row['Недостатки']).toBe(r.cons);
    expect(row['Артикул WB']).toBe((r.productDetails as any).nmId);
    expect(row['Артикул продавца']).toBe((r.productDetails as any).supplierArticle);
    expect(row['Есть ответ']).toBe(r.answered);
    expect(row['Ответ продавца']).toBe(r.answered ? (r.answer as any).text : '');
    expect(row['Товар возвращён']).toBe(r.orderStatus === 'returned');
    expect(row['Фото']).toBe((r.photoLinks as unknown[]).length);
  }
}

describe('WB Отзывы', () => {
  it('loads every review WB lists, then keeps up with new reviews and answers arriving, never doubling one', () => {
    const h = loadBundle({ emulator: { seed: 21, articles: 5, ordersPerDay: 30 } });
    connect(h, { type: 'personal', categories: [7] });
    const everListed = new Set<string>();
    expect(h.run('syncAllNow').ok).toBe(true);
    const first = records(h);
    expect(first.length).toBeGreaterThan(100);
    expectMatchesWb(h, everListed);
    // Some reviews were unanswered and get answered later; new ones come.
    const unansweredBefore = first.filter((r) => r['Есть ответ'] === false).map((r) => String(r['ID отзыва']));
    expect(unansweredBefore.length).toBeGreaterThan(3);
    for (let i = 0; i < 8; i++) {
      h.rt.clock.advance(7 * HOUR);
      expect(h.run('syncAllNow').ok).toBe(true);
      expectMatchesWb(h, everListed);
    }
    const later = new Map(records(h).map((r) => [String(r['ID отзыва']), r]));
    const nowAnswered = unansweredBefore.filter((id) => later.get(id)!['Есть ответ'] === true);
    expect(nowAnswered.length).toBeGreaterThan(0);
    // An answer first seen by a refresh carries the time it was seen; on the first load it is unknown.
    for (const id of nowAnswered) expect(typeof later.get(id)!['Ответ замечен']).toBe('object');
    const firstAnswered = first.filter((r) => r['Есть ответ'] === true);
    for (const r of firstAnswered) expect(later.get(String(r['ID отзыва']))!['Ответ замечен']).toBe('');
    // Only the feedbacks list was asked, within the spec's maxima.
    for (const r of h.wb.requests.filter((q) => q.path === PATH)) {
      expect(Number(r.query.take)).toBeLessThanOrEqual(5000);
      expect(Number(r.query.skip)).toBeLessThanOrEqual(199990);
      expect(['true', 'false']).toContain(r.query.isAnswered);
      expect(r.status).toBe(200);
    }
  });

  it('keeps texts that start with =, + or - as plain text, never a formula', () => {
    const h = loadBundle({ emulator: { seed: 22, articles: 4, ordersPerDay: 30 } });
    connect(h, { type: 'personal', categories: [7] });
    h.run('syncAllNow');
    const sheet = h.rt.spreadsheet.getSheetByName(SHEET)!;
    const formulas = sheet.getDataRange().getFormulas();
    expect(formulas.every((row: string[]) => row.every((f) => f === ''))).toBe(true);
    const texts = records(h).map((r) => String(r['Текст']));
    expect(texts.some((t) => t.startsWith('='))).toBe(true);
    expect(texts.some((t) => t.startsWith('+'))).toBe(true);
    expect(texts.some((t) => t.startsWith('-'))).toBe(true);
    expect(texts.some((t) => t.includes('\n'))).toBe(true);
    expect(texts.some((t) => /\u{1F525}/u.test(t))).toBe(true);
  });

  it('a key without «Вопросы и отзывы» sends no review request and says which category to add', () => {
    const h = loadBundle({ emulator: { seed: 23, articles: 3, ordersPerDay: 12 } });
    connect(h, { type: 'personal', categories: [5] });
    const res = h.run('syncAllNow');
    expect(dataRequests(h).some((r) => r.path === PATH)).toBe(false);
    expect(h.wb.requests.some((r) => r.host.startsWith('feedbacks-api'))).toBe(false);
    expect(String(res.message)).toContain('WB Отзывы');
    expect(String(res.message)).toContain('«Вопросы и отзывы»');
    expect(h.rt.spreadsheet.getSheetByName(SHEET)).toBeNull();
    // The report x key matrix says the same, and the run log carries it.
    const row = h.run('getSidebarState').matrix.find((r: any) => r.id === 'reviews');
    expect(row.ok).toBe(false);
    expect(row.note).toBe('нужна категория «Вопросы и отзывы»');
    const log = sheetTable(h, 'WB Журнал').rows.map((r) => r.join(' ')).join('\n');
    expect(log).toContain('«Вопросы и отзывы»');
  });

  it('the matrix shows when a Base key may next read reviews (WB allows 5 an hour)', () => {
    const h = loadBundle({ emulator: { seed: 27, articles: 3, ordersPerDay: 12 } });
    connect(h, { type: 'base', categories: [7] });
    h.run('syncAllNow');
    const row = h.run('getSidebarState').matrix.find((r: any) => r.id === 'reviews');
    expect(row.ok).toBe(true);
    expect(row.next).toMatch(/не раньше \d\d\.\d\d\.\d{4} \d\d:\d\d МСК \(лимит WB для ключа «Базовый»: 1 запрос в 12 мин\)/);
  });

  it('a Base key (5 an hour) gets every review over hourly refreshes and never a 429', () => {
    const h = loadBundle({ emulator: { seed: 24, articles: 4, ordersPerDay: 25 } });
    connect(h, { type: 'base', categories: [7] });
    for (let i = 0; i < 6; i++) {
      if (i) h.rt.clock.advance(HOUR);
      h.run('syncAllNow');
    }
    // A round takes two hourly refreshes (one request each): everything older than that is in.
    const ids = records(h).map((r) => String(r['ID отзыва']));
    expect(new Set(ids).size).toBe(ids.length);
    const truth = h.wb.reviews().filter((r) => r.listed);
    const wbIds = new Set(h.wb.reviews().map((r) => String(r.id)));
    expect(ids.every((id) => wbIds.has(id))).toBe(true);
    const settled = truth.filter((r) => Date.parse(String(r.createdDate)) < h.rt.clock.now() - 3 * HOUR);
    expect(settled.length).toBeGreaterThan(50);
    for (const r of settled) expect(ids).toContain(String(r.id));
    const calls = h.wb.requests.filter((q) => q.path === PATH);
    expect(calls.every((c) => c.status === 200)).toBe(true);
    for (let i = 1; i < calls.length; i++) expect(calls[i].at - calls[i - 1].at).toBeGreaterThanOrEqual(12 * 60000);
  });

  it('a deleted sheet is loaded again in full', () => {
    const h = loadBundle({ emulator: { seed: 25, articles: 3, ordersPerDay: 20 } });
    connect(h, { type: 'personal', categories: [7] });
    h.run('syncAllNow');
    const n = records(h).length;
    h.rt.spreadsheet.deleteSheet(h.rt.spreadsheet.getSheetByName(SHEET)!);
    h.rt.clock.advance(DAY / 24);
    h.run('syncAllNow');
    expect(records(h).length).toBeGreaterThanOrEqual(n);
    expectMatchesWb(h, new Set());
  });
});

describe('WB Отзывы, more reviews than one page', () => {
  it('pages through 5000-review pages oldest first, each page starting where the last ended, and gets every review once', () => {
    const h = loadBundle({ emulator: { seed: 26, articles: 20, ordersPerDay: 330 } });
    connect(h, { type: 'personal', categories: [7] });
    expect(h.run('syncAllNow').ok).toBe(true);
    const calls = h.wb.requests.filter((q) => q.path === PATH);
    const answered = calls.filter((c) => c.query.isAnswered === 'true');
    expect(answered.length).toBeGreaterThan(1);
    // Keyset paging: each later page starts at a second the previous page reached.
    for (let i = 1; i < answered.length; i++) expect(Number(answered[i].query.dateFrom)).toBeGreaterThan(Number(answered[i - 1].query.dateFrom || 0));
    expectMatchesWb(h, new Set());
    h.rt.clock.advance(6 * HOUR);
    expect(h.run('syncAllNow').ok).toBe(true);
    const ids = records(h).map((r) => String(r['ID отзыва']));
    expect(new Set(ids).size).toBe(ids.length);
  }, 60000);
});
