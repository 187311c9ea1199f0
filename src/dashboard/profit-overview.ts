/**
 * Profit on `WB Сводка`: profit and ДРР for the period beside the previous period (two
 * more headline rows under the others), where each ruble of the sale amount went, and
 * profit per week. Profit by the one definition in daily/profit.ts, summed per article.
 */
import { Cell, ChartSpec } from '../gas/types';
import { DailyIndex } from '../daily/daily-index';
import { ProfitBreakdown, ProfitSettings, ProfitSources, ProfitSums, PROFIT_MEASURES, profitOf } from '../daily/profit';
import { Locale } from '../texts/i18n';
import { profitTexts } from '../texts/profit-texts';
import { costOfGoods, parseCost } from './cost-prices';
import { ArticleTotals, articleTotals, sumTotals } from './metrics';
import { Period } from './period';
import { DATE, MONEY, PCT, TEXT, Writer, header, put, rub } from './writer';

export interface ProfitInputs {
  settings: ProfitSettings;
  sources: ProfitSources;
}

export function sumsOf(x: ArticleTotals): ProfitSums {
  const s = {} as ProfitSums;
  for (const m of PROFIT_MEASURES) s[m as keyof ProfitSums] = (x as unknown as Record<string, number>)[m] ?? 0;
  return s;
}

/**
 * An article's profit parts: no cost price where units moved leaves profit unknown;
 * with no units (or no article) the cost is zero, not unknown.
 */
export function articleProfit(x: ArticleTotals, costs: Map<string, Cell>, inp: ProfitInputs): ProfitBreakdown {
  const cost = x.nmId === null ? 0 : costOfGoods(parseCost(costs.get(String(x.nmId))), x.unitsBySize);
  return profitOf(sumsOf(x), cost, inp.settings, inp.sources);
}

/** The period's profit (kopecks): null while an article that sold has no cost price. */
export function periodProfit(per: ArticleTotals[], costs: Map<string, Cell>, inp: ProfitInputs): number | null {
  let total = 0;
  for (const x of per) {
    const p = articleProfit(x, costs, inp).profit;
    if (p === null) return null;
    total += p;
  }
  return Math.round(total * 1000) / 1000;
}

/** Where the sale amount went, kopecks: the parts add up to it exactly. */
export function rubleSplit(per: ArticleTotals[], costs: Map<string, Cell>, inp: ProfitInputs): { label: keyof ReturnType<typeof profitTexts>['split']; kop: number }[] | null {
  const t = sumTotals(per);
  let storage = 0, acceptance = 0, tax = 0, cost = 0, other = 0, profit = 0;
  for (const x of per) {
    const b = articleProfit(x, costs, inp);
    if (b.profit === null || b.cost === null) return null;
    storage += b.storage;
    acceptance += b.acceptance;
    tax += b.tax;
    cost += b.cost;
    other += b.other;
    profit += b.profit;
  }
  // Everything else WB withheld or paid back: penalties, deductions, loyalty, fee adjustment, schedule change.
  const wbOther = t.retail - t.commission - t.logistics - storage - acceptance - t.adSpend - tax - cost - other - profit;
  return [
    { label: 'commission', kop: t.commission },
    { label: 'logistics', kop: t.logistics },
    { label: 'storage', kop: storage + acceptance },
    { label: 'wbOther', kop: Math.round(wbOther * 1000) / 1000 },
    { label: 'ads', kop: t.adSpend },
    { label: 'tax', kop: tax },
    { label: 'cost', kop: cost + other },
    { label: 'profit', kop: Math.round(profit * 1000) / 1000 },
  ];
}

const change = (a: number | '', b: number | '') => (typeof a === 'number' && typeof b === 'number' && b !== 0 ? Math.round(((a - b) / Math.abs(b)) * 1000) / 10 : '');

/** ДРР for the overview: ad spend ÷ revenue (seller-discount price, net of returns) × 100, as WB_ADS. */
function drr(t: ArticleTotals): number | '' {
  return t.revenue ? Math.round((t.adSpend / t.revenue) * 10000) / 100 : '';
}

/** Rows 17–18 of the headline block, the chart data in AJ:AK and AM:AN, and two charts under the card charts. */
export function overviewProfit(w: Writer, daily: DailyIndex, p: Period, per: ArticleTotals[], costs: Map<string, Cell>, inp: ProfitInputs, locale: Locale): ChartSpec[] {
  const t = profitTexts(locale);
  const prevPer = articleTotals(daily, p.prevFrom, p.prevTo);
  const now = periodProfit(per, costs, inp);
  const before = periodProfit(prevPer, costs, inp);
  const cur = sumTotals(per);
  const prev = sumTotals(prevPer);
  const pr = (k: number | null) => (k === null ? '' : rub(k));
  const rows: [string, number | '', number | ''][] = [
    [t.overviewProfit, pr(now), pr(before)],
    [t.overviewDrr, drr(cur), drr(prev)],
  ];
  put(w, 17, 1, rows.map((r) => [r[0], r[1], r[2], change(r[1], r[2])]), [[TEXT, MONEY, MONEY, PCT], [TEXT, PCT, PCT, PCT]]);
  w.sheet.styleBlock({ row: 17, col: 1, numRows: 2, numCols: 1 }, { bold: true });
  if (now === null) put(w, 7, 1, [[t.overviewNoCost]], [TEXT]);

  const split = rubleSplit(per, costs, inp);
  const splitRows = split ? split.map((s) => [t.split[s.label], rub(s.kop)]) : [[t.split.profit, '']];
  header(w, 8, SPLIT_COL, t.splitHeader);
  put(w, 9, SPLIT_COL, splitRows, [TEXT, MONEY]);
  // Profit per week (Monday to Sunday, cut to the period): each week's articles summed.
  const weeks: Cell[][] = [];
  for (let monday = p.from - ((p.from - 25569 + 3) % 7); monday <= p.to; monday += 7) {
    const a = Math.max(p.from, monday);
    const b = Math.min(p.to, monday + 6);
    const k = periodProfit(articleTotals(daily, a, b), costs, inp);
    weeks.push([monday, k === null ? '' : rub(k)]);
  }
  header(w, 8, WEEK_COL, t.weekHeader);
  put(w, 9, WEEK_COL, weeks, [DATE, MONEY]);
  return [
    { kind: 'bar', title: t.chartSplit, ranges: [{ row: 8, col: SPLIT_COL, numRows: splitRows.length + 1, numCols: 2 }], anchorRow: 83, anchorCol: 1, width: 560, height: 300, options: { legend: 'none', valueFormat: '#,##0 ₽' } },
    { kind: 'column', title: t.chartWeeks, ranges: [{ row: 8, col: WEEK_COL, numRows: weeks.length + 1, numCols: 2 }], anchorRow: 83, anchorCol: 7, width: 560, height: 300, options: { legend: 'none', valueFormat: '#,##0 ₽' } },
  ];
}

/** Columns of the chart data (AJ and AM), right of the card block's (AB:AH). */
const SPLIT_COL = 36;
const WEEK_COL = 39;
