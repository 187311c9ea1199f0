import { readFileSync } from 'fs';
import { FORBIDDEN_BASE_TOKEN, LIMITS, WbEmulator, kopText } from './index';
import { FINANCE, FIN_DETAILED, FIN_LIST, NOW, call, json } from './helpers';
import { DAY, HOUR, MINUTE } from './time';

const sampleDetail = JSON.parse(readFileSync('/work/shared/wb-samples/finance-sales-reports-detailed.json', 'utf8'))[0];
const sampleList = JSON.parse(readFileSync('/work/shared/wb-samples/finance-sales-reports-list.json', 'utf8'))[0];
const MONEY_RE = /^-?(0|[1-9]\d*)(\.\d?[1-9])?$/;
const MONEY_FIELDS = Object.keys(sampleDetail).filter((k) => typeof sampleDetail[k] === 'string' && /^-?\d+(\.\d+)?$/.test(sampleDetail[k]) && !['stickerId', 'ppvzSupplierInn', 'sku'].includes(k));
const kop = (s: string) => Math.round(Number(s) * 100);
const shape = (x: any) => Object.keys(x).map((k) => `${k}:${typeof x[k]}`).join(',');
/** 2026-11-27 is a Friday: weeks up to Sunday 2026-11-22 are closed. */
const RANGE = { dateFrom: '2026-08-01', dateTo: '2026-11-27' };

function fin(em: WbEmulator, key: string) {
  let t = em.now;
  const next = () => (t = Math.max(t + MINUTE, em.now)); // Personal: 1/min
  return {
    detailed: (body: unknown, now?: number) => call(em, { host: FINANCE, path: FIN_DETAILED, method: 'POST', body, key, now: now ?? next() }),
    list: (body: unknown, now?: number) => call(em, { host: FINANCE, path: FIN_LIST, method: 'POST', body, key, now: now ?? next() }),
    byId: (id: string, body: unknown, now?: number) => call(em, { host: FINANCE, path: `${FIN_DETAILED}/${id}`, method: 'POST', body, key, now: now ?? next() }),
  };
}

