/**
 * WB_FUNNEL over the daily table's funnel measures (WB's sales funnel by day). Counts
 * sum over the period; a conversion is the period's ratio of sums (not an average of
 * WB's daily percentages), so any period's conversion is exact.
 */
import { Measure } from '../daily/measures';
import { DAILY } from '../daily/table';
import { FUNNEL } from '../reports/funnel';
import { Locale, categoryName, texts } from '../texts/i18n';
import { Category } from '../wb/token';
import { isEmpty, mapArticles, parseDayRange } from './args';
import type { FormulaContext } from './functions';

type Result = number | '' | (number | '')[][];

/** A metric: a sum of one measure (×scale), or a ratio of two in percent. */
type Metric = { sum: Measure; scale: number } | { ratio: [Measure, Measure] };

const METRICS: Record<string, Metric> = {};
function name(names: string[], metric: Metric): void {
  for (const n of names) METRICS[n] = metric;
}
name(['views', 'просмотры', 'переходы', 'переходы в карточку'], { sum: 'views', scale: 1 });
name(['cart', 'корзина', 'в корзину', 'положили в корзину'], { sum: 'carts', scale: 1 });
name(['orders', 'заказы', 'заказали'], { sum: 'funnelOrders', scale: 1 });
name(['order sum', 'orders rub', 'сумма заказов', 'заказали на сумму'], { sum: 'funnelOrderSum', scale: 100 });
name(['buyouts', 'выкупы', 'выкупили'], { sum: 'funnelBuyouts', scale: 1 });
name(['buyout sum', 'buyouts rub', 'сумма выкупов', 'выкупили на сумму'], { sum: 'funnelBuyoutSum', scale: 100 });
name(['view→cart', 'view->cart', 'view to cart', 'просмотр→корзина', 'просмотр->корзина', 'конверсия в корзину'], { ratio: ['carts', 'views'] });
name(['cart→order', 'cart->order', 'cart to order', 'корзина→заказ', 'корзина->заказ', 'конверсия в заказ'], { ratio: ['funnelOrders', 'carts'] });
name(['order→buyout', 'order->buyout', 'order to buyout', 'заказ→выкуп', 'заказ->выкуп', 'процент выкупа', 'выкуп %', 'buyout %'], { ratio: ['funnelBuyouts', 'funnelOrders'] });

export function parseFunnelMetric(value: unknown, locale: Locale): Metric {
  if (isEmpty(value)) return METRICS.views;
  const key = String(value).trim().toLowerCase().replace(/\s+/g, ' ').replace(/\s*(→|->)\s*/g, '$1');
  const found = METRICS[key];
  if (!found) throw new Error(texts(locale).fnBadFunnelMetric(String(value)));
  return found;
}

/** A funnel number of the period: views, cart, orders, buyouts (units or rubles) or a conversion in %. */
export function wbFunnel(ctx: FormulaContext, article: unknown, from?: unknown, to?: unknown, metric?: unknown): Result {
  const range = parseDayRange(from, to, ctx.toSerial, ctx.locale);
  const m = parseFunnelMetric(metric, ctx.locale);
  if (!ctx.loaded('funnel')) throw new Error(texts(ctx.locale).fnNoReport(FUNNEL.title[ctx.locale], categoryName(Category.Analytics, ctx.locale)));
  const measures: Measure[] = 'sum' in m ? [m.sum] : m.ratio;
  const daily = ctx.loadDaily(measures, false);
  if (!daily) throw new Error(texts(ctx.locale).fnNoData(DAILY.title[ctx.locale]));
  return mapArticles(article, (a) => {
    const rows = daily.select(a);
    if ('sum' in m) return daily.sum(m.sum, rows, range) / m.scale;
    const den = daily.sum(m.ratio[1], rows, range);
    return den ? (daily.sum(m.ratio[0], rows, range) / den) * 100 : '';
  });
}
