/**
 * WB_PROFIT, WB_MARGIN and WB_ROI: an article's profit for a period by the one
 * definition in daily/profit.ts (the unit economics sheet uses the same), from the daily
 * table, the cost prices on `WB Юнит-экономика` and the tax settings.
 */
import { Cell } from '../gas/types';
import { DailyIndex } from '../daily/daily-index';
import { ProfitBreakdown, ProfitSettings, ProfitSources, PROFIT_MEASURES, ProfitSums, marginOf, profitOf, roiOf } from '../daily/profit';
import { DAILY } from '../daily/table';
import { texts } from '../texts/i18n';
import { profitTexts } from '../texts/profit-texts';
import { costOfGoods, parseCost, sizeKey } from '../dashboard/cost-prices';
import { REALIZATION } from '../reports/realization';
import { Category } from '../wb/token';
import { categoryName } from '../texts/i18n';
import { DayRange, mapArticles, parseDayRange } from './args';
import type { FormulaContext } from './functions';

export interface ProfitContext extends FormulaContext {
  /** Cost prices by nmId as the seller typed them on the unit economics sheet. */
  loadCostPrices(): Map<string, Cell>;
  profitSettings(): ProfitSettings;
}

type Groups = { nmId: number | null; rows: number[] }[];

/** The article's parts summed over its articles (nmIds), each profit computed per article as the sheet does. */
function total(ctx: ProfitContext, index: DailyIndex, groups: Groups, groupOf: Int32Array, rows: number[] | null, range: DayRange, costs: Map<string, Cell>, settings: ProfitSettings, sources: ProfitSources, label: string): ProfitBreakdown {
  let parts: Groups = groups;
  if (rows !== null) {
    const picked = new Map<number, number[]>();
    for (const i of rows) {
      const g = groupOf[i];
      if (g < 0) continue;
      const list = picked.get(g);
      if (list) list.push(i);
      else picked.set(g, [i]);
    }
    parts = Array.from(picked.entries()).map(([g, r]) => ({ nmId: groups[g].nmId, rows: r }));
  }
  const sum: ProfitBreakdown = { units: 0, income: 0, bank: 0, storage: 0, acceptance: 0, ads: 0, cost: 0, other: 0, tax: 0, profit: 0 };
  for (const g of parts) {
    const s = {} as ProfitSums;
    for (const m of PROFIT_MEASURES) s[m as keyof ProfitSums] = index.sum(m, g.rows, range);
    // Units per size: a cost price may be given per size.
    const bySize = new Map<string, number>();
    for (const i of g.rows) {
      const units = index.sum('realUnits', [i], range);
      if (units) bySize.set(sizeKey(index.cols.size?.[i]), (bySize.get(sizeKey(index.cols.size?.[i])) || 0) + units);
    }
    // The row without an article has no goods; otherwise no cost price matters only where units moved (cost × 0 is 0).
    const cost = g.nmId === null ? 0 : costOfGoods(parseCost(costs.get(String(g.nmId))), bySize);
    if (cost === null) throw new Error(profitTexts(ctx.locale).fnNoCostPrice(firstArticle(index, g.rows) || String(g.nmId)));
    const b = profitOf(s, cost, settings, sources);
    for (const k of ['units', 'income', 'bank', 'storage', 'acceptance', 'ads', 'cost', 'other', 'tax', 'profit'] as const) sum[k] = Math.round(((sum[k] as number) + (b[k] as number)) * 1000) / 1000;
  }
  return sum;
}

function firstArticle(index: DailyIndex, rows: number[]): string {
  for (const i of rows) {
    const v = index.cols.article[i];
    if (v !== null && v !== undefined && v !== '') return String(v);
  }
  return '';
}

type Pick = (b: ProfitBreakdown) => number | '';

function run(ctx: ProfitContext, article: unknown, from: unknown, to: unknown, pick: Pick): number | '' | (number | '')[][] {
  const range = parseDayRange(from, to, ctx.toSerial, ctx.locale);
  const index = ctx.loadDaily(PROFIT_MEASURES, false, true);
  if (!index) throw new Error(texts(ctx.locale).fnNoData(DAILY.title[ctx.locale]));
  // Profit without the realization report is unknown, not zero.
  if (!ctx.loaded('realization')) throw new Error(texts(ctx.locale).fnNoReport(REALIZATION.title[ctx.locale], categoryName(Category.Finance, ctx.locale)));
  const sources: ProfitSources = { paidStorage: ctx.loaded('paidStorage'), paidAcceptance: ctx.loaded('acceptance') };
  const costs = ctx.loadCostPrices();
  const settings = ctx.profitSettings();
  const groups = index.byArticleRows();
  const groupOf = new Int32Array(index.rowCount).fill(-1);
  groups.forEach((g, n) => g.rows.forEach((i) => (groupOf[i] = n)));
  return mapArticles(article, (a) => pick(total(ctx, index, groups, groupOf, index.select(a), range, costs, settings, sources, String(a))));
}

/** Profit in rubles (see daily/profit.ts). */
export function wbProfit(ctx: ProfitContext, article: unknown, from?: unknown, to?: unknown): number | '' | (number | '')[][] {
  return run(ctx, article, from, to, (b) => Math.round(b.profit as number) / 100);
}

/** Profit ÷ income («WB реализовал») × 100. */
export function wbMargin(ctx: ProfitContext, article: unknown, from?: unknown, to?: unknown): number | '' | (number | '')[][] {
  return run(ctx, article, from, to, marginOf);
}

/** Profit ÷ (cost price × units + other costs) × 100. */
export function wbRoi(ctx: ProfitContext, article: unknown, from?: unknown, to?: unknown): number | '' | (number | '')[][] {
  return run(ctx, article, from, to, roiOf);
}
