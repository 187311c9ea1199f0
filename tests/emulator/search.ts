/**
 * The search report (seller-analytics-api, 11-analytics.yaml «Поисковые запросы по
 * вашим товарам»), two of its methods:
 *   POST /api/v2/search-report/table/details: per article for a period: average search
 *     position, visibility %, transitions to the card from search, add-to-cart and
 *     orders from search (each {current, dynamics}); body {currentPeriod, pastPeriod?,
 *     nmIds (<= 50), orderBy{field,mode}, positionCluster, limit (<= 1000), offset}.
 *   POST /api/v2/search-report/product/search-texts: the top search queries of the given
 *     articles; body {currentPeriod, nmIds (1..50), topOrderBy, orderBy{field,mode},
 *     limit 1..30 (100 on the «Продвинутый»/«Премиальный» Jam tariffs)}.
 * Periods: dates, start <= end, not earlier than 365 days ago, not after today.
 *
 * The report is part of WB's paid «Джем» subscription: a seller without it gets 403
 * (ErrorObject403, the spec's "Authorization error"; WB does not document which status
 * a missing subscription gets: the emulator's choice). The seller's Jam tariff is an
 * emulator option (default 'standard'). Limits per method: 3 a minute burst 3; Base 1 an
 * hour burst 1.
 *
 * Positions move day by day around each article's own level (sold articles rank
 * higher); visibility falls as the position grows; transitions from search are a share
 * of the day's card views (funnel.ts). Query texts are what buyers type: mixed case,
 * «ё», a leading "=" or "+", quotes, emoji, doubled spaces; kept exactly.
 */
import { FakeResponse } from '../shared/http';
import { ErrorIds, JSON_TYPE, PROBLEM_TYPE, okJson } from './errors';
import type { Funnel } from './funnel';
import type { SellerData } from './generator';
import { hash32 } from './prng';
import { RequestCtx, jsonObject } from './service';
import { DAY, MSK_OFFSET_MS } from './time';

const { floor, round, max, min } = Math;
const DOMAIN_SEARCH = 15;
export const SEARCH_ORIGIN = 'analytic-open-api';
export const SEARCH_NM_MAX = 50;
export type JamTariff = 'none' | 'standard' | 'advanced';

export const QUERY_TEXTS = [
  'футболка женская',
  'Футболка оверсайз черная',
  'футболка  оверсайз', // two spaces, as typed
  '=футболка',
  '+100500 футболок',
  'майка "без рукавов"',
  'платье ёлочка 🎄',
  'брюки клёш',
  'худи на молнии',
  'свитшот oversize',
  'носки х/б',
  'костюм спортивный мужской',
];

export interface SearchDay {
  avgPosition: number;
  visibility: number;
  openCard: number;
  addToCart: number;
  orders: number;
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

function errorBody(status: 400 | 403, title: string, detail: string, ids: ErrorIds): FakeResponse {
  return {
    status,
    headers: { 'Content-Type': status === 400 ? JSON_TYPE : PROBLEM_TYPE },
    body: JSON.stringify({ title, detail, requestId: ids.requestId(), origin: SEARCH_ORIGIN }),
  };
}

export const SEARCH_FORBIDDEN_DETAIL = 'Authorization error';

export class SearchReport {
  constructor(private readonly seed: number, private readonly data: SellerData, private readonly funnel: Funnel, readonly jam: JamTariff) {}

  /** Truth: one article's search numbers on the Moscow day starting at dayStart, as of `now`. */
  day(nmId: number, dayStart: number, now: number): SearchDay {
    const h = (k: number) => hash32(this.seed, DOMAIN_SEARCH, nmId % 1_000_000_007, k);
    const d = floor(dayStart / DAY);
    const level = 5 + (h(1) % 180);
    const wave = Math.sin((d + (h(2) % 17)) / 3) * (level / 4);
    const jitter = (hash32(this.seed, DOMAIN_SEARCH, nmId % 1_000_000_007, d) % 11) - 5;
    const avgPosition = max(1, round(level + wave + jitter));
    const visibility = max(0, min(100, round(100 - avgPosition / 3)));
    const funnel = this.funnel.day(nmId, dayStart, now);
    const share = 0.45 + (h(3) % 30) / 100;
    const openCard = floor(funnel.openCount * share);
    const addToCart = min(funnel.cartCount, floor(funnel.cartCount * share));
    const orders = min(funnel.orderCount, floor(funnel.orderCount * share));
    return { avgPosition, visibility, openCard, addToCart, orders };
  }

