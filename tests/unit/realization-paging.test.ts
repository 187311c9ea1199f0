/**
 * The realization strategy's request side with an in-memory WB: paging by rrdId until
 * 204, the `fields` it asks for, page sizes from measured bytes per row, and pages
 * refused as too large (over UrlFetchApp's cap) asked again with half the rows.
 */
import { HttpRequest, HttpResponse } from '../../src/gas/types';
import { syncReports } from '../../src/sync/engine';
import { CredentialStore } from '../../src/sync/credentials';
import { ENDPOINTS } from '../../src/wb/endpoints';
import { decodeKey } from '../../src/wb/token';
import { REALIZATION, REALIZATION_ALL_FIELDS, realizationFields } from '../../src/reports/realization';
import { rereadRealization } from '../../src/sync/strategy-realization';
import { FakeClock, MemoryBook, MemoryStore, freeLock } from './memory-fakes';
import { makeJwt, wbPayload } from './jwt-helper';

const BIG = '9007199254740993';
const MB50 = 50 * 1024 * 1024;

function row(i: number, pad: number) {
  // Ids beyond 2^53 as raw JSON digits, as WB sends daily ones; `title` pads the row to a chosen size.
  return `{"rrdId":${BIG}${String(i).padStart(3, '0')},"reportId":${BIG}777,"reportType":1,"sellerOperName":"Продажа","docTypeName":"Продажа","vendorCode":"A","title":"${'ы'.repeat(pad)}","quantity":1,"forPay":"10.05","rrDate":"2026-11-20"}`;
}

interface Sent {
  dateFrom: string;
  rrdId: string;
  limit: number;
  fields: string[] | undefined;
  at: number;
  answer: number | 'too_large';
}

/** WB over UrlFetchApp: an answer over `capBytes` of UTF-8 is no answer at all (as appsScriptHttp reports it). */
function setup(total: number, opts: { pad?: number; capBytes?: number; acc?: number } = {}) {
  const sent: Sent[] = [];
  const clock = new FakeClock(Date.UTC(2026, 10, 27, 7));
  const http = {
    fetchAll(requests: HttpRequest[]): HttpResponse[] {
      return requests.map((r) => {
        // WB's report list (asked after a pass with this Personal key) has nothing here.
        if (r.url.indexOf('/sales-reports/list') >= 0) return { status: 204, headers: {}, body: '' };
        const body = JSON.parse((r.body as string).replace(/"rrdId":(\d+)/, '"rrdId":"$1"'));
        const rows: string[] = [];
        for (let i = 1; i <= total && rows.length < body.limit; i++) {
          const id = BigInt(BIG + String(i).padStart(3, '0'));
          if (body.rrdId === '0' || id > BigInt(body.rrdId)) rows.push(row(i, opts.pad ?? 10));
        }
        const text = '[' + rows.join(',') + ']';
        const tooLarge = Buffer.byteLength(text, 'utf8') > (opts.capBytes ?? MB50);
        sent.push({ dateFrom: body.dateFrom, rrdId: body.rrdId, limit: body.limit, fields: body.fields, at: clock.t, answer: tooLarge ? 'too_large' : rows.length });
        if (tooLarge) return { status: 0, failure: 'too_large' as const, headers: {}, body: '' };
        return rows.length ? { status: 200, headers: {}, body: text } : { status: 204, headers: {}, body: '' };
      });
    },
  };
  const user = new MemoryStore();
  const doc = new MemoryStore();
  const credentials = new CredentialStore(user, doc, 'doc');
  const key = makeJwt(wbPayload({ s: 1 << 13, acc: opts.acc ?? 3 }));
  credentials.save(key, decodeKey(key), 0);
  const book = new MemoryBook();
  const deps = { gateway: book, documentProps: doc, credentials, http, clock, lock: freeLock, locale: 'ru' as const };
  return { sent, deps, book, doc, clock };
}

const ids = (n: number[]) => n.map((i) => BIG + String(i).padStart(3, '0'));

