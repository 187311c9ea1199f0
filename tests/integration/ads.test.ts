/**
 * Advertising end to end: WB Реклама per campaign, article and day equals the
 * emulator's truth (spend to the kopeck per campaign and day, paused and finished
 * campaigns included), the charges reconcile per day, WB_ADS reads the daily table,
 * windows stay within 50 ids and 31 days, a Base key loads in hourly steps, and a key
 * without «Продвижение» costs no request.
 */
import { loadBundle } from '../bundle/harness';
import { connect, mskDay, dayIso, sheetTable } from './helpers';

const DAY = 86400000;
const HOUR = 3600000;
type H = ReturnType<typeof loadBundle>;

function rows(h: H, name: string): Record<string, any>[] {
  const t = sheetTable(h, name);
  return t.rows.map((r) => Object.fromEntries(t.header.map((k, i) => [k, r[i]])));
}

const iso = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Moscow', year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
const kop = (v: unknown) => (typeof v === 'number' ? Math.round(v * 100) : 0);

/** Spend per campaign and day in the sheet (kopecks), and the rows per key. */
function sheetSpend(h: H): { spend: Map<string, number>; keys: Map<string, number> } {
  const spend = new Map<string, number>();
  const keys = new Map<string, number>();
  for (const r of rows(h, 'WB Реклама')) {
    const k = iso(r['Дата']) + '|' + r['ID кампании'];
    spend.set(k, (spend.get(k) || 0) + kop(r['Расход']));
    const key = k + '|' + r['Артикул WB'];
    keys.set(key, (keys.get(key) || 0) + 1);
  }
  return { spend, keys };
}

/**
 * The emulator's spend per campaign and day for the last 90 days (kopecks, days with
 * spend), as WB answered the last statistics request that asked for the campaign (the
 * running day grows while the refresh goes on).
 */
function truthSpend(h: H, now: number): Map<string, number> {
  const out = new Map<string, number>();
  const today = mskDay(now);
  for (const c of h.wb.ads.campaigns) {
    const asked = h.wb.requests.filter((r) => r.path === '/adv/v3/fullstats' && r.status === 200 && r.query.ids.split(',').includes(String(c.advertId)));
    const at = asked.length ? asked[asked.length - 1].at : now;
    for (let d = today - 89; d <= today; d++) {
      const kopecks = h.wb.ads.daySpendKop(c, d, d === today ? at : now);
      if (kopecks > 0) out.set(dayIso(d) + '|' + c.advertId, kopecks);
    }
  }
  return out;
}

function adsRequests(h: H, since = 0) {
  return h.wb.requests.slice(since).filter((r) => r.host === 'advert-api.wildberries.ru');
}

