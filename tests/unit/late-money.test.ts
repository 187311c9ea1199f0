/**
 * Money that WB fills in late (issue 10, section 3). The spec says a sale's forPay,
 * finishedPrice and priceWithDisc may read 0 for up to 24 h, not whether lastChangeDate
 * moves when WB fills them in. The emulator plays both readings; in both, hourly
 * refreshes must end with WB's money in the sheet, within the rate buckets, with no
 * extra request, and stop reading rows again once no young row reads 0.
 */
import { Http, HttpRequest, HttpResponse } from '../../src/gas/types';
import { CredentialStore } from '../../src/sync/credentials';
import { ReportRun, SyncDeps, syncReports } from '../../src/sync/engine';
import { decodeKey } from '../../src/wb/token';
import { instantToMoscowWall, parseWbMoscow, wallMsToSerial } from '../../src/wb/moscow-time';
import { WbEmulator } from '../emulator';
import { FakeClock, MemoryBook, MemoryStore, freeLock } from './memory-fakes';
import { passStart } from '../../src/sync/late-money';
import { SheetTable } from '../../src/store/table';

const START = Date.UTC(2026, 10, 27, 7, 0, 0);
const MINUTE = 60000;
const HOUR = 60 * MINUTE;
const SALES = '/api/v1/supplier/sales';
const MONEY: [string, string][] = [
  ['forPay', 'К перечислению'],
  ['finishedPrice', 'Цена для покупателя'],
  ['priceWithDisc', 'Цена со скидкой продавца'],
];

function world(fillMovesLastChange: boolean, type: 'personal' | 'base', ordersPerDay: number) {
  const clock = new FakeClock(START);
  const wb = new WbEmulator({ seed: 3, now: START, articles: 6, ordersPerDay, fillMovesLastChange });
  const http: Http = {
    fetchAll(requests: HttpRequest[]): HttpResponse[] {
      const at = clock.now();
      return requests.map((r) => {
        const a = wb.handle({ url: r.url, method: r.method.toUpperCase(), headers: { ...r.headers }, payload: r.body }, at);
        return { status: a.status, headers: a.headers, body: a.body };
      });
    },
  };
  const doc = new MemoryStore();
  const credentials = new CredentialStore(new MemoryStore(), doc, 'doc');
  const key = wb.makeKey({ type, categories: [5] });
  credentials.save(key, decodeKey(key), START);
  const book = new MemoryBook();
  const deps: SyncDeps = { gateway: book, documentProps: doc, credentials, http, clock, lock: freeLock, locale: 'ru' };
  // Orders too: the first requests then go out in one parallel batch, planned ahead.
  return { wb, clock, book, doc, run: () => syncReports(['orders', 'sales'], deps) };
}

type World = ReturnType<typeof world>;

/** The sales sheet as records by header. */
function salesSheet(w: World): Record<string, unknown>[] {
  const s = w.book.sheets.find((x) => x.sheet.title === 'WB Продажи');
  if (!s) return [];
  const [header, ...rows] = s.sheet.cells;
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [String(h), r[i]])));
}

/** Sale IDs whose money in the sheet differs from what WB says now. */
function moneyMismatches(w: World): string[] {
  const sheet = new Map(salesSheet(w).map((r) => [String(r['ID продажи']), r]));
  const out: string[] = [];
  for (const row of w.wb.sales({ withinRetention: true })) {
    const have = sheet.get(String(row.saleID));
    if (!have) continue;
    if (MONEY.some(([f, h]) => Math.abs(Number(have[h]) - Number(row[f])) > 1e-9)) out.push(String(row.saleID));
  }
  return out;
}

/** Rows WB fills now that the sheet still shows at 0 (the bug: revenue stuck at 0). */
function stuckAtZero(w: World): number {
  const wbRows = new Map(w.wb.sales({ withinRetention: true }).map((r) => [String(r.saleID), r]));
  return salesSheet(w).filter((r) => Number(r['К перечислению']) === 0 && Number(wbRows.get(String(r['ID продажи']))?.forPay) !== 0).length;
}

/** The lastChangeDate (serial) of the oldest sheet row with zero money dated within the last 48 h, or null. */
function oldestYoungZero(w: World): number | null {
  const since = wallMsToSerial(instantToMoscowWall(w.clock.now()) - 48 * HOUR);
  let oldest: number | null = null;
  for (const r of salesSheet(w)) {
    if ((r['Дата'] as number) < since || !MONEY.some(([, h]) => Number(r[h]) === 0)) continue;
    const lcd = r['Изменено'] as number;
    if (oldest === null || lcd < oldest) oldest = lcd;
  }
  return oldest;
}

function salesRequests(w: World, since: number) {
  return w.wb.requests.slice(since).filter((r) => r.path === SALES);
}

