/** The realization strategy's paging by rrdId, with a tiny page size and an in-memory WB. */
import { HttpRequest, HttpResponse } from '../../src/gas/types';
import { syncReports } from '../../src/sync/engine';
import { CredentialStore } from '../../src/sync/credentials';
import { ENDPOINTS } from '../../src/wb/endpoints';
import { decodeKey } from '../../src/wb/token';
import { FakeClock, MemoryBook, MemoryStore, freeLock } from './memory-fakes';
import { makeJwt, wbPayload } from './jwt-helper';

const BIG = '9007199254740993';

function row(i: number) {
  // Ids beyond 2^53 as raw JSON digits, as WB sends daily ones.
  return `{"rrdId":${BIG}${String(i).padStart(3, '0')},"reportId":${BIG}777,"reportType":1,"sellerOperName":"Продажа","docTypeName":"Продажа","vendorCode":"A","quantity":1,"forPay":"10.05","rrDate":"2026-11-20"}`;
}

function setup(total: number) {
  const sent: { rrdId: string; limit: number }[] = [];
  const http = {
    fetchAll(requests: HttpRequest[]): HttpResponse[] {
      return requests.map((r) => {
        // WB's report list (asked after a pass with this Personal key) has nothing here.
        if (r.url.indexOf('/sales-reports/list') >= 0) return { status: 204, headers: {}, body: '' };
        const rrd = /"rrdId":(\d+)/.exec(r.body as string)![1];
        const limit = Number(/"limit":(\d+)/.exec(r.body as string)![1]);
        sent.push({ rrdId: rrd, limit });
        const rows: string[] = [];
        for (let i = 1; i <= total && rows.length < limit; i++) {
          const id = BigInt(BIG + String(i).padStart(3, '0'));
          if (rrd === '0' || id > BigInt(rrd)) rows.push(row(i));
        }
        return rows.length ? { status: 200, headers: {}, body: '[' + rows.join(',') + ']' } : { status: 204, headers: {}, body: '' };
      });
    },
  };
  const user = new MemoryStore();
  const doc = new MemoryStore();
  const credentials = new CredentialStore(user, doc, 'doc');
  const key = makeJwt(wbPayload({ s: 1 << 13, acc: 3 }));
  credentials.save(key, decodeKey(key), 0);
  const book = new MemoryBook();
  const clock = new FakeClock(Date.UTC(2026, 10, 27, 7));
  const deps = { gateway: book, documentProps: doc, credentials, http, clock, lock: freeLock, locale: 'ru' as const };
  return { sent, deps, book, doc, clock };
}

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
    expect(sent.map((s) => s.rrdId)).toEqual(['0', BIG + '003', BIG + '006']);
    const sheet = book.sheets[0].sheet;
    expect(sheet.cells.slice(1).map((r) => r[0])).toEqual([1, 2, 3, 4, 5, 6].map((i) => BIG + String(i).padStart(3, '0')));
  });

  it('a short page ends the pass without a wasted request', () => {
    const { sent, deps } = setup(5);
    syncReports(['realization'], deps);
    expect(sent.map((s) => s.rrdId)).toEqual(['0', BIG + '003']);
  });

  it('resumes from the saved rrdId when the execution budget runs out', () => {
    const { sent, deps, doc } = setup(7);
    const first = syncReports(['realization'], { ...deps, budgetMs: 30000 });
    expect(first.outcomes[0].status).toBe('partial');
    expect(JSON.parse(doc.get('wb.state.realization') as string).rrdId).toBe(BIG + '003');
    deps.clock.t += 60000;
    syncReports(['realization'], deps);
    expect(sent.map((s) => s.rrdId)).toEqual(['0', BIG + '003', BIG + '006']);
    expect(JSON.parse(doc.get('wb.state.realization') as string).rrdId).toBe('0');
  });
});