  /** Truth: the query texts an article is found by, with their weight on a day. */
  texts(nmId: number, dayStart: number): { text: string; frequency: number; medianPosition: number }[] {
    const d = floor(dayStart / DAY);
    const out = [];
    for (let i = 0; i < QUERY_TEXTS.length; i++) {
      const w = hash32(this.seed, DOMAIN_SEARCH, nmId % 1_000_000_007, 1000 + i);
      if (w % 3 === 0) continue; // not every query finds every article
      out.push({ text: QUERY_TEXTS[i], frequency: 50 + (hash32(this.seed, DOMAIN_SEARCH, w, d) % 5000), medianPosition: 1 + (w % 300) });
    }
    return out;
  }

  private common(ctx: RequestCtx, body: Record<string, unknown> | null): { start: number; end: number; nmIds: number[] } | FakeResponse {
    const bad = (detail: string) => errorBody(400, 'Invalid request body', 'code=400, message=invalid: ' + detail, ctx.ids);
    if (!body) return bad('request body (field required)');
    const period = body.currentPeriod as Record<string, unknown> | undefined;
    const start = period ? parseIsoDay(period.start) : null;
    const end = period ? parseIsoDay(period.end) : null;
    if (start === null || end === null) return bad('currentPeriod (field required)');
    const today = floor((ctx.nowMs + MSK_OFFSET_MS) / DAY) * DAY - MSK_OFFSET_MS;
    if (end < start || start < today - 365 * DAY || end > today) return bad('currentPeriod (out of range)');
    const nmIds = body.nmIds === undefined ? [] : body.nmIds;
    if (!Array.isArray(nmIds) || nmIds.length > SEARCH_NM_MAX || !nmIds.every((n) => typeof n === 'number' && Number.isInteger(n) && n > 0)) return bad(`nmIds (at most ${SEARCH_NM_MAX} positive integers)`);
    if (body.includeSubstitutedSKUs === false && body.includeSearchTexts === false) return bad('includeSubstitutedSKUs, includeSearchTexts (not both false)');
    const orderBy = body.orderBy as Record<string, unknown> | undefined;
    if (!orderBy || typeof orderBy.field !== 'string' || (orderBy.mode !== 'asc' && orderBy.mode !== 'desc')) return bad('orderBy (field required)');
    return { start, end, nmIds: nmIds as number[] };
  }

  private days(start: number, end: number): number[] {
    const out = [];
    for (let d = start; d <= end; d += DAY) out.push(d);
    return out;
  }

  private product(nmId: number) {
    return this.data.seller.products.find((p) => p.nmId === nmId) || null;
  }

  details(ctx: RequestCtx): FakeResponse {
    const body = jsonObject(ctx.payload);
    const c = this.common(ctx, body);
    if ('status' in c) return c;
    const b = body as Record<string, unknown>;
    const bad = (detail: string) => errorBody(400, 'Invalid request body', 'code=400, message=invalid: ' + detail, ctx.ids);
    if (!['all', 'firstHundred', 'secondHundred', 'below'].includes(String(b.positionCluster))) return bad('positionCluster (field required)');
    const limit = b.limit;
    const offset = b.offset;
    if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > 1000) return bad('limit (field required, at most 1000)');
    if (typeof offset !== 'number' || !Number.isInteger(offset) || offset < 0) return bad('offset (field required)');
    if (this.jam === 'none') return errorBody(403, 'Authorization error', SEARCH_FORBIDDEN_DETAIL, ctx.ids);
    const taken = ctx.take('searchDetails');
    if ('status' in taken) return taken;
    const wanted = c.nmIds.length ? c.nmIds : this.data.seller.products.map((p) => p.nmId);
    const products = [];
    for (const nmId of ctx.mine ? wanted : []) {
      const p = this.product(nmId);
      if (!p) continue;
      const days = this.days(c.start, c.end).map((d) => this.day(nmId, d, ctx.nowMs));
      const sum = (k: keyof SearchDay) => days.reduce((a, x) => a + x[k], 0);
      const avgPosition = round(sum('avgPosition') / days.length);
      const openCard = sum('openCard');
      const addToCart = sum('addToCart');
      const orders = sum('orders');
      products.push({
        nmId,
        name: p.subject + ' ' + p.brand,
        vendorCode: p.supplierArticle,
        subjectName: p.subject,
        brandName: p.brand,
        mainPhoto: `https://basket-01.wbbasket.ru/vol${floor(nmId / 100000)}/images/c246x328/1.webp`,
        isAdvertised: false,
        isCardRated: true,
        rating: 9.2,
        feedbackRating: 4.7,
        price: { minPrice: p.price, maxPrice: p.price },
        avgPosition: { current: avgPosition, dynamics: 0 },
        openCard: { current: openCard, dynamics: 0 },
        addToCart: { current: addToCart, dynamics: 0 },
        openToCart: { current: openCard ? round((addToCart / openCard) * 100) : 0, dynamics: 0 },
        orders: { current: orders, dynamics: 0 },
        cartToOrder: { current: addToCart ? round((orders / addToCart) * 100) : 0, dynamics: 0 },
        visibility: { current: round(sum('visibility') / days.length), dynamics: 0 },
      });
    }
    return okJson(JSON.stringify({ data: { products: products.slice(offset, offset + limit), currency: 'RUB' } }), taken.headers);
  }

