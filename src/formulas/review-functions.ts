/**
 * WB_RATING, WB_REVIEWS and WB_UNANSWERED over the daily table's review measures: new
 * reviews per day by their stars, and the seller's answers per day (measures.ts). The
 * rating of any period is exact: Σ k·count_k / Σ count_k over the period's days.
 */
import { STAR_MEASURES, Measure } from '../daily/measures';
import { DailyIndex } from '../daily/daily-index';
import { DAILY } from '../daily/table';
import { REVIEWS } from '../reports/reviews';
import { Locale, categoryName, texts } from '../texts/i18n';
import { Category } from '../wb/token';
import { DayRange, isEmpty, mapArticles, parseDayRange } from './args';
import type { FormulaContext } from './functions';

type Result = number | '' | (number | '')[][];

function index(ctx: FormulaContext, measures: Measure[]): DailyIndex {
  const daily = ctx.loadDaily(measures, false);
  if (!daily) throw new Error(texts(ctx.locale).fnNoData(DAILY.title[ctx.locale]));
  return daily;
}

/** Never loaded is not zero reviews: the cell says which key category is missing. */
function requireReviews(ctx: FormulaContext): void {
  if (!ctx.loaded('reviews')) throw new Error(texts(ctx.locale).fnNoReport(REVIEWS.title[ctx.locale], categoryName(Category.Feedbacks, ctx.locale)));
}

/** Stars 1..5 a `stars` argument names: 4, "5", "1-3", "4,5"; omitted: all. */
export function parseStars(value: unknown, locale: Locale): number[] {
  if (isEmpty(value)) return [1, 2, 3, 4, 5];
  const text = String(value).trim().replace(/\s+/g, '');
  const out = new Set<number>();
  for (const part of text.split(/[,;]/)) {
    const m = /^([1-5])(?:[-–—]([1-5]))?$/.exec(part);
    if (!m) throw new Error(texts(locale).fnBadStars(String(value)));
    const lo = Number(m[1]);
    const hi = m[2] ? Number(m[2]) : lo;
    if (hi < lo) throw new Error(texts(locale).fnBadStars(String(value)));
    for (let s = lo; s <= hi; s++) out.add(s);
  }
  return Array.from(out).sort();
}

function counts(daily: DailyIndex, rows: number[] | null, range: DayRange): number[] {
  return STAR_MEASURES.map((m) => daily.sum(m, rows, range));
}

/** Average stars of the reviews written in the period (all time when omitted); empty when there were none. */
export function wbRating(ctx: FormulaContext, article: unknown, from?: unknown, to?: unknown): Result {
  const range = parseDayRange(from, to, ctx.toSerial, ctx.locale);
  requireReviews(ctx);
  const daily = index(ctx, STAR_MEASURES);
  return mapArticles(article, (a) => {
    const c = counts(daily, daily.select(a), range);
    const n = c.reduce((x, y) => x + y, 0);
    if (!n) return '';
    const sum = c.reduce((x, y, i) => x + y * (i + 1), 0);
    return sum / n;
  });
}

/** Reviews written in the period, optionally only those with the given stars. */
export function wbReviews(ctx: FormulaContext, article: unknown, from?: unknown, to?: unknown, stars?: unknown): Result {
  const range = parseDayRange(from, to, ctx.toSerial, ctx.locale);
  const wanted = parseStars(stars, ctx.locale);
  requireReviews(ctx);
  const daily = index(ctx, STAR_MEASURES);
  return mapArticles(article, (a) => {
    const c = counts(daily, daily.select(a), range);
    return wanted.reduce((x, s) => x + c[s - 1], 0);
  });
}

/**
 * Reviews still without the seller's answer at the end of the last synced day: all new
 * reviews minus all answers. It counts the ones WB archived unanswered after 30 days too
 * (WB's own counter leaves them out).
 */
export function wbUnanswered(ctx: FormulaContext, article?: unknown): Result {
  requireReviews(ctx);
  const daily = index(ctx, [...STAR_MEASURES, 'answers']);
  const all: DayRange = { from: null, to: null };
  return mapArticles(article, (a) => {
    const rows = daily.select(a);
    const written = counts(daily, rows, all).reduce((x, y) => x + y, 0);
    return Math.max(0, written - daily.sum('answers', rows, all));
  });
}
