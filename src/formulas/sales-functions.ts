/**
 * WB_SALES and WB_REVENUE over the synced sales sheet. They never call WB: they
 * read what sync stored, so they are fast, free and deterministic.
 */
import { Cell } from '../gas/types';
import { SALES } from '../reports/sales';
import { Locale, texts } from '../texts/i18n';
import { DateToSerial, DayRange, mapArticles, parseDayRange } from './args';
import { PRICE_FIELDS, PriceField, SalesIndex } from './sales-index';

export interface FormulaContext {
  locale: Locale;
  toSerial: DateToSerial;
  /** Synced sales rows keyed by column id, or null when nothing is synced yet. */
  loadSales(): Record<string, Cell>[] | null;
}

type Result = number | '' | (number | '')[][];

function loadIndex(ctx: FormulaContext): SalesIndex {
  const rows = ctx.loadSales();
  if (rows === null) throw new Error(texts(ctx.locale).fnNoData(SALES.title[ctx.locale]));
  return new SalesIndex(rows);
}

function inRange(day: number, range: DayRange): boolean {
  return (range.from === null || day >= range.from) && (range.to === null || day <= range.to);
}

function total(index: SalesIndex, article: unknown, range: DayRange, pick: (i: number) => number): number {
  const selected = index.select(article);
  let sum = 0;
  if (selected === null) {
    for (let i = 0; i < index.facts.length; i++) if (inRange(index.facts[i].day, range)) sum += pick(i);
  } else {
    for (const i of selected) if (inRange(index.facts[i].day, range)) sum += pick(i);
  }
  return sum;
}

/** Units sold net of returns. */
export function wbSales(ctx: FormulaContext, article: unknown, from?: unknown, to?: unknown): Result {
  const range = parseDayRange(from, to, ctx.toSerial, ctx.locale);
  const index = loadIndex(ctx);
  return mapArticles(article, (a) => total(index, a, range, (i) => index.facts[i].units));
}

export function parsePriceField(value: unknown, locale: Locale): PriceField {
  if (value === null || value === undefined || String(value).trim() === '') return 'priceWithDisc';
  const wanted = String(value).trim().toLowerCase();
  for (const f of PRICE_FIELDS) if (f.toLowerCase() === wanted) return f;
  throw new Error(texts(locale).fnBadPrice(String(value)));
}

/** Money of sales minus returns in rubles, exact to the kopeck. */
export function wbRevenue(ctx: FormulaContext, article: unknown, from?: unknown, to?: unknown, price?: unknown): Result {
  const range = parseDayRange(from, to, ctx.toSerial, ctx.locale);
  const field = parsePriceField(price, ctx.locale);
  const index = loadIndex(ctx);
  return mapArticles(article, (a) => total(index, a, range, (i) => index.facts[i].kopecks[field]) / 100);
}
