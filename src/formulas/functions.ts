/**
 * The WB_ custom functions. They never call WB: they read the daily table sync keeps
 * (and the stock snapshot for WB_STOCK), so they are fast, free and deterministic.
 * Before the first refresh builds the daily table, WB_SALES and WB_REVENUE still
 * answer from the raw sales sheet as they always did.
 */
import { Cell } from '../gas/types';
import { buyoutPercent } from '../daily/buyouts';
import { COST_MEASURES, DailySource, MEASURE_SOURCE, Measure } from '../daily/measures';
import { DAILY } from '../daily/table';
import { ADS } from '../reports/ads';
import { ORDERS } from '../reports/orders';
import { PAID_ACCEPTANCE, PAID_STORAGE } from '../reports/paid';
import { REALIZATION } from '../reports/realization';
import { FUNNEL } from '../reports/funnel';
import { REVIEWS } from '../reports/reviews';
import { SEARCH } from '../reports/search';
import { SALES } from '../reports/sales';
import { STOCKS } from '../reports/stocks';
import { ReportSpec } from '../reports/types';
import { Category } from '../wb/token';
import { Locale, categoryName, texts } from '../texts/i18n';
import { DateToSerial, DayRange, isEmpty, mapArticles, parseDayRange } from './args';
import { DailyIndex } from '../daily/daily-index';
import { FormulaContext as RawContext, parsePriceField, wbRevenue as rawRevenue, wbSales as rawSales } from './sales-functions';
import { PriceField } from './sales-index';

export interface FormulaContext extends RawContext {
  /** The daily table with the wanted measure columns, or null before the first refresh built it. */
  loadDaily(measures: Measure[], names: boolean, sizes?: boolean): DailyIndex | null;
  /** The latest stock snapshot's rows keyed by column id, or null when none is loaded. */
  loadStocks(): Record<string, Cell>[] | null;
  /** Whether a report was ever loaded: its raw sheet exists, or the daily table counted its rows. */
  loaded(source: DailySource): boolean;
}

/** Each report's sheet and the key category WB wants for it (for the "not loaded" error). */
const SOURCE_REPORT: Record<Exclude<DailySource, 'stockHistory'>, { spec: ReportSpec; category: number }> = {
  orders: { spec: ORDERS, category: Category.Statistics },
  sales: { spec: SALES, category: Category.Statistics },
  realization: { spec: REALIZATION, category: Category.Finance },
  ads: { spec: ADS, category: Category.Promotion },
  paidStorage: { spec: PAID_STORAGE, category: Category.Analytics },
  acceptance: { spec: PAID_ACCEPTANCE, category: Category.Analytics },
  reviews: { spec: REVIEWS, category: Category.Feedbacks },
  funnel: { spec: FUNNEL, category: Category.Analytics },
  search: { spec: SEARCH, category: Category.Analytics },
};

function noReport(locale: Locale, spec: ReportSpec, category: number): Error {
  return new Error(texts(locale).fnNoReport(spec.title[locale], categoryName(category, locale)));
}

/**
 * A report never loaded (no Finance key, say) has no data, which is not zero: the cell
 * says so, as WB_STOCK does without a snapshot.
 */
function requireLoaded(ctx: FormulaContext, measures: Measure[]): void {
  for (const m of measures) {
    const source = MEASURE_SOURCE[m];
    if (source === 'stockHistory' || ctx.loaded(source)) continue;
    throw noReport(ctx.locale, SOURCE_REPORT[source].spec, SOURCE_REPORT[source].category);
  }
}

function hasZero(result: Result): boolean {
  return Array.isArray(result) ? result.some((line) => line.some((v) => v === 0)) : result === 0;
}

type Result = number | '' | (number | '')[][];

const REVENUE_MEASURE: Record<PriceField, Measure> = {
  priceWithDisc: 'revPriceWithDisc',
  finishedPrice: 'revFinishedPrice',
  forPay: 'revForPay',
  totalPrice: 'revTotalPrice',
};

function daily(ctx: FormulaContext, measures: Measure[], names = false): DailyIndex {
  const index = ctx.loadDaily(measures, names);
  if (!index) throw new Error(texts(ctx.locale).fnNoData(DAILY.title[ctx.locale]));
  return index;
}

