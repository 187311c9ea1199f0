/**
 * WB_POSITION and WB_VISIBILITY over the daily table's search measures: each day with
 * a position counts once, so a period's value is the mean of its days (for several
 * articles, of all their days), exact for any period.
 */
import { DAILY } from '../daily/table';
import { Measure } from '../daily/measures';
import { SEARCH } from '../reports/search';
import { categoryName, texts } from '../texts/i18n';
import { Category } from '../wb/token';
import { mapArticles, parseDayRange } from './args';
import type { FormulaContext } from './functions';

type Result = number | '' | (number | '')[][];

function meanOfDays(ctx: FormulaContext, measure: Measure, article: unknown, from: unknown, to: unknown): Result {
  const range = parseDayRange(from, to, ctx.toSerial, ctx.locale);
  if (!ctx.loaded('search')) throw new Error(texts(ctx.locale).fnNoReport(SEARCH.title[ctx.locale], categoryName(Category.Analytics, ctx.locale)));
  const daily = ctx.loadDaily([measure, 'positionDays'], false);
  if (!daily) throw new Error(texts(ctx.locale).fnNoData(DAILY.title[ctx.locale]));
  return mapArticles(article, (a) => {
    const rows = daily.select(a);
    const days = daily.sum('positionDays', rows, range);
    return days ? daily.sum(measure, rows, range) / days : '';
  });
}

/** Average position in WB's search over the period's days (1 = top); empty without data. */
export function wbPosition(ctx: FormulaContext, article: unknown, from?: unknown, to?: unknown): Result {
  return meanOfDays(ctx, 'positionSum', article, from, to);
}

/** Average visibility in WB's search over the period's days, %; empty without data. */
export function wbVisibility(ctx: FormulaContext, article: unknown, from?: unknown, to?: unknown): Result {
  return meanOfDays(ctx, 'visibilitySum', article, from, to);
}
