/**
 * Builds the four dashboard sheets from the daily table, the stock snapshot and the
 * last 30 days of raw orders: numbers as values (no formula ever carries a WB value),
 * chart data beside the charts, native charts and conditional formatting through the
 * DashboardGateway. The seller's inputs (period in B2:B4 of the overview, cost prices,
 * reorder threshold and cover) are read first and written back unchanged.
 */
import { Cell, ChartSpec, ConditionalRuleSpec, DashboardGateway, DashboardSheet, KeyValueStore } from '../gas/types';
import { DailyIndex } from '../daily/daily-index';
import { Locale } from '../texts/i18n';
import { buyoutPercent } from '../daily/buyouts';
import { bankPayment } from '../daily/measures';
import { ArticleTotals, articleTotals, dailySeries, stockSeries, sumTotals } from './metrics';
import { PeriodChoice, parseChoice, resolvePeriod, Period } from './period';
import { stockForecast } from './stock-forecast';
import { abc } from './abc';
import { ReportCheckLine } from './report-check';
import { SourceTotals } from './profit-check';
import { CommissionCheck } from './commission-check';
import { writeCommissionCheck } from './commission-block';
import { readCostCells } from './cost-prices';
import { ProfitBreakdown, ProfitSettings, ProfitSources, drrOf, marginOf, roiOf } from '../daily/profit';
import { profitTexts } from '../texts/profit-texts';
import { articleProfit, overviewProfit } from './profit-overview';
import { DashboardTexts, dashboardTexts } from './texts';
import { buildCards, overviewCards } from './cards';
import { cardTexts } from './cards-texts';
import { AMBER, DATE, INT, MONEY, PCT, RED, TEXT, Writer, dateCell, header, isoDay, pct, put, rub, title } from './writer';

export const DASHBOARD_TAG = 'wb-sheets.dashboard';

export interface DashboardInputs {
  locale: Locale;
  /** today's Moscow day serial */
  today: number;
  /** "dd.mm.yyyy hh:mm МСК" of the build */
  updatedAt: string;
  daily: DailyIndex;
  /** latest snapshot rows: vendorCode, nmId, warehouseName, quantity */
  stocks: Record<string, Cell>[];
  /** raw order rows of the last 30 days: date, nmId, supplierArticle, warehouseName, warehouseType */
  recentOrders: Record<string, Cell>[];
  /** WB's «Итого к оплате» per report of a period beside ours; null without WB's list */
  reportCheck?: (from: number, to: number) => ReportCheckLine[] | null;
  /** Tax and other costs (sidebar settings) and which storage/acceptance reports are loaded; none: no tax, the realization's storage. */
  profit?: { settings: ProfitSettings; sources: ProfitSources };
  /** The period's money summed straight from the raw report sheets, for the reconciliation under the unit economics. */
  sourceTotals?: (from: number, to: number) => SourceTotals;
  /** WB's commission tariff against what the realization report charged, per article. */
  commissionCheck?: (from: number, to: number) => CommissionCheck;
}

export interface DashboardResult {
  period: Period;
  sheets: string[];
  charts: number;
  cellsWritten: number;
}

/** The overview's period inputs as the seller left them (B2, B4:B5), defaults on first build. */
function readPeriodInputs(sheet: DashboardSheet | null): { choice: PeriodChoice; from: number | null; to: number | null } {
  if (!sheet) return { choice: '30', from: null, to: null };
  const v = sheet.read(2, 2, 4, 1);
  return { choice: parseChoice(v[0][0]), from: dateCell(v[2][0]), to: dateCell(v[3][0]) };
}

function readNumber(sheet: DashboardSheet | null, row: number, fallback: number): number {
  if (!sheet) return fallback;
  const v = sheet.read(row, 2, 1, 1)[0][0];
  return typeof v === 'number' && isFinite(v) && v > 0 ? v : fallback;
}

/** Average price (kopecks per unit net sold) per article over the 90 days before `to`. */
function unitPrices(index: DailyIndex, to: number): Map<string, number> {
  const out = new Map<string, number>();
  for (const t of articleTotals(index, to - 89, to)) {
    const net = t.sales - t.returns;
    if (t.nmId !== null && net > 0) out.set(String(t.nmId), t.revenue / net);
  }
  return out;
}

