/**
 * The sales funnel by day (seller-analytics-api, 11-analytics.yaml «Аналитика»):
 * POST /api/analytics/v3/sales-funnel/products/history, body {selectedPeriod{start,end},
 * nmIds (1..20, required), skipDeletedNm, aggregationLevel (day|week)}. At most the last
 * week: start no earlier than 6 days before today (Moscow), end not before start and not
 * after today.
 *
 * The numbers agree with the seller's orders and sales: orderCount and orderSum are the
 * orders of the day WB shows by now (the funnel refreshes hourly: an order counts an
 * hour after it was placed), buyoutCount/buyoutSum the day's orders bought out and not
 * returned by now (WB books buyouts on the order's day). Card views and add-to-cart are
 * drawn per article and day around the orders (conversions of a few to tens of percent).
 * Money in whole rubles (priceWithDisc), as the spec's integer fields say.
 *
 * Limits: Personal/Service 3 a minute (20 s, burst 3); Base 2 an hour (30 min, burst 1).
 * A bad body is the analytics 400 (title/detail/origin/requestId).
 */
import { FakeResponse } from '../shared/http';
import { ErrorIds, JSON_TYPE, okJson } from './errors';
import type { OrderRec, SellerData } from './generator';
import { hash32 } from './prng';
import { RequestCtx, jsonObject } from './service';
import { DAY, HOUR, MSK_OFFSET_MS } from './time';

const { floor, round, max } = Math;
export const FUNNEL_NM_MAX = 20;
export const FUNNEL_DAYS = 7;
const DOMAIN_FUNNEL = 14;
export const FUNNEL_ORIGIN = 'analytics-open-api';
export const FUNNEL_LAG_MS = HOUR;

export interface FunnelDay {
  date: string;
  openCount: number;
  cartCount: number;
  orderCount: number;
  orderSum: number;
  buyoutCount: number;
  buyoutSum: number;
  buyoutPercent: number;
  addToCartConversion: number;
  cartToOrderConversion: number;
  addToWishlistCount: number;
}

function mskDayStart(ms: number): number {
  return floor((ms + MSK_OFFSET_MS) / DAY) * DAY - MSK_OFFSET_MS;
}

function isoDay(dayStart: number): string {
  return new Date(dayStart + MSK_OFFSET_MS).toISOString().slice(0, 10);
}

function parseIsoDay(s: unknown): number | null {
  if (typeof s !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(s)) return null;
  const ms = Date.parse(s + 'T00:00:00Z');
  if (isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== s) return null;
  return ms - MSK_OFFSET_MS;
}

function pct(a: number, b: number): number {
  return b > 0 ? round((a / b) * 100) : 0;
}

export function funnelBadRequest(detail: string, ids: ErrorIds): FakeResponse {
  return {
    status: 400,
    headers: { 'Content-Type': JSON_TYPE },
    body: JSON.stringify({ title: 'Invalid request body', detail, requestId: ids.requestId(), origin: FUNNEL_ORIGIN }),
  };
}

export class Funnel {
  constructor(private readonly seed: number, private readonly data: SellerData) {}