describe('finance: sales-reports/detailed', () => {
  const em = new WbEmulator({ seed: 41, now: NOW });
  const f = fin(em, em.makeKey({ categories: [13] }));
  const truth = em.realization(RANGE);

  test('pages by rrdId until 204; the pages add up to the truth', () => {
    const got: any[] = [];
    let rrdId = 0;
    let pages = 0;
    for (;;) {
      const r = f.detailed({ ...RANGE, limit: 1000, rrdId });
      if (r.status === 204) {
        expect(r.body).toBe('');
        break;
      }
      expect(r.status).toBe(200);
      const rows = json(r);
      expect(rows.length).toBeLessThanOrEqual(1000);
      for (const row of rows) expect(row.rrdId).toBeGreaterThan(rrdId);
      got.push(...rows);
      rrdId = rows[rows.length - 1].rrdId;
      pages++;
    }
    expect(pages).toBe(Math.ceil(truth.length / 1000));
    expect(got).toEqual(truth.map(({ reportIdText, ...r }) => r));
    const ids = got.map((r) => r.rrdId);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(new Set(ids).size).toBe(ids.length);
    // default limit 100000 returns everything at once
    expect(json(f.detailed(RANGE))).toHaveLength(truth.length);
  });

  test('every field of the sample, same order and JSON types; money strings with kopecks', () => {
    expect(MONEY_FIELDS.length).toBe(22);
    const want = shape(sampleDetail);
    const bad: string[] = [];
    for (const r of truth) {
      const { reportIdText, ...row } = r;
      if (shape(row) !== want) bad.push(`${row.rrdId}: shape`);
      for (const k of MONEY_FIELDS) if (!MONEY_RE.test(row[k] as string)) bad.push(`${row.rrdId}.${k}=${row[k]}`);
      if (!/^\d{4}-\d{2}-\d{2}$/.test(row.rrDate as string)) bad.push(`${row.rrdId}.rrDate`);
      if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(row.saleDt as string)) bad.push(`${row.rrdId}.saleDt`);
      if (row.currency !== 'RUB') bad.push(`${row.rrdId}.currency`);
    }
    expect(bad).toEqual([]);
    const sales = truth.filter((r) => r.sellerOperName === 'Продажа');
    expect(sales.some((r) => /\.\d\d$/.test(String(r.forPay)))).toBe(true);
    for (const r of sales) {
      expect([r.docTypeName, r.quantity]).toEqual(['Продажа', 1]);
      // the kopecks reconcile exactly
      expect(kop(r.retailPriceWithDisc as string)).toBe(kop(r.forPay as string) + kop(r.ppvzSalesCommission as string) + kop(r.acquiringFee as string));
      expect(kop(r.ppvzSalesCommission as string)).toBe(kop(r.vw as string) + kop(r.vwNds as string));
    }
    const ops = new Set(truth.map((r) => r.sellerOperName));
    for (const op of ['Продажа', 'Возврат', 'Логистика', 'Хранение', 'Штраф', 'Удержание', 'Платная приемка']) expect(ops).toContain(op);
    const log = truth.filter((r) => r.sellerOperName === 'Логистика');
    expect(log.every((r) => (r.deliveryAmount as number) + (r.returnAmount as number) === 1 && kop(r.deliveryService as string) > 0)).toBe(true);
    expect(truth.some((r) => r.sellerOperName === 'Хранение' && r.nmId === 0)).toBe(true);
    expect(truth.some((r) => r.sellerOperName === 'Хранение' && (r.nmId as number) > 0)).toBe(true);
    expect(truth.filter((r) => r.sellerOperName === 'Платная приемка').every((r) => (r.giId as number) > 0 && kop(r.paidAcceptance as string) > 0)).toBe(true);
    expect(kopText(109861)).toBe('1098.61');
    expect(kopText(136950)).toBe('1369.5');
    expect(kopText(249000)).toBe('2490');
    expect(kopText(-5)).toBe('-0.05');
  });

  test('weekly reports: Monday..Sunday, created next Monday/Tuesday, closed weeks only, reportType 1 and 2', () => {
    const reports = new Map<string, any>();
    for (const r of truth) reports.set(r.reportIdText, r);
    const weeks = new Map<string, number[]>();
    for (const r of reports.values()) {
      const from = new Date(r.dateFrom + 'T00:00:00Z');
      expect(from.getUTCDay()).toBe(1);
      expect(Date.parse(r.dateTo) - Date.parse(r.dateFrom)).toBe(6 * DAY);
      expect([DAY, 2 * DAY]).toContain(Date.parse(r.createDate) - Date.parse(r.dateTo));
      expect(r.createDate <= '2026-11-27').toBe(true);
      weeks.set(r.dateFrom, [...(weeks.get(r.dateFrom) ?? []), r.reportType]);
    }
    expect(weeks.size).toBeGreaterThan(10);
    expect([...weeks.values()].filter((t) => t.length === 2).length).toBeGreaterThan(8);
    for (const types of weeks.values()) expect(types.sort()).toEqual(types.length === 2 ? [1, 2] : [1]);
    expect([...weeks.keys()].sort().pop()).toBe('2026-11-16'); // the week of 23-29 Nov is still open
    // type 2 holds sales, returns and their logistics of orders from outside Russia
    for (const r of truth.filter((x) => x.reportType === 2)) expect(['Продажа', 'Возврат', 'Логистика']).toContain(r.sellerOperName);
    expect(truth.filter((x) => x.reportType === 2).every((r) => r.country !== 'Россия')).toBe(true);
  });

  test('daily reports: reportId beyond 2^53 as raw digits, exact in reportIdText', () => {
    const r = f.detailed({ dateFrom: '2026-11-20', dateTo: '2026-11-26', period: 'daily' });
    expect(r.status).toBe(200);
    const daily = em.realization({ dateFrom: '2026-11-20', dateTo: '2026-11-26', period: 'daily' });
    expect(new Set(daily.map((x) => x.dateFrom))).toEqual(new Set(['2026-11-20', '2026-11-21', '2026-11-22', '2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26']));
    for (const x of daily) {
      expect(BigInt(x.reportIdText) > BigInt(2) ** BigInt(53)).toBe(true);
      expect(x.reportIdText).toMatch(/^\d{19}$/);
      expect(String(BigInt(Math.round(x.reportId as number)))).not.toBe(x.reportIdText); // a double cannot hold it
      expect(r.body).toContain(`{"reportId":${x.reportIdText},`);
      expect([x.dateFrom, x.dateTo]).toEqual([x.rrDate, x.rrDate]);
    }
    // the same operations as the weekly report of those days
    const weekly = em.realizationUnits('2026-11-16', '2026-11-22');
    const byDay = em.realizationUnits('2026-11-16', '2026-11-22', 'daily');
    expect(byDay).toEqual(weekly);
    // today's report is not there yet; yesterday's is
    expect(daily.some((x) => x.dateFrom === '2026-11-26')).toBe(true);
    expect(em.realization({ dateFrom: '2026-11-27', dateTo: '2026-11-27', period: 'daily' })).toEqual([]);
  });

  test('fields: only the named ones, in WB order', () => {
    const r = json(f.detailed({ ...RANGE, limit: 3, fields: ['srid', 'rrdId', 'reportId', 'forPay', 'nope'] }));
    expect(r).toHaveLength(3);
    for (const x of r) expect(Object.keys(x)).toEqual(['reportId', 'rrdId', 'forPay', 'srid']);
  });

  test('rows are as long as WB\'s (2–2.5 KB of JSON with all 91 fields); `fields` makes the answer itself smaller', () => {
    const bytes = (x: unknown) => Buffer.byteLength(JSON.stringify(x), 'utf8');
    expect(Object.keys(sampleDetail)).toHaveLength(91);
    const sales = truth.filter((r) => r.sellerOperName === 'Продажа').map(({ reportIdText, ...row }) => row);
    const avg = sales.reduce((n, r) => n + bytes(r), 0) / sales.length;
    expect(avg).toBeGreaterThan(2000);
    expect(avg).toBeLessThan(2500);
    // The answer is the real JSON text: its UTF-8 size is what UrlFetchApp's cap measures.
    const full = f.detailed({ ...RANGE, limit: 500 });
    const rows = json(full);
    expect(Buffer.byteLength(full.body, 'utf8')).toBe(rows.reduce((n: number, r: unknown) => n + bytes(r), 0) + rows.length + 1);
    const names = ['rrdId', 'reportId', 'sellerOperName', 'vendorCode', 'sku', 'quantity', 'retailAmount', 'forPay', 'deliveryService', 'rrDate'];
    const trimmed = f.detailed({ ...RANGE, limit: 500, fields: names });
    const small = json(trimmed);
    expect(small.map((r: any) => r.rrdId)).toEqual(rows.map((r: any) => r.rrdId));
    expect(Buffer.byteLength(trimmed.body, 'utf8')).toBeLessThan(Buffer.byteLength(full.body, 'utf8') / 5);
  });

  test('400 problem+json for bad bodies; 204 before the data and for another seller', () => {
    const cases: [unknown, string][] = [
      [{ dateTo: '2026-11-01' }, 'missing dateFrom params'],
      [{ dateFrom: '2026-11-01' }, 'missing dateTo params'],
      [{ dateFrom: '01.11.2026', dateTo: '2026-11-20' }, 'invalid dateFrom params'],
      [{ ...RANGE, period: 'monthly' }, 'invalid period params'],
      [{ ...RANGE, limit: 100_001 }, 'invalid limit params'],
      [{ ...RANGE, limit: 0 }, 'invalid limit params'],
      [{ ...RANGE, rrdId: -1 }, 'invalid rrdId params'],
      ['{', 'invalid request body'],
    ];
    for (const [body, reason] of cases) {
      const r = f.detailed(body);
      expect(r.status).toBe(400);
      expect(r.headers['Content-Type']).toBe('application/problem+json');
      const b = json(r);
      expect(Object.keys(b)).toEqual(['status', 'title', 'detail', 'requestId', 'origin']);
      expect(b).toMatchObject({ status: 400, title: 'GetReportDetailByPeriodNB decode error', detail: `GetReportDetailByPeriodNB decode error: ${reason}`, origin: 'open-api-finreports' });
      expect(b.requestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
    expect(f.detailed({ dateFrom: '2023-01-01', dateTo: '2024-03-01' }).status).toBe(204);
    const other = fin(em, em.makeKey({ categories: [13], sellerId: '0b7c1d1e-1111-4222-8333-444455556666' }));
    expect(other.detailed(RANGE).status).toBe(204);
  });

  test('realizationReturnSign: returns positive by default, negative on request; the list nets them out either way', () => {
    const neg = new WbEmulator({ seed: 41, now: NOW, realizationReturnSign: 'negative' });
    const rows = neg.realization(RANGE);
    const pos = truth.filter((r) => r.sellerOperName === 'Возврат');
    const negRet = rows.filter((r) => r.sellerOperName === 'Возврат');
    expect(pos.length).toBeGreaterThan(10);
    expect(negRet.length).toBe(pos.length);
    for (let i = 0; i < pos.length; i++) {
      expect(kop(pos[i].forPay as string)).toBeGreaterThan(0);
      expect(kop(negRet[i].forPay as string)).toBe(-kop(pos[i].forPay as string));
      expect(kop(negRet[i].retailAmount as string)).toBe(-kop(pos[i].retailAmount as string));
      expect(negRet[i].quantity).toBe(1);
    }
  });
});

describe('finance: list and detailed/{reportId}', () => {
  const em = new WbEmulator({ seed: 42, now: NOW });
  const f = fin(em, em.makeKey({ categories: [13] }));
  const truth = em.realization(RANGE);

  test('list: one item per report with string totals that reconcile with the rows', () => {
    const items = json(f.list(RANGE));
    expect(items.length).toBe(new Set(truth.map((r) => r.reportIdText)).size);
    for (const it of items) {
      expect(shape(it)).toBe(shape(sampleList));
      const rows = truth.filter((r) => r.reportId === it.reportId);
      expect(rows.length).toBeGreaterThan(0);
      const sum = (op: string, k: string) => rows.filter((r) => r.sellerOperName === op).reduce((a, r) => a + kop(r[k] as string), 0);
      const all = (k: string) => rows.reduce((a, r) => a + kop(r[k] as string), 0);
      expect(kop(it.retailAmountSum)).toBe(sum('Продажа', 'retailAmount') - sum('Возврат', 'retailAmount'));
      expect(kop(it.forPaySum)).toBe(sum('Продажа', 'forPay') - sum('Возврат', 'forPay'));
      expect(kop(it.deliveryServiceSum)).toBe(all('deliveryService'));
      expect(kop(it.paidStorageSum)).toBe(all('paidStorage'));
      expect(kop(it.penaltySum)).toBe(all('penalty'));
      expect(kop(it.deductionSum)).toBe(all('deduction'));
      expect(kop(it.paidAcceptanceSum)).toBe(all('paidAcceptance'));
      for (const k of ['cashbackAmount', 'cashbackDiscount', 'cashbackCommissionChange']) expect(kop(it[k + 'Sum'])).toBe(all(k));
      // «Итого к оплате» as WB's list reconciles: loyalty points and fee withheld, the discount compensation inside forPay.
      expect(kop(it.bankPaymentSum)).toBe(kop(it.forPaySum) - kop(it.deliveryServiceSum) - kop(it.paidStorageSum) - kop(it.paidAcceptanceSum) - kop(it.deductionSum) - kop(it.penaltySum) - kop(it.cashbackAmountSum) - kop(it.cashbackCommissionChangeSum));
      for (const k of ['retailAmountSum', 'forPaySum', 'bankPaymentSum']) expect(it[k]).toMatch(MONEY_RE);
    }
    expect(json(f.list({ ...RANGE, limit: 2, offset: 1 }))).toEqual(items.slice(1, 3));
    expect(json(f.list({ ...RANGE, limit: 1001 })).detail).toBe('GetSalesReportsList decode error: invalid limit params');
    // daily: raw digits beyond 2^53
    const d = f.list({ dateFrom: '2026-11-25', dateTo: '2026-11-26', period: 'daily' });
    expect(d.body).toMatch(/^\[\{"reportId":9007199\d{12},/);
  });

  test('detailed/{reportId}: one report, exact ids beyond 2^53 in the path; 204 for unknown ids', () => {
    const weekly = truth.filter((r) => r.reportType === 2);
    const id = weekly[0].reportIdText;
    const rows = json(f.byId(id, {}));
    expect(rows).toEqual(weekly.filter((r) => r.reportIdText === id).map(({ reportIdText, ...r }) => r));
    const page = json(f.byId(id, { limit: 2, rrdId: rows[0].rrdId }));
    expect(page).toEqual(rows.slice(1, 3));
    const daily = em.realization({ dateFrom: '2026-11-25', dateTo: '2026-11-25', period: 'daily' });
    const dId = daily[0].reportIdText;
    const r = f.byId(dId, {});
    expect(r.body.startsWith(`[{"reportId":${dId},`)).toBe(true);
    expect(json(r)).toHaveLength(daily.filter((x) => x.reportIdText === dId).length);
    // the id JSON.parse would produce is another report: nothing there
    expect(f.byId(String(BigInt(Math.round(daily[0].reportId as number))), {}).status).toBe(204);
    expect(f.byId('123', {}).status).toBe(204);
    expect(json(f.byId('12x', {})).detail).toBe('GetReportDetailByID decode error: invalid reportId params');
  });

  test('Base keys: list and by-id refused with the spec 403; detailed allowed 2 per 24 h', () => {
    expect(FORBIDDEN_BASE_TOKEN).toEqual({ status: 403, title: 'forbidden', detail: 'base token is not allowed', code: 'base token is not allowed for this path', origin: 's2s-finance' });
    const base = fin(em, em.makeKey({ categories: [13], type: 'base' }));
    for (const r of [base.list(RANGE, NOW), base.byId(truth[0].reportIdText, {}, NOW)]) {
      expect(r.status).toBe(403);
      expect(r.headers['Content-Type']).toBe('application/problem+json');
      const b = json(r);
      expect(Object.keys(b)).toEqual(['title', 'detail', 'code', 'requestId', 'origin', 'status', 'statusText', 'timestamp']);
      expect(b).toMatchObject({ ...FORBIDDEN_BASE_TOKEN, statusText: 'Forbidden', timestamp: '2026-11-27T07:00:00Z' });
    }
    expect(LIMITS.financeDetailed).toEqual({ base: { intervalMs: 12 * HOUR, burst: 1 }, standard: { intervalMs: MINUTE, burst: 1 } });
    expect(base.detailed(RANGE, NOW).status).toBe(200);
    const r = base.detailed(RANGE, NOW + HOUR);
    expect([r.status, r.headers['X-Ratelimit-Retry'], r.headers['X-Ratelimit-Limit']]).toEqual([429, String(11 * 3600), '1']);
    expect(base.detailed(RANGE, NOW + 12 * HOUR).status).toBe(200);
    // Personal: 1/min, burst 1
    const p = fin(em, em.makeKey({ categories: [13], type: 'service' }));
    const t = NOW + 13 * HOUR;
    expect(p.detailed(RANGE, t).status).toBe(200);
    expect(p.detailed(RANGE, t + 1_000).status).toBe(429);
    expect(p.detailed(RANGE, t + MINUTE).status).toBe(200);
  });

  test('scope: a Statistics-only key gets 401 token scope not allowed on finance-api', () => {
    const stats = fin(em, em.makeKey());
    for (const r of [stats.detailed(RANGE), stats.list(RANGE), stats.byId('1', {}), call(em, { host: FINANCE, path: '/ping', key: em.makeKey() })]) {
      expect([r.status, json(r).detail]).toEqual([401, 'token scope not allowed']);
    }
  });
});