/** Stock per article (nmId) at the end of `day`: the latest daily snapshot on or before it. */
function stockAt(index: DailyIndex, day: number): Map<string, number> {
  const out = new Map<string, number>();
  for (const g of index.byArticleRows()) {
    if (g.nmId === null) continue;
    const series = index.perDay('stock', g.rows, day - 365, day);
    for (let i = series.length - 1; i >= 0; i--) {
      if (series[i] !== null) {
        out.set(String(g.nmId), series[i] as number);
        break;
      }
    }
  }
  return out;
}

/** Stock at the prices; '' when no snapshot existed by then. */
function stockValue(stock: Map<string, number>, prices: Map<string, number>): number | '' {
  if (!stock.size) return '';
  let v = 0;
  stock.forEach((units, nm) => (v += units * (prices.get(nm) || 0)));
  return Math.round(v);
}

function buildOverview(w: Writer, t: DashboardTexts, inp: DashboardInputs, p: Period, choice: PeriodChoice, from: number | null, to: number | null, per: ArticleTotals[]): ChartSpec[] {
  const { daily, locale } = inp;
  const cur = sumTotals(per);
  const prev = sumTotals(articleTotals(daily, p.prevFrom, p.prevTo));
  const prices = unitPrices(daily, p.to);
  const valNow = stockValue(stockAt(daily, p.to), prices);
  const valPrev = stockValue(stockAt(daily, p.prevTo), prices);
  title(w, t.overview, t.updated(inp.updatedAt));
  // Inputs: B2 choice, B4:B5 dates (kept as the seller left them).
  put(w, 2, 1, [[t.periodLabel]], [TEXT]);
  put(w, 2, 2, [[t.choices[['7', '30', '90', 'dates'].indexOf(choice)]]], [TEXT]);
  w.sheet.setChoices(2, 2, t.choices);
  w.sheet.styleBlock({ row: 2, col: 2, numRows: 1, numCols: 1 }, { background: '#fff2cc', bold: true });
  put(w, 4, 1, [[t.fromLabel], [t.toLabel]], [TEXT]);
  put(w, 4, 2, [[from], [to]], [DATE]);
  put(w, 6, 1, [[t.shown(isoDay(p.from, locale), isoDay(p.to, locale), p.days, isoDay(p.prevFrom, locale), isoDay(p.prevTo, locale))]], [TEXT]);
  header(w, 8, 1, t.metricHeader);
  const rows: [number | '', number | ''][] = [
    [cur.orders, prev.orders],
    [cur.sales, prev.sales],
    [cur.returns, prev.returns],
    [buyoutPercent(cur), buyoutPercent(prev)],
    [rub(cur.revenue), rub(prev.revenue)],
    [rub(cur.payout), rub(prev.payout)],
    [rub(cur.costs), rub(prev.costs)],
    [valNow === '' ? '' : rub(valNow), valPrev === '' ? '' : rub(valPrev)],
  ];
  const change = (a: number | '', b: number | '') => (typeof a === 'number' && typeof b === 'number' && b !== 0 ? Math.round(((a - b) / Math.abs(b)) * 1000) / 10 : '');
  const fmt = [INT, INT, INT, PCT, MONEY, MONEY, MONEY, MONEY];
  put(
    w,
    9,
    1,
    rows.map((r, i) => [t.metrics[i], r[0], r[1], change(r[0], r[1])]),
    rows.map((_r, i) => [TEXT, fmt[i], fmt[i], PCT]),
  );
  w.sheet.styleBlock({ row: 9, col: 1, numRows: 8, numCols: 1 }, { bold: true });

  // Chart data, right of the charts (columns N onwards).
  // Orders net of cancellations, as in the headline numbers.
  const days = dailySeries(daily, ['orders', 'cancels', 'sales'], p.from, p.to);
  const dayRows = days.map((d, i) => [p.from + i, d[0] - d[1], d[2]]);
  header(w, 8, 14, t.daySeries);
  put(w, 9, 14, dayRows, [DATE, INT, INT]);
  const weeks = new Map<number, [number, number]>();
  const weekly = dailySeries(daily, ['revPriceWithDisc', 'payout'], p.from, p.to);
  weekly.forEach((d, i) => {
    const day = p.from + i;
    const monday = day - ((day - 25569 + 3) % 7); // 1970-01-05 was a Monday (serial 25573)
    const acc = weeks.get(monday) || [0, 0];
    acc[0] += d[0];
    acc[1] += d[1];
    weeks.set(monday, acc);
  });
  const weekRows = Array.from(weeks.entries()).sort((a, b) => a[0] - b[0]).map(([m, v]) => [m, rub(v[0]), rub(v[1])]);
  header(w, 8, 18, t.weekSeries);
  put(w, 9, 18, weekRows, [DATE, MONEY, MONEY]);
  const stock = stockSeries(daily, p.from, p.to);
  const stockRows = stock.map((v, i) => [p.from + i, v === null ? '' : v]);
  header(w, 8, 22, t.stockSeriesHeader);
  put(w, 9, 22, stockRows, [DATE, INT]);
  const top = per.filter((x) => x.revenue > 0).sort((a, b) => b.revenue - a.revenue).slice(0, 10);
  header(w, 8, 25, t.topHeader);
  put(w, 9, 25, top.map((x) => [x.article || String(x.nmId ?? ''), rub(x.revenue)]), [TEXT, MONEY]);
  w.sheet.setColumnWidths(1, [190, 120, 120, 110]);

  const block = (col: number, n: number, cols: number) => ({ row: 8, col, numRows: n + 1, numCols: cols });
  return [
    { kind: 'line', title: t.chartOrders, ranges: [block(14, dayRows.length, 3)], anchorRow: 19, anchorCol: 1, width: 560, height: 300, options: { legend: 'bottom' } },
    { kind: 'column', title: t.chartRevenue, ranges: [block(18, weekRows.length, 3)], anchorRow: 19, anchorCol: 7, width: 560, height: 300, options: { legend: 'bottom', valueFormat: '#,##0 ₽' } },
    { kind: 'line', title: t.chartStock, ranges: [block(22, stockRows.length, 2)], anchorRow: 35, anchorCol: 1, width: 560, height: 300, options: { legend: 'none' } },
    { kind: 'bar', title: t.chartTop, ranges: [block(25, Math.max(1, top.length), 2)], anchorRow: 35, anchorCol: 7, width: 560, height: 300, options: { legend: 'none', valueFormat: '#,##0 ₽' } },
  ];
}