describe('realization paging', () => {
  const saved = ENDPOINTS.financeDetailed.pageLimit;
  beforeAll(() => {
    ENDPOINTS.financeDetailed.pageLimit = 3;
  });
  afterAll(() => {
    ENDPOINTS.financeDetailed.pageLimit = saved;
  });

  it('pages by the last rrdId, exactly beyond 2^53, until WB answers 204, telling how far it is', () => {
    const { sent, deps, book } = setup(6);
    const progress: string[] = [];
    const res = syncReports(['realization'], { ...deps, progress: (m) => progress.push(m) });
    expect(progress).toEqual(['WB Реализация: загрузка…', 'WB Реализация: загрузка, шаг 2, строк записано 3…', 'WB Реализация: загрузка, шаг 3, строк записано 6…']);
    expect(res.ok).toBe(true);
    expect(sent.map((s) => s.rrdId)).toEqual(['0', ...ids([3, 6])]);
    const sheet = book.sheets[0].sheet;
    expect(sheet.cells.slice(1).map((r) => r[0])).toEqual(ids([1, 2, 3, 4, 5, 6]));
  });

  it('a short page is not the end: it asks again until WB answers 204 (as the spec says), and only then is the pass complete', () => {
    const { sent, deps, doc } = setup(5);
    syncReports(['realization'], deps);
    expect(sent.map((s) => [s.rrdId, s.answer])).toEqual([['0', 3], [ids([3])[0], 2], [ids([5])[0], 0]]);
    const state = JSON.parse(doc.get('wb.state.realization') as string);
    expect(state).toMatchObject({ rrdId: '0', loadedThrough: '2026-11-27' });
  });

  it('resumes from the saved rrdId when the execution budget runs out', () => {
    const { sent, deps, doc } = setup(7);
    const first = syncReports(['realization'], { ...deps, budgetMs: 30000 });
    expect(first.outcomes[0].status).toBe('partial');
    expect(JSON.parse(doc.get('wb.state.realization') as string).rrdId).toBe(ids([3])[0]);
    expect(JSON.parse(doc.get('wb.state.realization') as string).loadedThrough).toBeUndefined();
    deps.clock.t += 60000;
    syncReports(['realization'], deps);
    expect(sent.map((s) => s.rrdId)).toEqual(['0', ...ids([3, 6, 7])]);
    expect(JSON.parse(doc.get('wb.state.realization') as string)).toMatchObject({ rrdId: '0', loadedThrough: '2026-11-27' });
  });
});