  searchTexts(ctx: RequestCtx): FakeResponse {
    const body = jsonObject(ctx.payload);
    const c = this.common(ctx, body);
    if ('status' in c) return c;
    const b = body as Record<string, unknown>;
    const bad = (detail: string) => errorBody(400, 'Invalid request body', 'code=400, message=invalid: ' + detail, ctx.ids);
    if (!c.nmIds.length) return bad('nmIds (field required)');
    if (!['openCard', 'addToCart', 'openToCart', 'orders', 'cartToOrder'].includes(String(b.topOrderBy))) return bad('topOrderBy (field required)');
    const max = this.jam === 'advanced' ? 100 : 30;
    if (typeof b.limit !== 'number' || !Number.isInteger(b.limit) || b.limit < 1 || b.limit > max) return bad(`limit (1..${max} on your tariff)`);
    if (this.jam === 'none') return errorBody(403, 'Authorization error', SEARCH_FORBIDDEN_DETAIL, ctx.ids);
    const taken = ctx.take('searchTexts');
    if ('status' in taken) return taken;
    const items = [];
    for (const nmId of ctx.mine ? c.nmIds : []) {
      const p = this.product(nmId);
      if (!p) continue;
      const byText = new Map<string, { frequency: number; medianPosition: number }>();
      for (const d of this.days(c.start, c.end)) {
        for (const q of this.texts(nmId, d)) {
          const was = byText.get(q.text);
          byText.set(q.text, { frequency: (was ? was.frequency : 0) + q.frequency, medianPosition: q.medianPosition });
        }
      }
      for (const [text, v] of byText) {
        items.push({
          text,
          nmId,
          subjectName: p.subject,
          brandName: p.brand,
          vendorCode: p.supplierArticle,
          name: p.subject + ' ' + p.brand,
          isCardRated: true,
          rating: 9.2,
          feedbackRating: 4.7,
          price: { minPrice: p.price, maxPrice: p.price },
          frequency: { current: v.frequency, dynamics: 0 },
          weekFrequency: v.frequency * 7,
          medianPosition: { current: v.medianPosition, dynamics: 0 },
          avgPosition: { current: v.medianPosition, dynamics: 0 },
          openCard: { current: floor(v.frequency / 20), dynamics: 0 },
          addToCart: { current: floor(v.frequency / 90), dynamics: 0 },
          openToCart: { current: 4, dynamics: 0 },
          orders: { current: floor(v.frequency / 300), dynamics: 0 },
          cartToOrder: { current: 30, dynamics: 0 },
          visibility: { current: 50, dynamics: 0 },
        });
      }
    }
    // The top: most frequent first (for every topOrderBy: frequency drives them all here).
    items.sort((x, y) => y.frequency.current - x.frequency.current || (x.text < y.text ? -1 : 1));
    return okJson(JSON.stringify({ data: { items: items.slice(0, b.limit as number), currency: 'RUB' } }), taken.headers);
  }
}