/** Unit economics columns (1-based) the build refers to: «Итого к оплате», the seller's cost price, profit. */
const UNIT_NET_COL = 16;
const UNIT_COST_COL = 17;
const UNIT_PROFIT_COL = 24;

interface UnitLine {
  nmId: number | null;
  values: Cell[];
  profit: number | null;
  parts: ProfitBreakdown;
}

const NO_PROFIT: { settings: ProfitSettings; sources: ProfitSources } = { settings: { taxRegime: 'none', taxRate: 0, otherCostPerUnit: 0 }, sources: { paidStorage: false, paidAcceptance: false } };

function buildUnit(w: Writer, t: DashboardTexts, per: ArticleTotals[], costs: Map<string, Cell>, p: Period, locale: Locale, check: ReportCheckLine[] | null, profit: { settings: ProfitSettings; sources: ProfitSources }, totals: SourceTotals | null, commission: CommissionCheck | null = null): { rules: ConditionalRuleSpec[]; lines: UnitLine[] } {
  const pt = profitTexts(locale);
  title(w, t.unit, t.unitNote + ' ' + pt.unitProfitNote(profit.sources.paidStorage, profit.sources.paidAcceptance));
  put(w, 2, 1, [[isoDay(p.from, locale) + ' – ' + isoDay(p.to, locale)]], [TEXT]);
  put(w, 4, 1, [[pt.unitSettings(profit.settings)]], [TEXT]);
  header(w, 5, 1, t.unitHeader);
  const active = per.filter((x) => x.realUnits || x.retail || x.payout || x.logistics || x.storage || x.acceptance || x.penalties || x.deductions || x.additional || x.commission || x.loyalty || x.paySchedule || x.adSpend || x.storagePaid || x.acceptancePaid);
  // Every article WB sells stays listed (with its cost price) even in a quiet period.
  const listed = per.filter((x) => x.nmId !== null && (active.includes(x) || costs.has(String(x.nmId)) || x.sales || x.orders));
  const withNo = active.filter((x) => x.nmId === null);
  const order = listed.sort((a, b) => b.retail - a.retail || a.article.localeCompare(b.article)).concat(withNo);
  const lines: UnitLine[] = order.map((x) => {
    const net = bankPayment(x);
    const cost = x.nmId === null ? '' : costs.has(String(x.nmId)) ? costs.get(String(x.nmId)) ?? '' : '';
    // The row without an article has no goods, an article that sold nothing costs nothing: zero, not unknown.
    const b = articleProfit(x, costs, profit);
    const blank = (v: number | '' | null) => (v === null ? '' : v);
    return {
      nmId: x.nmId,
      profit: b.profit,
      parts: b,
      values: [
        x.nmId === null ? t.noArticle : x.article,
        x.nmId === null ? '' : x.nmId,
        x.subject,
        x.realUnits,
        rub(x.retail),
        rub(x.commission),
        rub(x.logistics),
        rub(x.storage),
        rub(x.acceptance),
        rub(x.penalties),
        rub(x.deductions),
        rub(x.additional),
        rub(x.loyalty),
        rub(x.paySchedule),
        rub(x.payout),
        rub(net),
        cost,
        rub(b.storage),
        rub(b.acceptance),
        rub(b.ads),
        rub(b.tax),
        b.cost === null ? '' : rub(b.cost),
        rub(b.other),
        b.profit === null ? '' : rub(b.profit),
        blank(marginOf(b)),
        blank(roiOf(b)),
        blank(drrOf(b)),
      ],
    };
  });
  const formats = [TEXT, INT, TEXT, INT, MONEY, MONEY, MONEY, MONEY, MONEY, MONEY, MONEY, MONEY, MONEY, MONEY, MONEY, MONEY, MONEY, MONEY, MONEY, MONEY, MONEY, MONEY, MONEY, MONEY, PCT, PCT, PCT];
  if (lines.length) put(w, 6, 1, lines.map((l) => l.values), lines.map(() => formats));
  const sumKop = (i: number) => Math.round(lines.reduce((s, l) => s + (typeof l.values[i] === 'number' ? Math.round((l.values[i] as number) * 100) : 0), 0));
  const sum = (i: number) => sumKop(i) / 100;
  const totalRow = 6 + lines.length;
  const units = lines.reduce((s, l) => s + (typeof l.values[3] === 'number' ? (l.values[3] as number) : 0), 0);
  const profits = lines.filter((l) => l.profit !== null);
  const missingCost = lines.filter((l) => l.profit === null).length;
  const money = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => sum(from + i));
  const all = profits.length === lines.length && lines.length > 0;
  const sumParts = (k: 'income' | 'ads' | 'cost' | 'other' | 'profit') => lines.reduce((s, l) => s + ((l.parts[k] as number | null) ?? 0), 0);
  const totalParts = { units: 0, income: sumParts('income'), bank: 0, storage: 0, acceptance: 0, ads: sumParts('ads'), cost: sumParts('cost'), other: sumParts('other'), tax: 0, profit: sumParts('profit') } as ProfitBreakdown;
  const blank = (v: number | '') => v;
  put(
    w,
    totalRow,
    1,
    [[t.total, '', '', units, ...money(4, UNIT_NET_COL - 1), '', ...money(17, 20), profits.length ? sum(21) : '', sum(22), all ? sum(UNIT_PROFIT_COL - 1) : '', all ? blank(marginOf(totalParts)) : '', all ? blank(roiOf(totalParts)) : '', blank(drrOf(totalParts))]],
    [formats],
  );
  w.sheet.styleBlock({ row: totalRow, col: 1, numRows: 1, numCols: t.unitHeader.length }, { bold: true, background: '#f1f3f4' });
  // The totals against the raw reports, then WB's own «Итого к оплате» per report (B stays free of numbers a cost-price read would take).
  let row = totalRow + 2;
  if (totals) {
    const recon = reconcile(pt, totals, { bank: sumKop(15), realStorage: sumKop(7), realAcceptance: sumKop(8), storagePaid: sumKop(17), acceptancePaid: sumKop(18), ads: sumKop(19) }, profit.sources, all ? { profit: sumKop(23), tax: sumKop(20), cost: sumKop(21), other: sumKop(22) } : null, missingCost);
    put(w, row, 1, [[pt.reconTitle]], [TEXT]);
    w.sheet.styleBlock({ row, col: 1, numRows: 1, numCols: 1 }, { bold: true });
    header(w, row + 1, 1, pt.reconHeader);
    put(w, row + 2, 1, recon.rows, recon.rows.map(() => [TEXT, MONEY, MONEY, MONEY]));
    put(w, row + 2 + recon.rows.length, 1, [[recon.verdict]], [TEXT]);
    w.sheet.styleBlock({ row: row + 2 + recon.rows.length, col: 1, numRows: 1, numCols: 1 }, { bold: true, fontColor: recon.ok ? '#137333' : '#a50e0e' });
    row += recon.rows.length + 4;
  }
  put(w, row, 1, [[t.checkTitle]], [TEXT]);
  w.sheet.styleBlock({ row, col: 1, numRows: 1, numCols: 1 }, { bold: true });
  if (check && check.length) header(w, row + 1, 1, t.checkHeader);
  const checkRows = check === null ? [[t.checkNeedsKey]] : !check.length ? [[t.checkNone]] : check.map((c) => [c.reportId, String(c.reportType ?? ''), (c.from === null ? '' : isoDay(c.from, locale)) + ' – ' + (c.to === null ? '' : isoDay(c.to, locale)), c.wb === null ? '' : rub(c.wb), rub(c.ours), c.wb === null ? '' : rub(c.ours - c.wb)]);
  put(w, row + (check && check.length ? 2 : 1), 1, checkRows, checkRows.map((r) => (r.length > 1 ? [TEXT, TEXT, TEXT, MONEY, MONEY, MONEY] : [TEXT])));
  if (commission) writeCommissionCheck(w, row + (check && check.length ? 2 : 1) + checkRows.length + 1, commission, locale);
  w.sheet.styleBlock({ row: 6, col: UNIT_COST_COL, numRows: Math.max(1, lines.length), numCols: 1 }, { background: '#fff2cc' });
  w.sheet.setColumnWidths(1, [170, 100, 140]);
  w.sheet.freezeRows(5);
  const n = Math.max(1, lines.length + 1);
  return {
    lines,
    rules: [
      { ranges: [{ row: 6, col: UNIT_PROFIT_COL, numRows: n, numCols: 1 }], when: { kind: 'lessThan', value: 0 }, background: RED, fontColor: '#a50e0e' },
      { ranges: [{ row: 6, col: UNIT_PROFIT_COL + 1, numRows: n, numCols: 2 }], when: { kind: 'lessThan', value: 0 }, fontColor: '#a50e0e' },
      { ranges: [{ row: 6, col: UNIT_NET_COL, numRows: n, numCols: 1 }], when: { kind: 'lessThan', value: 0 }, background: RED },
    ],
  };
}