describe.each([
  ['money fills move lastChangeDate', true],
  ['money fills leave lastChangeDate as it was', false],
])('late money (%s)', (_name, moves) => {
  it('hourly refreshes with a Personal key end with WB\'s money in the sheet, one request a run, re-reading only while young rows read 0', () => {
    const w = world(moves, 'personal', 8);
    expect(w.run().ok).toBe(true);
    let rewound = 0;
    let plain = 0;
    for (let hour = 1; hour <= 60; hour++) {
      w.clock.t += HOUR;
      const zero = oldestYoungZero(w);
      const cursor = w.doc.get('wb.cursor.sales') as string;
      const before = w.wb.requests.length;
      const res = w.run();
      expect(res.ok).toBe(true);
      const sent = salesRequests(w, before);
      // The re-read rides on the refresh's own request: never an extra one.
      expect(sent.map((r) => r.status)).toEqual([200]);
      const from = parseWbMoscow(sent[0].query.dateFrom) as number;
      if (zero === null) {
        // No young row reads 0: nothing is read again.
        expect(sent[0].query.dateFrom).toBe(cursor);
        plain++;
      } else {
        // Reaches back to the oldest young zero row, and no further than 48 h.
        expect(wallMsToSerial(from)).toBeLessThanOrEqual(zero + 1e-9);
        expect(from).toBeGreaterThanOrEqual(instantToMoscowWall(w.clock.now()) - 48 * HOUR);
        rewound++;
      }
      // Whatever WB filled by the previous hour is in the sheet now.
      expect(stuckAtZero(w)).toBe(0);
    }
    expect(rewound).toBeGreaterThan(0);
    expect(plain).toBeGreaterThan(0);
    expect(moneyMismatches(w)).toEqual([]);
    expect(w.wb.requests.filter((r) => r.status === 429)).toHaveLength(0);
  });

  it('with a Base key (sales once per 2 h) it waits for the bucket, never sends a refused request, and the money arrives', () => {
    const w = world(moves, 'base', 40);
    w.run();
    for (let hour = 1; hour <= 30; hour++) {
      w.clock.t += HOUR;
      w.run();
    }
    const sent = salesRequests(w, 0);
    expect(sent.filter((r) => r.status === 429)).toHaveLength(0);
    expect(sent.length).toBeLessThanOrEqual(16);
    // The last refresh that could send one has; what WB filled before it is in the sheet.
    w.clock.t += 2 * HOUR;
    w.run();
    expect(stuckAtZero(w)).toBe(0);
    expect(moneyMismatches(w)).toEqual([]);
  });
});

describe('late money, read again no more often than WB refreshes its data', () => {
  it('a refresh minutes after a re-read starts at the cursor; one after 30 min reads again', () => {
    const w = world(false, 'personal', 40);
    w.run();
    w.clock.t += HOUR;
    w.run();
    expect(oldestYoungZero(w)).not.toBeNull();
    const sentAt = (before: number) => salesRequests(w, before)[0].query.dateFrom;
    let before = w.wb.requests.length;
    let cursor = w.doc.get('wb.cursor.sales');
    w.clock.t += 5 * MINUTE;
    w.run();
    expect(sentAt(before)).toBe(cursor);
    before = w.wb.requests.length;
    cursor = w.doc.get('wb.cursor.sales');
    w.clock.t += 30 * MINUTE;
    w.run();
    expect(parseWbMoscow(sentAt(before)) as number).toBeLessThan(parseWbMoscow(cursor) as number);
    expect(stuckAtZero(w)).toBe(0);
  });
});


describe('late money: the planned first request and the sent one agree', () => {
  it('a pass reaching back 48 h starts at the same moment whenever in the execution it is worked out', () => {
    const store = new MemoryStore();
    const fakeRun = (now: number, started: number) =>
      ({
        spec: { id: 'sales', silentColumns: ['forPay'] },
        now: () => now,
        elapsed: () => now - started,
        state: (name: string) => JSON.parse(store.get('wb.state.' + name) || 'null'),
        setState: (name: string, v: unknown) => store.set('wb.state.' + name, JSON.stringify(v)),
      }) as unknown as ReportRun;
    // The oldest zero row changed 60 h ago: the pass is held to the last 48 h.
    store.set('wb.state.late.sales', JSON.stringify({ from: '2026-11-24T16:00:00', at: START - 2 * HOUR }));
    const cursor = '2026-11-27T09:30:00';
    const planned = passStart(fakeRun(START + 1000, START), cursor);
    const sent = passStart(fakeRun(START + 4 * MINUTE + 17000, START), cursor);
    expect(planned.rewound).toBe(true);
    expect(sent).toEqual(planned);
    expect(parseWbMoscow(planned.dateFrom)).toBe(instantToMoscowWall(START) - 48 * HOUR);
  });
});

describe('a table with money WB fills silently (TableSpec.silentColumns)', () => {
  it('rewrites a row whose money arrived with lastChangeDate unchanged, in a later execution; nothing else', () => {
    const spec = (silent?: string[]) => ({
      id: 'm',
      title: { ru: 'Деньги', en: 'Money' },
      keyColumns: ['id'],
      versionColumn: 'at',
      silentColumns: silent,
      columns: [
        { id: 'id', type: 'text' as const, ru: 'ID', en: 'ID' },
        { id: 'at', type: 'datetime' as const, ru: 'Изменено', en: 'Changed' },
        { id: 'pay', type: 'money' as const, ru: 'К перечислению', en: 'Pay' },
      ],
    });
    for (const [silent, expected] of [[['pay'], 1], [undefined, 0]] as const) {
      const book = new MemoryBook();
      SheetTable.open(book, spec(silent as string[] | undefined), 'ru').upsert([{ id: 'S1', at: 46350.5, pay: 0 }, { id: 'S2', at: 46350.5, pay: 0 }]);
      // A later execution: the index is read from the sheet (key, version and the silent columns).
      const again = SheetTable.open(book, spec(silent as string[] | undefined), 'ru');
      const r = again.upsert([{ id: 'S1', at: 46350.5, pay: 512.4 }, { id: 'S2', at: 46350.5, pay: 0 }]);
      expect([r.updated, r.unchanged]).toEqual([expected, 2 - expected]);
      expect(book.sheets[0].sheet.cells[1][2]).toBe(expected ? 512.4 : 0);
    }
  });
});
