/**
 * The card funnel by day (Analytics `sales-funnel/products/history`): one row per day
 * and article: card views, add-to-cart, orders (units and rubles), buyouts (units and
 * rubles) booked on the order's day as WB attributes them, and WB's own conversions.
 * WB's history method has no cancellations (only its period totals do).
 */
import { field } from './cells';
import { ReportSpec } from './types';

export const FUNNEL: ReportSpec = {
  id: 'funnel',
  mode: 'funnel',
  endpoint: 'funnelHistory',
  title: { ru: 'WB Воронка', en: 'WB Funnel' },
  keyColumns: ['date', 'nmId'],
  columns: [
    field('date', 'date', 'Дата', 'Date'),
    field('nmId', 'int', 'Артикул WB', 'WB article (nmId)'),
    field('vendorCode', 'text', 'Артикул продавца', 'Seller article'),
    field('title', 'text', 'Название', 'Title'),
    field('openCount', 'int', 'Переходы в карточку', 'Card views'),
    field('cartCount', 'int', 'Положили в корзину, шт', 'Added to cart'),
    field('orderCount', 'int', 'Заказали, шт', 'Ordered, units'),
    field('orderSum', 'money', 'Заказали на сумму', 'Ordered, rubles'),
    field('buyoutCount', 'int', 'Выкупили, шт', 'Bought out, units'),
    field('buyoutSum', 'money', 'Выкупили на сумму', 'Bought out, rubles'),
    field('buyoutPercent', 'int', 'Процент выкупа, %', 'Buyout, %'),
    field('addToCartConversion', 'int', 'Конверсия в корзину, %', 'View to cart, %'),
    field('cartToOrderConversion', 'int', 'Конверсия в заказ, %', 'Cart to order, %'),
    field('addToWishlistCount', 'int', 'Добавили в отложенные', 'Added to wishlist'),
  ],
};

/** One row per day of one article's history (WB's answer: [{product, history[], currency}]). */
export function funnelRows(answer: Record<string, unknown>[]): Record<string, unknown>[] {
  const rows: Record<string, unknown>[] = [];
  for (const item of answer) {
    const product = (item.product && typeof item.product === 'object' ? item.product : {}) as Record<string, unknown>;
    const history = Array.isArray(item.history) ? (item.history as Record<string, unknown>[]) : [];
    for (const day of history) rows.push({ ...day, nmId: product.nmId, vendorCode: product.vendorCode, title: product.title });
  }
  return rows;
}