/**
 * Each total of the sheet against the same money from the raw report sheets, and the
 * profit total against the reports' own sums put through the profit formula: a
 * difference means an article lost or doubled on the way (never rounding: all in kopecks).
 */
function reconcile(pt: ReturnType<typeof profitTexts>, raw: SourceTotals, ours: Record<keyof SourceTotals, number>, sources: ProfitSources, p: { profit: number; tax: number; cost: number; other: number } | null, missingCost: number): { rows: Cell[][]; verdict: string; ok: boolean } {
  const rows: Cell[][] = [];
  let ok = true;
  let any = false;
  const line = (label: string, sheet: number, report: number | null) => {
    if (report === null) return;
    any = true;
    const diff = Math.round(sheet - report);
    if (diff !== 0) ok = false;
    rows.push([label, rub(sheet), rub(report), rub(diff)]);
  };
  line(pt.reconBank, ours.bank, raw.bank);
  line(pt.reconRealStorage, ours.realStorage, raw.realStorage);
  line(pt.reconRealAcceptance, ours.realAcceptance, raw.realAcceptance);
  if (sources.paidStorage) line(pt.reconStorage, ours.storagePaid, raw.storagePaid);
  if (sources.paidAcceptance) line(pt.reconAcceptance, ours.acceptancePaid, raw.acceptancePaid);
  line(pt.reconAds, ours.ads, raw.ads);
  if (p && raw.bank !== null && raw.realStorage !== null && raw.realAcceptance !== null) {
    // Profit rebuilt from the reports' totals: to pay − storage and acceptance counted − ads − tax − cost − other.
    const storage = sources.paidStorage ? raw.storagePaid ?? 0 : raw.realStorage;
    const acceptance = sources.paidAcceptance ? raw.acceptancePaid ?? 0 : raw.realAcceptance;
    const fromReports = raw.bank + raw.realStorage + raw.realAcceptance - storage - acceptance - (raw.ads ?? 0) - p.tax - p.cost - p.other;
    line(pt.reconProfit, p.profit, Math.round(fromReports));
  }
  const diffs = rows.filter((r) => r[3] !== 0).map((r) => r[0] + ' ' + String(r[3]).replace('.', ','));
  const verdict = !any ? pt.reconNoReports : ok ? pt.reconOk(missingCost) : pt.reconDiff(diffs.join('; '));
  return { rows, verdict, ok: ok && any };
}