/** Applies `fn` per article argument with the sum of `plus` minus the sum of `minus`. */
function perArticle(ctx: FormulaContext, article: unknown, from: unknown, to: unknown, plus: Measure[], minus: Measure[], scale = 1): Result {
  const range = parseDayRange(from, to, ctx.toSerial, ctx.locale);
  const index = daily(ctx, plus.concat(minus));
  const result = mapArticles(article, (a) => {
    const rows = index.select(a);
    let total = 0;
    for (const m of plus) total += index.sum(m, rows, range);
    for (const m of minus) total -= index.sum(m, rows, range);
    return scale === 1 ? total : total / scale;
  });
  // Only a zero can hide a report never loaded: the check costs nothing otherwise.
  if (hasZero(result)) requireLoaded(ctx, plus.concat(minus));
  return result;
}

/** Units sold net of returns. */
export function wbSales(ctx: FormulaContext, article: unknown, from?: unknown, to?: unknown): Result {
  if (!ctx.loadDaily([], false)) return rawSales(ctx, article, from, to);
  return perArticle(ctx, article, from, to, ['sales'], ['returns']);
}

/** Money of sales minus returns in rubles, exact to the kopeck. */
export function wbRevenue(ctx: FormulaContext, article: unknown, from?: unknown, to?: unknown, price?: unknown): Result {
  if (!ctx.loadDaily([], false)) return rawRevenue(ctx, article, from, to, price);
  const field = parsePriceField(price, ctx.locale);
  return perArticle(ctx, article, from, to, [REVENUE_MEASURE[field]], [], 100);
}

/** Ordered units, cancellations excluded (by order day). */
export function wbOrders(ctx: FormulaContext, article: unknown, from?: unknown, to?: unknown): Result {
  return perArticle(ctx, article, from, to, ['orders'], ['cancels']);
}

/** Returned units (by return day). */
export function wbReturns(ctx: FormulaContext, article: unknown, from?: unknown, to?: unknown): Result {
  return perArticle(ctx, article, from, to, ['returns'], []);
}

/** What WB pays for sales minus returns per the realization report, in rubles. */
export function wbPayout(ctx: FormulaContext, article: unknown, from?: unknown, to?: unknown): Result {
  return perArticle(ctx, article, from, to, ['payout'], [], 100);
}

const COST_NAMES: Record<string, Measure[]> = {
  комиссия: ['commission'],
  commission: ['commission'],
  логистика: ['logistics'],
  logistics: ['logistics'],
  хранение: ['storage'],
  storage: ['storage'],
  приёмка: ['acceptance'],
  приемка: ['acceptance'],
  acceptance: ['acceptance'],
  штрафы: ['penalties'],
  штраф: ['penalties'],
  penalties: ['penalties'],
  удержания: ['deductions'],
  deductions: ['deductions'],
  все: COST_MEASURES,
  all: COST_MEASURES,
};

export function parseCostKind(kind: unknown, locale: Locale): Measure[] {
  if (isEmpty(kind)) return COST_MEASURES;
  const found = COST_NAMES[String(kind).trim().toLowerCase()];
  if (!found) throw new Error(texts(locale).fnBadCostKind(String(kind)));
  return found;
}

/** What WB charged (one kind or all), in rubles, from the realization report. */
export function wbCosts(ctx: FormulaContext, article: unknown, from?: unknown, to?: unknown, kind?: unknown): Result {
  const measures = parseCostKind(kind, ctx.locale);
  return perArticle(ctx, article, from, to, measures, [], 100);
}

function stockRows(ctx: FormulaContext): Record<string, Cell>[] {
  const rows = ctx.loadStocks();
  if (rows === null) throw noReport(ctx.locale, STOCKS, Category.Analytics);
  return rows;
}

/** Whether a snapshot row belongs to an article argument (same rules as the sales lookups). */
function stockMatcher(rows: Record<string, Cell>[]): (article: unknown) => (row: Record<string, Cell>) => boolean {
  const articles = new Set(rows.map((r) => String(r.vendorCode ?? '')));
  return (article) => {
    if (isEmpty(article)) return () => true;
    if (typeof article === 'number') return (r) => r.nmId === article || (!rows.some((x) => x.nmId === article) && (String(r.vendorCode) === String(article) || String(r.barcode) === String(article)));
    const text = String(article).trim();
    if (articles.has(text)) return (r) => String(r.vendorCode ?? '') === text;
    const lower = text.toLowerCase();
    if (rows.some((r) => String(r.vendorCode ?? '').trim().toLowerCase() === lower)) return (r) => String(r.vendorCode ?? '').trim().toLowerCase() === lower;
    if (/^\d+$/.test(text) && rows.some((r) => r.nmId === Number(text))) return (r) => r.nmId === Number(text);
    return (r) => String(r.barcode ?? '') === text;
  };
}