describe('WB Реклама', () => {
  it('a first load brings every campaign day of 90 days, spend per campaign and day equal to WB, within 50 ids and 31 days a request', () => {
    const h = loadBundle({ emulator: { seed: 5, articles: 8, ordersPerDay: 40, campaigns: 8 } });
    connect(h, { categories: [5, 6] });
    const res = h.call('syncAllNow');
    expect(res.ok).toBe(true);
    const now = h.rt.clock.now();
    const { spend, keys } = sheetSpend(h);
    const truth = truthSpend(h, now);
    expect(truth.size).toBeGreaterThan(100);
    expect(Object.fromEntries(spend)).toEqual(Object.fromEntries(truth));
    keys.forEach((n) => expect(n).toBe(1));
    // Paused and finished campaigns are there with their history.
    const statuses = new Set(rows(h, 'WB Реклама').map((r) => r['Статус кампании']));
    for (const s of ['Активна', 'На паузе', 'Завершена']) expect(statuses.has(s)).toBe(true);
    // A campaign name starting with '=' is text, not a formula.
    const sheet = h.rt.spreadsheet.getSheetByName('WB Реклама')!;
    const values = sheet.getDataRange().getValues();
    const formulas = sheet.getDataRange().getFormulas();
    expect(values.some((r: any[]) => r.includes('=Реклама (поиск)'))).toBe(true);
    expect(formulas.every((r: any[]) => r.every((f: string) => f === ''))).toBe(true);
    // Seller articles come from the orders sheet.
    expect(rows(h, 'WB Реклама').every((r) => r['Артикул продавца'] !== '')).toBe(true);
    for (const r of adsRequests(h)) {
      expect(r.status).toBe(200);
      if (r.path === '/adv/v3/fullstats') {
        expect(r.query.ids.split(',').length).toBeLessThanOrEqual(50);
        expect((Date.parse(r.query.endDate) - Date.parse(r.query.beginDate)) / DAY + 1).toBeLessThanOrEqual(31);
      }
      if (r.path === '/adv/v1/upd') expect((Date.parse(r.query.to) - Date.parse(r.query.from)) / DAY + 1).toBeLessThanOrEqual(31);
    }
    // Only campaigns WB keeps statistics for are asked about.
    const asked = new Set(adsRequests(h).filter((r) => r.path === '/adv/v3/fullstats').flatMap((r) => r.query.ids.split(',').map(Number)));
    for (const c of h.wb.ads.campaigns) expect(asked.has(c.advertId)).toBe([7, 9, 11].includes(h.wb.ads.status(c, now)));
  });

  it('the charges reconcile per campaign and day: the difference is charged − spend, non-zero exactly where WB booked a charge on another day', () => {
    const h = loadBundle({ emulator: { seed: 5, articles: 8, ordersPerDay: 40, campaigns: 8 } });
    connect(h, { categories: [5, 6] });
    h.call('syncAllNow');
    const now = h.rt.clock.now();
    const charged = new Map<string, number>();
    for (const x of h.wb.ads.charges(now)) {
      const k = dayIso(mskDay(x.at)) + '|' + x.advertId;
      charged.set(k, (charged.get(k) || 0) + x.rub * 100);
    }
    const spend = truthSpend(h, now);
    const first = dayIso(mskDay(now) - 89);
    let disagree = 0;
    for (const r of rows(h, 'WB Реклама: списания')) {
      const k = iso(r['Дата']) + '|' + r['ID кампании'];
      expect(kop(r['Расход по статистике'])).toBe(spend.get(k) || 0);
      expect(kop(r['Списано (документы)'])).toBe(charged.get(k) || 0);
      expect(kop(r['Разница: списано − расход'])).toBe((charged.get(k) || 0) - (spend.get(k) || 0));
      if (Math.abs(kop(r['Разница: списано − расход'])) >= 100) disagree++;
    }
    expect(disagree).toBeGreaterThan(0);
    for (const k of charged.keys()) if (k >= first) expect(rows(h, 'WB Реклама: списания').some((r) => iso(r['Дата']) + '|' + r['ID кампании'] === k)).toBe(true);
  });

  it('refreshes later lose and double no campaign day, and read only the last days again', () => {
    const h = loadBundle({ emulator: { seed: 6, articles: 6, ordersPerDay: 30, campaigns: 6 } });
    connect(h, { categories: [5, 6] });
    h.call('syncAllNow');
    for (const gap of [HOUR, 5 * HOUR, DAY + 2 * HOUR, 3 * DAY]) {
      h.rt.clock.advance(gap);
      const since = h.wb.requests.length;
      expect(h.call('syncAdsNow').ok).toBe(true);
      const now = h.rt.clock.now();
      const { spend, keys } = sheetSpend(h);
      keys.forEach((n) => expect(n).toBe(1));
      // Days older than 90 stay in the sheet (kept forever); the 90 days equal WB.
      const recent = new Map(Array.from(spend).filter(([k]) => k >= dayIso(mskDay(now) - 89)));
      expect(Object.fromEntries(recent)).toEqual(Object.fromEntries(truthSpend(h, now)));
      const stats = adsRequests(h, since).filter((r) => r.path === '/adv/v3/fullstats');
      expect(stats).toHaveLength(1);
      expect(stats[0].query.beginDate >= dayIso(mskDay(now) - 3 - Math.ceil(gap / DAY))).toBe(true);
    }
  });

  it('WB_ADS sums the daily table: spend, views, clicks, orders, CTR, CPC and ДРР of an article', () => {
    const h = loadBundle({ emulator: { seed: 5, articles: 8, ordersPerDay: 40, campaigns: 8 } });
    connect(h, { categories: [5, 6] });
    h.call('syncAllNow');
    const all = rows(h, 'WB Реклама');
    const article = all[0]['Артикул продавца'];
    const nm = all[0]['Артикул WB'];
    const now = h.rt.clock.now();
    const from = dayIso(mskDay(now) - 20);
    const to = dayIso(mskDay(now) - 1);
    const mine = all.filter((r) => r['Артикул WB'] === nm && iso(r['Дата']) >= from && iso(r['Дата']) <= to);
    const sum = (col: string) => mine.reduce((s, r) => s + (typeof r[col] === 'number' ? r[col] : 0), 0);
    const spendKop = mine.reduce((s, r) => s + kop(r['Расход']), 0);
    expect(Math.round(h.formula('WB_ADS', article, from, to) * 100)).toBe(spendKop);
    expect(h.formula('WB_ADS', article, from, to, 'показы')).toBe(sum('Показы'));
    expect(h.formula('WB_ADS', nm, from, to, 'clicks')).toBe(sum('Клики'));
    expect(h.formula('WB_ADS', article, from, to, 'заказы')).toBe(sum('Заказы по рекламе'));
    expect(h.formula('WB_ADS', article, from, to, 'CTR')).toBeCloseTo((sum('Клики') / sum('Показы')) * 100, 2);
    expect(h.formula('WB_ADS', article, from, to, 'CPC')).toBeCloseTo(spendKop / 100 / sum('Клики'), 2);
    const revenue = h.formula('WB_REVENUE', article, from, to);
    expect(h.formula('WB_ADS', article, from, to, 'ДРР')).toBeCloseTo(((spendKop / 100) / revenue) * 100, 2);
    expect(() => h.formula('WB_ADS', article, from, to, 'охват')).toThrow(/Неизвестный показатель рекламы/);
  });

  it('a key without «Продвижение»: the report is skipped with the category named, and costs no request', () => {
    const h = loadBundle({ emulator: { seed: 5, articles: 6, campaigns: 4 } });
    connect(h, { categories: [5] });
    const res = h.call('syncAllNow');
    expect(res.message).toMatch(/WB Реклама.*«Продвижение»/);
    expect(adsRequests(h)).toHaveLength(0);
    const state = h.run('getSidebarState');
    expect(JSON.stringify(state)).toContain('Продвижение');
    expect(() => h.formula('WB_ADS', '')).toThrow(/Продвижение/);
  });

  it('a Base key: one statistics window an hour, the 90 days in 3 hourly refreshes, never a 429', () => {
    const h = loadBundle({ emulator: { seed: 5, articles: 6, campaigns: 8 } });
    connect(h, { categories: [6], type: 'base' });
    const done: number[] = [];
    for (let i = 0; i < 5; i++) {
      const since = h.wb.requests.length;
      h.call('syncAdsNow');
      done.push(adsRequests(h, since).filter((r) => r.path === '/adv/v3/fullstats').length);
      const now = h.rt.clock.now();
      const loaded = Object.fromEntries(new Map(Array.from(sheetSpend(h).spend).filter(([k]) => k >= dayIso(mskDay(now) - 89))));
      // The 90 days are in after the third hourly refresh, not before.
      if (i === 1) expect(loaded).not.toEqual(Object.fromEntries(truthSpend(h, now)));
      if (i === 2) expect(loaded).toEqual(Object.fromEntries(truthSpend(h, now)));
      if (i < 4) h.rt.clock.advance(HOUR + 5000);
    }
    expect(done).toEqual([1, 1, 1, 1, 1]);
    expect(h.wb.requests.filter((r) => r.status === 429)).toHaveLength(0);
    const now = h.rt.clock.now();
    expect(Object.fromEntries(new Map(Array.from(sheetSpend(h).spend).filter(([k]) => k >= dayIso(mskDay(now) - 89))))).toEqual(Object.fromEntries(truthSpend(h, now)));
  });
});