function buildForecast(w: Writer, t: DashboardTexts, inp: DashboardInputs, threshold: number, target: number): ConditionalRuleSpec[] {
  title(w, t.forecast, '');
  put(w, 2, 1, [[t.thresholdLabel, threshold], [t.targetLabel, target]], [[TEXT, INT], [TEXT, INT]]);
  w.sheet.styleBlock({ row: 2, col: 2, numRows: 2, numCols: 1 }, { background: '#fff2cc', bold: true });
  put(w, 4, 1, [[t.forecastNote]], [TEXT]);
  w.sheet.styleBlock({ row: 4, col: 1, numRows: 1, numCols: 1 }, { italic: true, fontColor: '#5f6368' });
  header(w, 6, 1, t.forecastHeader);
  const lines = stockForecast(inp.stocks, inp.recentOrders, inp.today, threshold, target);
  const values = lines.map((l) => [l.article, l.nmId ?? '', l.warehouse, l.stock, l.rate7, l.rate14, l.rate30, l.daysLeft ?? '', l.reorder ? t.yes : '', l.toSend || '']);
  if (values.length) put(w, 7, 1, values, values.map(() => [TEXT, INT, TEXT, INT, '0.00', '0.00', '0.00', '0.0', TEXT, INT]));
  w.sheet.setColumnWidths(1, [170, 100, 150]);
  w.sheet.freezeRows(6);
  const n = Math.max(1, values.length);
  return [
    { ranges: [{ row: 7, col: 8, numRows: n, numCols: 1 }], when: { kind: 'formula', formula: '=AND(ISNUMBER($H7),$H7<$B$2)' }, background: AMBER },
    { ranges: [{ row: 7, col: 9, numRows: n, numCols: 2 }], when: { kind: 'notEmpty' }, background: AMBER, bold: true },
  ];
}

