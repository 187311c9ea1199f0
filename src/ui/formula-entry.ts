/**
 * The custom functions' side of the add-on: a FormulaContext over the active
 * spreadsheet that reads each column of the daily table at most once per call.
 */
import { Cell } from '../gas/types';
import { AppsScriptSpreadsheet } from '../gas/spreadsheet';
import { PropertiesStore, userLocale } from '../gas/services';
import { DailySource, Measure, ROW_COUNTS } from '../daily/measures';
import { packedSpan } from '../daily/packing';
import { SOURCE_SPECS } from '../daily/refresh';
import { DAILY } from '../daily/table';
import { DailyIndex } from '../daily/daily-index';
import * as fns from '../formulas/functions';
import { wbAds } from '../formulas/ads-functions';
import * as reviewFns from '../formulas/review-functions';
import * as funnelFns from '../formulas/funnel-functions';
import * as searchFns from '../formulas/search-functions';
import { SALES } from '../reports/sales';
import { loadStocks } from '../dashboard/load';
import { SheetTable, TABLE_TAG } from '../store/table';
import { texts } from '../texts/i18n';
import { ProfitContext, wbMargin, wbProfit, wbRoi } from '../formulas/profit-functions';
import { readCostCells } from '../dashboard/cost-prices';
import { DASHBOARD_TAG } from '../dashboard/build';
import { loadSettings } from '../sync/settings';

export function formulaContext(): ProfitContext {
  const gateway = AppsScriptSpreadsheet.active();
  const zone = gateway.zoneConverter();
  const locale = userLocale();
  let dailyTable: SheetTable | null | undefined;
  const columns = new Map<string, Cell[]>();
  /** Reads the wanted columns not read yet, adjacent ones together. */
  const need = (ids: string[]) => {
    const missing = ids.filter((id) => !columns.has(id));
    if (!missing.length) return;
    const read = (dailyTable as SheetTable).readColumns(missing);
    for (const id of missing) columns.set(id, read.get(id) || []);
  };
  const column = (id: string): Cell[] => columns.get(id) || [];
  return {
    locale,
    toSerial: (d) => zone.dateToSerial(d),
    loadDaily: (measures: Measure[], names: boolean, sizes = false) => {
      if (dailyTable === undefined) dailyTable = SheetTable.find(gateway, DAILY);
      if (!dailyTable) return null;
      need(['period', 'nmId', 'barcode', 'article', ...(sizes ? ['size'] : []), ...(names ? ['subject', 'title'] : []), ...measures]);
      const measureCols: Partial<Record<Measure, Cell[]>> = {};
      for (const m of measures) measureCols[m] = column(m);
      return new DailyIndex({
        period: column('period'),
        nmId: column('nmId'),
        barcode: column('barcode'),
        article: column('article'),
        size: sizes ? column('size') : undefined,
        subject: names ? column('subject') : undefined,
        title: names ? column('title') : undefined,
        measures: measureCols,
      });
    },
    loadStocks: () => loadStocks(gateway),
    loaded: (source: DailySource) => {
      if (gateway.findSheetByTag(TABLE_TAG, SOURCE_SPECS[source].id)) return true;
      // The raw sheet deleted after the daily table counted its rows: those totals stand.
      if (dailyTable === undefined) dailyTable = SheetTable.find(gateway, DAILY);
      const counts = ROW_COUNTS[source] || [];
      if (!dailyTable || !counts.length) return false;
      need(counts);
      return counts.some((m) => column(m).some((v) => packedSpan(v) !== null));
    },
    loadCostPrices: () => readCostCells(gateway.findSheetByTag(DASHBOARD_TAG, 'unit')),
    profitSettings: () => loadSettings(PropertiesStore.document()),
    loadSales: () => {
      const table = SheetTable.find(gateway, SALES);
      if (!table) return null;
      for (const id of ['date', 'saleID']) {
        const c = SALES.columns.find((x) => x.id === id);
        if (c && !table.hasColumn(id)) throw new Error(texts(locale).fnMissingColumn(table.sheetName(), locale === 'ru' ? c.ru : c.en));
      }
      return table.readRows();
    },
  };
}

export const WB_SALES = (article: unknown, from?: unknown, to?: unknown) => fns.wbSales(formulaContext(), article, from, to);
export const WB_REVENUE = (article: unknown, from?: unknown, to?: unknown, price?: unknown) => fns.wbRevenue(formulaContext(), article, from, to, price);
export const WB_ORDERS = (article: unknown, from?: unknown, to?: unknown) => fns.wbOrders(formulaContext(), article, from, to);
export const WB_RETURNS = (article: unknown, from?: unknown, to?: unknown) => fns.wbReturns(formulaContext(), article, from, to);
export const WB_STOCK = (article: unknown, warehouse?: unknown) => fns.wbStock(formulaContext(), article, warehouse);
export const WB_PAYOUT = (article: unknown, from?: unknown, to?: unknown) => fns.wbPayout(formulaContext(), article, from, to);
export const WB_COSTS = (article: unknown, from?: unknown, to?: unknown, kind?: unknown) => fns.wbCosts(formulaContext(), article, from, to, kind);
export const WB_ADS = (article: unknown, from?: unknown, to?: unknown, metric?: unknown) => wbAds(formulaContext(), article, from, to, metric);
export const WB_SUMMARY = (from?: unknown, to?: unknown) => fns.wbSummary(formulaContext(), from, to);
export const WB_RATING = (article: unknown, from?: unknown, to?: unknown) => reviewFns.wbRating(formulaContext(), article, from, to);
export const WB_REVIEWS = (article: unknown, from?: unknown, to?: unknown, stars?: unknown) => reviewFns.wbReviews(formulaContext(), article, from, to, stars);
export const WB_UNANSWERED = (article?: unknown) => reviewFns.wbUnanswered(formulaContext(), article);
export const WB_FUNNEL = (article: unknown, from?: unknown, to?: unknown, metric?: unknown) => funnelFns.wbFunnel(formulaContext(), article, from, to, metric);
export const WB_POSITION = (article: unknown, from?: unknown, to?: unknown) => searchFns.wbPosition(formulaContext(), article, from, to);
export const WB_VISIBILITY = (article: unknown, from?: unknown, to?: unknown) => searchFns.wbVisibility(formulaContext(), article, from, to);
export const WB_PROFIT = (article: unknown, from?: unknown, to?: unknown) => wbProfit(formulaContext(), article, from, to);
export const WB_MARGIN = (article: unknown, from?: unknown, to?: unknown) => wbMargin(formulaContext(), article, from, to);
export const WB_ROI = (article: unknown, from?: unknown, to?: unknown) => wbRoi(formulaContext(), article, from, to);