  /** Orders placed in [from, to) (the order list is in date order). */
  private ordersIn(from: number, to: number): OrderRec[] {
    const orders = this.data.orders;
    let lo = 0;
    let hi = orders.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (orders[mid].date < from) lo = mid + 1;
      else hi = mid;
    }
    const out: OrderRec[] = [];
    for (let i = lo; i < orders.length && orders[i].date < to; i++) out.push(orders[i]);
    return out;
  }

  /** Truth: the funnel of one article on the Moscow day starting at dayStart, as WB shows it at `now`. */
  day(nmId: number, dayStart: number, now: number): FunnelDay {
    let orderCount = 0;
    let orderSum = 0;
    let buyoutCount = 0;
    let buyoutSum = 0;
    for (const o of this.ordersIn(dayStart, dayStart + DAY)) {
      if (o.product.nmId !== nmId || o.date > now - FUNNEL_LAG_MS) continue;
      orderCount++;
      orderSum += round(o.priceWithDisc);
      if (o.sale && o.sale.date <= now && !(o.ret && o.ret.date <= now)) {
        buyoutCount++;
        buyoutSum += round(o.priceWithDisc);
      }
    }
    // Views and carts: drawn per article and day; how much of the day is visible by now.
    const h = (k: number) => hash32(this.seed, DOMAIN_FUNNEL, nmId % 1_000_000_007, floor(dayStart / DAY), k);
    const shown = Math.min(1, max(0, (now - FUNNEL_LAG_MS - dayStart) / DAY));
    const cartToOrder = 0.2 + (h(1) % 25) / 100; // 20..44 %
    const viewToCart = 0.04 + (h(2) % 12) / 100; // 4..15 %
    const extraCarts = floor(((h(3) % 5) * shown));
    const cartCount = orderCount ? max(orderCount, round(orderCount / cartToOrder)) : extraCarts;
    const openCount = max(cartCount, round((cartCount + (h(4) % 20) * shown) / viewToCart));
    return {
      date: isoDay(dayStart),
      openCount,
      cartCount,
      orderCount,
      orderSum,
      buyoutCount,
      buyoutSum,
      buyoutPercent: pct(buyoutCount, orderCount),
      addToCartConversion: pct(cartCount, openCount),
      cartToOrderConversion: pct(orderCount, cartCount),
      addToWishlistCount: floor(openCount * ((h(5) % 4) / 100)),
    };
  }

  history(ctx: RequestCtx): FakeResponse {
    const body = jsonObject(ctx.payload);
    if (!body) return funnelBadRequest('code=400, message=invalid: request body has an error: value is required but missing', ctx.ids);
    const period = body.selectedPeriod as Record<string, unknown> | undefined;
    if (!period || typeof period !== 'object') return funnelBadRequest('code=400, message=invalid: selectedPeriod (field required)', ctx.ids);
    const start = parseIsoDay(period.start);
    const end = parseIsoDay(period.end);
    if (start === null || end === null) return funnelBadRequest('code=400, message=invalid: selectedPeriod (dates must be YYYY-MM-DD)', ctx.ids);
    const nmIds = body.nmIds;
    if (!Array.isArray(nmIds) || nmIds.length < 1) return funnelBadRequest('code=400, message=invalid: nmIds (field required)', ctx.ids);
    if (nmIds.length > FUNNEL_NM_MAX) return funnelBadRequest(`code=400, message=invalid: nmIds (maximum ${FUNNEL_NM_MAX} items)`, ctx.ids);
    if (!nmIds.every((n) => typeof n === 'number' && Number.isInteger(n) && n > 0)) return funnelBadRequest('code=400, message=invalid: nmIds (must be positive integers)', ctx.ids);
    const level = body.aggregationLevel;
    if (level !== undefined && level !== 'day' && level !== 'week') return funnelBadRequest('code=400, message=invalid: aggregationLevel (must be one of day, week)', ctx.ids);
    const today = mskDayStart(ctx.nowMs);
    if (start < today - (FUNNEL_DAYS - 1) * DAY || end > today || end < start) {
      return funnelBadRequest('code=400, message=invalid: selectedPeriod (only the last week is available)', ctx.ids);
    }
    const taken = ctx.take('funnelHistory');
    if ('status' in taken) return taken;
    const products = ctx.mine ? this.data.seller.products : [];
    const out = [];
    for (const nmId of nmIds as number[]) {
      const p = products.find((x) => x.nmId === nmId);
      if (!p) continue;
      const history: FunnelDay[] = [];
      for (let d = start; d <= end; d += DAY) history.push(this.day(nmId, d, ctx.nowMs));
      const week = level === 'week';
      out.push({
        product: { nmId, title: p.subject + ' ' + p.brand, vendorCode: p.supplierArticle, brandName: p.brand, subjectId: 219, subjectName: p.subject },
        history: week ? [sumWeek(history)] : history,
        currency: 'RUB',
      });
    }
    return okJson(JSON.stringify(out), taken.headers);
  }
}

function sumWeek(days: FunnelDay[]): FunnelDay {
  const t = days.reduce(
    (a, d) => ({ ...a, openCount: a.openCount + d.openCount, cartCount: a.cartCount + d.cartCount, orderCount: a.orderCount + d.orderCount, orderSum: a.orderSum + d.orderSum, buyoutCount: a.buyoutCount + d.buyoutCount, buyoutSum: a.buyoutSum + d.buyoutSum, addToWishlistCount: a.addToWishlistCount + d.addToWishlistCount }),
    { ...days[0], openCount: 0, cartCount: 0, orderCount: 0, orderSum: 0, buyoutCount: 0, buyoutSum: 0, addToWishlistCount: 0 },
  );
  return { ...t, buyoutPercent: pct(t.buyoutCount, t.orderCount), addToCartConversion: pct(t.cartCount, t.openCount), cartToOrderConversion: pct(t.orderCount, t.cartCount) };
}