function buildAbc(w: Writer, t: DashboardTexts, per: ArticleTotals[], units: UnitLine[]): void {
  const profits = new Map<string, number>();
  for (const l of units) if (l.nmId !== null && l.profit !== null) profits.set(String(l.nmId), l.profit);
  const byProfit = profits.size > 0;
  // By profit: every article with a profit is ranked, a loss-maker last as C (never dropped).
  const pool = per.filter((x) => x.nmId !== null && (!byProfit || profits.has(String(x.nmId))));
  const ranked = abc(pool.map((x) => ({ nmId: x.nmId, article: x.article, value: byProfit ? profits.get(String(x.nmId)) ?? 0 : x.revenue })), byProfit);
  title(w, t.abc, t.abcNote(byProfit));
  header(w, 5, 1, byProfit ? t.abcHeaderProfit : t.abcHeaderRevenue);
  const values = ranked.map((l, i) => [i + 1, l.article, l.nmId ?? '', rub(l.value), Math.round(l.share * 1000) / 10, Math.round(l.cumulative * 1000) / 10, l.abcClass]);
  if (values.length) put(w, 6, 1, values, values.map(() => [INT, TEXT, INT, MONEY, PCT, PCT, TEXT]));
  const colors: Record<string, string> = { A: '#d9ead3', B: '#fff2cc', C: '#f4cccc' };
  if (values.length) w.sheet.styleBlock({ row: 6, col: 7, numRows: values.length, numCols: 1 }, { backgrounds: ranked.map((l) => [colors[l.abcClass]]), bold: true, align: 'center' });
  w.sheet.setColumnWidths(1, [50, 170, 100, 130]);
  w.sheet.freezeRows(5);
}