/** Units on WB's warehouses now (the latest snapshot), all warehouses or one. */
export function wbStock(ctx: FormulaContext, article: unknown, warehouse?: unknown): Result {
  const rows = stockRows(ctx);
  const match = stockMatcher(rows);
  const wanted = isEmpty(warehouse) ? null : String(warehouse).trim().toLowerCase();
  return mapArticles(article, (a) => {
    const test = match(a);
    let total = 0;
    for (const r of rows) {
      if (!test(r)) continue;
      if (wanted !== null && String(r.warehouseName ?? '').trim().toLowerCase() !== wanted) continue;
      if (typeof r.quantity === 'number') total += r.quantity;
    }
    return total;
  });
}

const SUMMARY_MEASURES: Measure[] = ['orders', 'cancels', 'buyouts', 'sales', 'returns', 'revPriceWithDisc', 'payout', ...COST_MEASURES];

/**
 * One table: a header and a row per article (nmId) with any activity in the period,
 * by revenue, largest first. Buyout % as WB counts it: the period's orders bought out
 * (on their order day) ÷ all its orders. Days of stock = stock now / units ordered per
 * day of the period, cancelled orders included (empty when nothing was ordered).
 */
export function wbSummary(ctx: FormulaContext, from?: unknown, to?: unknown): (string | number)[][] {
  const t = texts(ctx.locale);
  const range = parseDayRange(from, to, ctx.toSerial, ctx.locale);
  const index = daily(ctx, SUMMARY_MEASURES, true);
  const stocks = ctx.loadStocks();
  const stockByNm = new Map<number, number>();
  for (const r of stocks || []) if (typeof r.nmId === 'number' && typeof r.quantity === 'number') stockByNm.set(r.nmId, (stockByNm.get(r.nmId) || 0) + r.quantity);
  const span = range.from === null || range.to === null ? index.span(['orders', 'sales', 'returns']) : null;
  const period: DayRange = { from: range.from ?? (span ? span.from : null), to: range.to ?? (span ? span.to : null) };
  const days = period.from !== null && period.to !== null ? period.to - period.from + 1 : 0;
  // A report never loaded leaves its columns empty: no data is not zero.
  const hasOrders = ctx.loaded('orders');
  const hasSales = ctx.loaded('sales');
  const hasMoney = ctx.loaded('realization');
  const known = (ok: boolean, v: number | string): number | string => (ok ? v : '');
  const lines: { revenue: number; line: (string | number)[] }[] = [];
  for (const group of index.byArticleRows()) {
    const s = (m: Measure) => index.sum(m, group.rows, range);
    const orders = s('orders') - s('cancels');
    const sales = s('sales');
    const returns = s('returns');
    const revenue = s('revPriceWithDisc');
    const payout = s('payout');
    let costs = 0;
    for (const m of COST_MEASURES) costs += s(m);
    const stock = group.nmId === null ? '' : stockByNm.get(group.nmId) ?? (stocks ? 0 : '');
    if (!orders && !sales && !returns && !revenue && !payout && !costs && !stock) continue;
    const first = (col: Cell[] | undefined) => {
      for (const i of group.rows) if (col && col[i] !== null && col[i] !== undefined && col[i] !== '') return String(col[i]);
      return '';
    };
    // A unit leaves the shelf when it is ordered: the rate is every order per day (as WB's).
    const rate = days > 0 ? s('orders') / days : 0;
    lines.push({
      revenue,
      line: [
        first(index.cols.article),
        group.nmId === null ? '' : group.nmId,
        first(index.cols.subject),
        first(index.cols.title),
        known(hasOrders, orders),
        known(hasSales, sales),
        known(hasSales, returns),
        // Buyouts need both: the orders and their sales.
        known(hasOrders && hasSales, buyoutPercent({ buyouts: s('buyouts'), ordersAll: s('orders') })),
        known(hasSales, revenue / 100),
        known(hasMoney, payout / 100),
        known(hasMoney, costs / 100),
        stock,
        typeof stock === 'number' && rate > 0 ? Math.round((stock / rate) * 10) / 10 : '',
      ],
    });
  }
  lines.sort((a, b) => b.revenue - a.revenue);
  return [t.summaryHeader.slice() as (string | number)[]].concat(lines.map((l) => l.line));
}

export type { DateToSerial };