describe('realization request size', () => {
  it('asks WB only for the fields the sheet keeps, or for every field the "all fields" setting shows', () => {
    const { sent, deps, doc, clock } = setup(2);
    syncReports(['realization'], deps);
    expect(sent[0].fields).toEqual(REALIZATION.columns.map((c) => c.id));
    expect(sent.every((s) => JSON.stringify(s.fields) === JSON.stringify(sent[0].fields))).toBe(true);
    doc.set('wb.settings', JSON.stringify({ realizationAllFields: true }));
    clock.t += 60000;
    const before = sent.length;
    syncReports(['realization'], deps);
    expect(sent[before].fields).toEqual(realizationFields(REALIZATION_ALL_FIELDS));
    expect(sent[before].fields!.length).toBe(91);
  });

  it('sizes each page from the bytes per row it measured (kept for later runs), well under 50 MB', () => {
    // About 4 KB a row (Cyrillic: 2 bytes a character).
    const { sent, deps, doc, clock } = setup(5, { pad: 2000 });
    syncReports(['realization'], deps);
    // Nothing measured yet: a generous guess per requested field still stays well under the cap.
    const guess = sent[0].limit;
    expect(guess).toBeLessThan(100000);
    expect(guess * REALIZATION.columns.length * 30).toBeLessThanOrEqual(MB50 / 2);
    const perRow = (Buffer.byteLength('[' + [1, 2, 3, 4, 5].map((i) => row(i, 2000)).join(',') + ']', 'utf8')) / 5;
    expect(JSON.parse(doc.get('wb.state.realization.size') as string).sheet).toBe(Math.ceil(perRow));
    // The next refresh (a re-read) asks for as many rows as fit in half the cap at the measured size.
    clock.t += 86400000;
    const before = sent.length;
    syncReports(['realization'], deps);
    const next = sent[before].limit;
    expect(next).toBe(Math.floor(MB50 / 2 / Math.ceil(perRow)));
    expect(next * perRow).toBeLessThan(MB50 * 0.55);
    expect(next).toBeLessThan(guess);
  });

  it('a page refused as too large is asked again from the same rrdId with half the rows; the refused request is never sent again', () => {
    // Answers over ~5 rows do not fit; the saved measure says 8 rows fit.
    const one = Buffer.byteLength(row(1, 10), 'utf8') + 1;
    const { sent, deps, doc, book } = setup(7, { capBytes: one * 5 + 1 });
    doc.set('wb.state.realization.size', JSON.stringify({ sheet: Math.ceil(MB50 / 2 / 8) }));
    const res = syncReports(['realization'], deps);
    expect(res.ok).toBe(true);
    expect(sent.map((s) => [s.rrdId, s.limit, s.answer])).toEqual([
      ['0', 8, 'too_large'],
      ['0', 4, 4],
      [ids([4])[0], 4, 3],
      [ids([7])[0], 4, 0],
    ]);
    // The retry waited for the rate bucket (1 a minute) instead of being refused by WB.
    expect(sent[1].at - sent[0].at).toBeGreaterThanOrEqual(60000);
    const signatures = sent.map((s) => s.rrdId + '/' + s.limit);
    expect(new Set(signatures).size).toBe(signatures.length);
    expect(book.sheets[0].sheet.cells.slice(1).map((r) => r[0])).toEqual(ids([1, 2, 3, 4, 5, 6, 7]));
  });

  it('a refusal is remembered across runs: with a Base key (2 a day) the next run sends the halved request, never the refused one', () => {
    const one = Buffer.byteLength(row(1, 10), 'utf8') + 1;
    const { sent, deps, doc, clock } = setup(7, { capBytes: one * 5 + 1, acc: 1 });
    doc.set('wb.state.realization.size', JSON.stringify({ sheet: Math.ceil(MB50 / 2 / 8) }));
    const first = syncReports(['realization'], deps);
    expect(first.outcomes[0].status).toBe('deferred');
    expect(sent.map((s) => [s.rrdId, s.limit, s.answer])).toEqual([['0', 8, 'too_large']]);
    clock.t += 12 * 3600000;
    syncReports(['realization'], deps);
    expect(sent.map((s) => [s.rrdId, s.limit, s.answer]).slice(1, 2)).toEqual([['0', 4, 4]]);
  });

  it('a re-read of the whole span (after "all fields" is turned on) is not held back by a refused page of the old pass', () => {
    const { sent, deps, doc, clock } = setup(2);
    syncReports(['realization'], deps); // the sheet exists
    clock.t += 60000;
    sent.length = 0;
    doc.set('wb.state.realization', JSON.stringify({ period: 'weekly', from: '2026-11-12', to: '2026-11-26', rrdId: '0', loadedThrough: '2026-11-26', refused: { rrdId: '0', limit: 8 } }));
    rereadRealization(doc);
    syncReports(['realization'], deps);
    expect(sent[0].dateFrom).toBe('2026-08-29');
    expect(sent[0].limit).toBeGreaterThan(8);
  });

  it('a page that still does not fit at one row is reported, not asked again', () => {
    const { sent, deps, doc } = setup(3, { capBytes: 10 });
    doc.set('wb.state.realization.size', JSON.stringify({ sheet: Math.ceil(MB50 / 2 / 2) }));
    const res = syncReports(['realization'], { ...deps, budgetMs: 3600000, maxWaitMs: 120000 });
    expect(sent.map((s) => s.limit)).toEqual([2, 1]);
    expect(res.ok).toBe(false);
    expect(res.message).toContain('больше 50 МБ');
  });
});