const AREA_PROPERTY = 'wb.dashboard.area';

/** Builds (or rebuilds) all five sheets. */
export function buildDashboard(gateway: DashboardGateway, props: KeyValueStore, inp: DashboardInputs): DashboardResult {
  const t = dashboardTexts(inp.locale);
  const overviewBefore = gateway.findSheet(DASHBOARD_TAG, 'overview');
  const unitBefore = gateway.findSheet(DASHBOARD_TAG, 'unit');
  const forecastBefore = gateway.findSheet(DASHBOARD_TAG, 'forecast');
  const inputs = readPeriodInputs(overviewBefore);
  const costs = readCostCells(unitBefore);
  const threshold = readNumber(forecastBefore, 2, 14);
  const target = readNumber(forecastBefore, 3, 30);
  const period = resolvePeriod(inputs.choice, inp.today, inputs.from, inputs.to);
  const per = articleTotals(inp.daily, period.from, period.to);

  let cells = 0;
  let areas: Record<string, [number, number]> = {};
  try {
    areas = JSON.parse(props.get(AREA_PROPERTY) || '{}') || {};
  } catch {
    areas = {};
  }
  const open = (name: string, id: string): Writer => {
    const sheet = gateway.openSheet(name, DASHBOARD_TAG, id);
    const area = areas[id];
    // Only what the last build wrote (a first build on an adopted sheet: nothing to clear).
    if (area && area[0] > 0 && area[1] > 0) sheet.clearContentsAndFormats({ row: 1, col: 1, numRows: area[0], numCols: area[1] });
    return { sheet, cells: 0, rows: 0, cols: 0 };
  };
  const ov = open(t.overview, 'overview');
  const charts = buildOverview(ov, t, inp, period, inputs.choice, inputs.from, inputs.to, per)
    .concat(overviewCards(ov, inp.daily, period, inp.locale))
    .concat(overviewProfit(ov, inp.daily, period, per, costs, inp.profit || NO_PROFIT, inp.locale));
  ov.sheet.replaceCharts(charts);
  ov.sheet.replaceConditionalRules([{ ranges: [{ row: 9, col: 4, numRows: 10, numCols: 1 }], when: { kind: 'lessThan', value: 0 }, fontColor: '#a50e0e' }]);
  const un = open(t.unit, 'unit');
  const unit = buildUnit(un, t, per, costs, period, inp.locale, inp.reportCheck ? inp.reportCheck(period.from, period.to) : null, inp.profit || NO_PROFIT, inp.sourceTotals ? inp.sourceTotals(period.from, period.to) : null, inp.commissionCheck ? inp.commissionCheck(period.from, period.to) : null);
  un.sheet.replaceConditionalRules(unit.rules);
  const fc = open(t.forecast, 'forecast');
  fc.sheet.replaceConditionalRules(buildForecast(fc, t, inp, threshold, target));
  const ab = open(t.abc, 'abc');
  buildAbc(ab, t, per, unit.lines);
  const cd = open(cardTexts(inp.locale).sheet, 'cards');
  cd.sheet.replaceConditionalRules(buildCards(cd, inp.daily, per, stockAt(inp.daily, period.to), period, inp.locale, (d) => isoDay(d, inp.locale)));
  for (const w of [ov, un, fc, ab, cd]) cells += w.cells;
  areas = { overview: [ov.rows, ov.cols], unit: [un.rows, un.cols], forecast: [fc.rows, fc.cols], abc: [ab.rows, ab.cols], cards: [cd.rows, cd.cols] };
  props.set(AREA_PROPERTY, JSON.stringify(areas));
  return { period, sheets: [ov.sheet.name(), un.sheet.name(), fc.sheet.name(), ab.sheet.name(), cd.sheet.name()], charts: charts.length, cellsWritten: cells };
}
