/**
 * Advertising (advert-api, category «Продвижение», bit 6; 08-promotion.yaml): the
 * seller's campaigns and their statistics, drawn from the same seller as the orders.
 *
 * - GET /adv/v1/promotion/count: campaigns grouped by type and status, each with the
 *   time of its last change.
 * - GET /api/advert/v2/adverts?ids&statuses&payment_type: details (name, payment type,
 *   articles, timestamps); ids at most 50.
 * - GET /adv/v3/fullstats?ids&beginDate&endDate: per campaign, day, app (1 site, 32
 *   Android, 64 iOS) and article: views, clicks, add-to-cart, orders, units, order sum,
 *   spend. At most 50 ids and 31 days (inclusive) a request; only campaigns in status
 *   7, 9 or 11 answer (others are left out, as the spec says statistics exist for them
 *   only).
 * - GET /adv/v1/upd?from&to: the charges (documents) per campaign, whole roubles; the
 *   interval 1..31 days.
 *
 * Campaigns live on some of the seller's articles. A campaign's orders on a day are a
 * share of the orders the seller really got for that article that day (never more), and
 * their sum is the price of those very orders, so ad orders drive some of the orders.
 * Spend: cpm campaigns pay per thousand views, cpc per click, in whole kopecks. The
 * running day is partial (as far as the clock has gone). A day's charge (upd) is that
 * day's spend rounded to whole roubles, written at the end of the day; one charge in
 * about ten lands after midnight (booked the next day), so the two WB numbers disagree
 * on those days, as sellers see.
 */
import { FakeResponse } from '../shared/http';
import { JSON_TYPE, okJson } from './errors';
import type { SellerData } from './generator';
import { hash32 } from './prng';
import { RequestCtx } from './service';
import { DAY, MINUTE, fmtDay, fmtMskOffset, mskDay, mskDayStart } from './time';

export const ADS_ORIGIN = 'camp-api-public-cache';
/** Apps of fullstats: 1 site, 32 Android, 64 iOS. */
export const ADS_APPS = [1, 32, 64];
/** Statuses fullstats answers for (08-promotion.yaml). */
export const STATS_STATUSES = [7, 9, 11];
export const MAX_IDS = 50;
export const MAX_DAYS = 31;
/** 400 bodies (08-promotion.yaml examples; the date texts are invented in the same style). */
export const DETAIL_INVALID_IDS = 'invalid ids';
export const DETAIL_MAX_RANGE = 'max date range 31 days';
export const DETAIL_INVALID_DATES = 'invalid beginDate or endDate';
/** upd 400 is text/plain (the spec's only example is another text); invented. */
export const UPD_BAD_INTERVAL = 'Некорректный интервал';

const ADS_SALT = 0x0ad5;

type Kind = 'active' | 'paused' | 'finished' | 'ready' | 'cancelled';
const KINDS: Kind[] = ['active', 'paused', 'finished', 'active', 'ready', 'finished', 'cancelled', 'active'];
const NAMES = ['=Реклама (поиск)', '+7 дней: распродажа', '00123', 'Кампания «осень»'];

export interface AdCampaign {
  advertId: number;
  name: string;
  type: 8 | 9;
  payment: 'cpm' | 'cpc';
  kind: Kind;
  createdAt: number;
  /** Moscow day the campaign started (null: never) */
  startDay: number | null;
  /** first Moscow day it no longer ran (null: runs on) */
  endDay: number | null;
  nmIds: number[];
  /** kopecks per 1000 views (cpm) or per click (cpc) */
  rate: number;
}

/** One article's numbers on one day and app (kopecks for money). */
export interface AdCell {
  views: number;
  clicks: number;
  atbs: number;
  orders: number;
  sumPriceKop: number;
  spendKop: number;
}

const r2 = (x: number): number => Math.round(x * 100) / 100;

export class AdsApi {
  readonly campaigns: AdCampaign[] = [];

  constructor(
    private readonly seed: number,
    private readonly data: SellerData,
    count: number,
    now: number,
  ) {
    const products = data.seller.products;
    const today = mskDay(now);
    const h = (...p: number[]) => hash32(seed, ADS_SALT, ...p);
    for (let i = 0; i < count && products.length; i++) {
      const kind = KINDS[i % KINDS.length];
      const n = 1 + (h(i, 1) % Math.min(3, products.length));
      const nmIds: number[] = [];
      for (let j = 0; nmIds.length < n && j < 10; j++) {
        const nm = products[h(i, 2, j) % products.length].nmId;
        if (nmIds.indexOf(nm) < 0) nmIds.push(nm);
      }
      const age = 20 + (h(i, 3) % 60); // days since creation
      const startDay = kind === 'ready' || kind === 'cancelled' ? null : today - age + 1 + (h(i, 4) % 3);
      const endDay = kind === 'paused' ? today - 3 - (h(i, 5) % 8) : kind === 'finished' ? today - 10 - (h(i, 5) % 30) : null;
      const payment = h(i, 6) % 3 === 0 ? 'cpc' : 'cpm';
      this.campaigns.push({
        advertId: 20_000_000 + (h(i, 7) % 9_000_000) * 3 + i,
        name: i < NAMES.length ? NAMES[i] : 'Кампания ' + (i + 1),
        type: i % 5 === 4 ? 8 : 9,
        payment,
        kind,
        createdAt: mskDayStart(today - age) + 10 * 3600_000 + (h(i, 8) % 3600_000),
        startDay,
        endDay: endDay !== null && startDay !== null && endDay <= startDay ? startDay + 2 : endDay,
        nmIds,
        rate: payment === 'cpm' ? 15_000 + (h(i, 9) % 25_000) : 500 + (h(i, 9) % 2_500),
      });
    }
  }

  private h(...p: number[]): number {
    return hash32(this.seed, ADS_SALT, ...p);
  }

  /** The campaign's status at `t`: 4 ready, 7 finished, 8 cancelled, 9 active, 11 paused. */
  status(c: AdCampaign, t: number): number {
    if (c.kind === 'cancelled') return 8;
    const d = mskDay(t);
    if (c.startDay === null || d < c.startDay) return 4;
    if (c.endDay !== null && d >= c.endDay) return c.kind === 'paused' ? 11 : 7;
    return 9;
  }

  /** When the campaign last changed (creation, start, end) as of `t`. */
  changeTime(c: AdCampaign, t: number): number {
    let at = c.createdAt;
    if (c.kind === 'cancelled') at = c.createdAt + 3600_000;
    if (c.startDay !== null && mskDayStart(c.startDay) <= t) at = mskDayStart(c.startDay) + 9 * 3600_000;
    if (c.endDay !== null && c.startDay !== null && mskDayStart(c.endDay) <= t) at = mskDayStart(c.endDay);
    return Math.min(at, t);
  }

  private runs(c: AdCampaign, day: number): boolean {
    return c.startDay !== null && day >= c.startDay && (c.endDay === null || day < c.endDay);
  }

  /** Visible orders of an article dated within [from, to) (ms), as the seller got them. */
  private ordersOf(nmId: number, from: number, to: number): { kop: number }[] {
    const orders = this.data.orders;
    let lo = 0;
    let hi = orders.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (orders[mid].date < from) lo = mid + 1;
      else hi = mid;
    }
    const out: { kop: number }[] = [];
    for (let i = lo; i < orders.length && orders[i].date < to; i++) {
      const o = orders[i];
      if (o.visible && o.product.nmId === nmId) out.push({ kop: Math.round(o.priceWithDisc * 100) });
    }
    return out;
  }

  /**
   * Truth: one article's numbers for a campaign on a Moscow day as of `t`, per app
   * (ADS_APPS order); null when the campaign did not run that day or the day has not begun.
   */
  cells(c: AdCampaign, nmId: number, day: number, t: number): AdCell[] | null {
    if (!this.runs(c, day) || c.nmIds.indexOf(nmId) < 0) return null;
    const start = mskDayStart(day);
    if (t <= start) return null;
    const upTo = Math.min(t, start + DAY);
    const part = (upTo - start) / DAY;
    const i = this.campaigns.indexOf(c);
    const views = Math.floor((300 + (this.h(i, nmId % 100000, day, 1) % 2700)) * part);
    const clicks = Math.floor((views * (2 + (this.h(i, nmId % 100000, day, 2) % 7))) / 100);
    const atbs = Math.floor((clicks * (10 + (this.h(i, nmId % 100000, day, 3) % 20))) / 100);
    // A share of the article's real orders of the day, split between its campaigns.
    const sharing = this.campaigns.filter((x) => x.nmIds.indexOf(nmId) >= 0 && this.runs(x, day)).length;
    const real = this.ordersOf(nmId, start, upTo);
    const share = (15 + (this.h(i, nmId % 100000, day, 4) % 30)) / 100 / Math.max(1, sharing);
    const orders = Math.min(clicks, Math.floor(real.length * share));
    // Campaigns sharing an article take distinct orders: each its own slice.
    const offset = this.campaigns.filter((x) => x.nmIds.indexOf(nmId) >= 0 && this.runs(x, day)).indexOf(c) * Math.ceil(real.length / Math.max(1, sharing));
    let sumPriceKop = 0;
    for (let k = 0; k < orders; k++) sumPriceKop += real[(offset + k) % Math.max(1, real.length)].kop;
    const spendKop = c.payment === 'cpm' ? Math.round((views * c.rate) / 1000) : clicks * c.rate;
    const total: AdCell = { views, clicks, atbs, orders, sumPriceKop, spendKop };
    const s1 = 10 + (this.h(i, nmId % 100000, day, 5) % 10);
    const s2 = 40 + (this.h(i, nmId % 100000, day, 6) % 20);
    const split = (v: number): number[] => {
      const a = Math.floor((v * s1) / 100);
      const b = Math.floor((v * s2) / 100);
      return [a, b, v - a - b];
    };
    const parts = (Object.keys(total) as (keyof AdCell)[]).map((k) => split(total[k]));
    const keys = Object.keys(total) as (keyof AdCell)[];
    return ADS_APPS.map((_app, a) => {
      const cell = {} as AdCell;
      keys.forEach((k, n) => (cell[k] = parts[n][a]));
      return cell;
    });
  }

  /** Truth: the campaign's spend on a day, kopecks (all its articles and apps). */
  daySpendKop(c: AdCampaign, day: number, t: number): number {
    let kop = 0;
    for (const nm of c.nmIds) for (const cell of this.cells(c, nm, day, t) || []) kop += cell.spendKop;
    return kop;
  }

  /** Truth: the charges (upd documents) written up to `t`, in time order. */
  charges(t: number): { advertId: number; at: number; rub: number; num: number; c: AdCampaign }[] {
    const out: { advertId: number; at: number; rub: number; num: number; c: AdCampaign }[] = [];
    const last = mskDay(t);
    this.campaigns.forEach((c, i) => {
      if (c.startDay === null) return;
      for (let d = c.startDay; d < last && (c.endDay === null || d < c.endDay); d++) {
        const kop = this.daySpendKop(c, d, mskDayStart(d + 1));
        if (kop <= 0) continue;
        const late = this.h(i, d, 7) % 10 === 0;
        const at = mskDayStart(d) + (late ? DAY + 30 * MINUTE : 23 * 3600_000 + (this.h(i, d, 8) % 50) * MINUTE);
        if (at > t) continue;
        out.push({ advertId: c.advertId, at, rub: Math.round(kop / 100), num: 100_000 + (this.h(i, d, 9) % 900_000), c });
      }
    });
    return out.sort((a, b) => a.at - b.at || a.advertId - b.advertId);
  }

  private mine(ctx: RequestCtx): AdCampaign[] {
    // Campaigns exist once created; another seller's key sees none.
    return ctx.mine ? this.campaigns.filter((c) => c.createdAt <= ctx.nowMs) : [];
  }

  private static bad(ctx: RequestCtx, detail: string): FakeResponse {
    const body = { detail, origin: ADS_ORIGIN, request_id: ctx.ids.requestId(), status: 400, title: 'invalid payload' };
    return { status: 400, headers: { 'Content-Type': JSON_TYPE }, body: JSON.stringify(body) };
  }

  /** ids=1,2,3: positive integers, 1..50 of them; null when malformed. */
  private static ids(text: string | null, required: boolean): number[] | null | 'none' {
    if (text === null || text.trim() === '') return required ? null : 'none';
    const parts = text.split(',');
    if (parts.length > MAX_IDS || !parts.every((p) => /^\d{1,12}$/.test(p.trim()))) return null;
    return parts.map((p) => Number(p.trim()));
  }

  count(ctx: RequestCtx): FakeResponse {
    const taken = ctx.take('adsCount');
    if ('status' in taken) return taken;
    const groups = new Map<string, { type: number; status: number; count: number; advert_list: { advertId: number; changeTime: string }[] }>();
    const list = this.mine(ctx);
    for (const c of list) {
      const status = this.status(c, ctx.nowMs);
      const k = c.type + '|' + status;
      let g = groups.get(k);
      if (!g) groups.set(k, (g = { type: c.type, status, count: 0, advert_list: [] }));
      g.count++;
      g.advert_list.push({ advertId: c.advertId, changeTime: fmtMskOffset(this.changeTime(c, ctx.nowMs)) });
    }
    return okJson(JSON.stringify({ adverts: list.length ? Array.from(groups.values()) : null, all: list.length }), taken.headers);
  }

  adverts(ctx: RequestCtx): FakeResponse {
    const ids = AdsApi.ids(ctx.params.get('ids'), false);
    if (ids === null) return AdsApi.bad(ctx, DETAIL_INVALID_IDS);
    const statusesText = ctx.params.get('statuses');
    const statuses = statusesText ? statusesText.split(',').map((s) => Number(s.trim())) : null;
    if (statuses && statuses.some((s) => [-1, 4, 7, 8, 9, 11].indexOf(s) < 0)) return AdsApi.bad(ctx, 'invalid statuses value');
    const payment = ctx.params.get('payment_type');
    if (payment !== null && payment !== 'cpm' && payment !== 'cpc') return AdsApi.bad(ctx, 'invalid payment_type value');
    const taken = ctx.take('adsAdverts');
    if ('status' in taken) return taken;
    const out = this.mine(ctx)
      .filter((c) => ids === 'none' || ids.indexOf(c.advertId) >= 0)
      .filter((c) => !statuses || statuses.indexOf(this.status(c, ctx.nowMs)) >= 0)
      .filter((c) => payment === null || c.payment === payment)
      .map((c) => ({
        bid_type: c.type === 8 ? 'unified' : 'manual',
        currency: 'RUB',
        id: c.advertId,
        nm_settings: c.nmIds.map((nm) => {
          const p = this.data.seller.products.find((x) => x.nmId === nm);
          return { bids_kopecks: { recommendations: 0, search: c.rate }, nm_id: nm, subject: { id: 50 + (nm % 100), name: p ? p.subject : '' } };
        }),
        restrictions: { can_change_nms: true },
        settings: { name: c.name, payment_type: c.payment, placements: { recommendations: false, search: true } },
        status: this.status(c, ctx.nowMs),
        timestamps: {
          created: fmtMskOffset(c.createdAt),
          deleted: '2100-01-01T00:00:00+03:00',
          started: c.startDay !== null && mskDayStart(c.startDay) <= ctx.nowMs ? fmtMskOffset(mskDayStart(c.startDay) + 9 * 3600_000) : null,
          updated: fmtMskOffset(this.changeTime(c, ctx.nowMs)),
        },
      }));
    return okJson(JSON.stringify({ adverts: out }), taken.headers);
  }

  fullstats(ctx: RequestCtx): FakeResponse {
    const ids = AdsApi.ids(ctx.params.get('ids'), true);
    if (ids === null || ids === 'none') return AdsApi.bad(ctx, DETAIL_INVALID_IDS);
    const begin = dayParam(ctx.params.get('beginDate'));
    const end = dayParam(ctx.params.get('endDate'));
    if (begin === null || end === null || end < begin) return AdsApi.bad(ctx, DETAIL_INVALID_DATES);
    if (end - begin + 1 > MAX_DAYS) {
      const body = {
        errors: [{ detail: DETAIL_MAX_RANGE, field: 'begin and end' }],
        origin: ADS_ORIGIN,
        request_id: ctx.ids.requestId(),
        status: 400,
        title: 'Invalid payload',
        type: 'bad request',
      };
      return { status: 400, headers: { 'Content-Type': JSON_TYPE }, body: JSON.stringify(body) };
    }
    const taken = ctx.take('adsFullstats');
    if ('status' in taken) return taken;
    const t = ctx.nowMs;
    const out: Record<string, unknown>[] = [];
    for (const c of this.mine(ctx)) {
      if (ids.indexOf(c.advertId) < 0 || STATS_STATUSES.indexOf(this.status(c, t)) < 0) continue;
      const days: Record<string, unknown>[] = [];
      const total = zero();
      for (let d = begin; d <= Math.min(end, mskDay(t)); d++) {
        const dayTotal = zero();
        const apps = ADS_APPS.map((appType, a) => {
          const appTotal = zero();
          const nms: Record<string, unknown>[] = [];
          for (const nm of c.nmIds) {
            const cells = this.cells(c, nm, d, t);
            if (!cells) continue;
            const p = this.data.seller.products.find((x) => x.nmId === nm);
            add(appTotal, cells[a]);
            nms.push({ ...stat(cells[a]), name: p ? p.subject + ' ' + p.brand : '', nmId: nm });
          }
          add(dayTotal, appTotal);
          return { appType, ...stat(appTotal), nms };
        });
        if (!dayTotal.views && !dayTotal.spendKop) continue;
        add(total, dayTotal);
        days.push({ apps, ...stat(dayTotal), date: fmtDay(d) + 'T00:00:00Z' });
      }
      if (!days.length) continue;
      out.push({ advertId: c.advertId, ...stat(total), boosterStats: [], days, currency: 'RUB' });
    }
    return okJson(JSON.stringify(out), taken.headers);
  }

  upd(ctx: RequestCtx): FakeResponse {
    const from = dayParam(ctx.params.get('from'));
    const to = dayParam(ctx.params.get('to'));
    if (from === null || to === null || to < from || to - from + 1 > MAX_DAYS) {
      return { status: 400, headers: { 'Content-Type': 'text/plain; charset=utf-8' }, body: UPD_BAD_INTERVAL };
    }
    const taken = ctx.take('adsUpd');
    if ('status' in taken) return taken;
    const rows = ctx.mine
      ? this.charges(ctx.nowMs)
          .filter((x) => mskDay(x.at) >= from && mskDay(x.at) <= to)
          .map((x) => ({
            updNum: x.num,
            updTime: fmtMskOffset(x.at),
            updSum: x.rub,
            advertId: x.advertId,
            campName: x.c.name,
            advertType: x.c.type,
            paymentType: 'Баланс',
            advertStatus: this.status(x.c, ctx.nowMs),
          }))
      : [];
    return okJson(JSON.stringify(rows), taken.headers);
  }
}

function dayParam(text: string | null): number | null {
  if (text === null || !/^\d{4}-\d{2}-\d{2}$/.test(text)) return null;
  const ms = Date.parse(text + 'T00:00:00Z');
  return isNaN(ms) ? null : Math.floor(ms / DAY);
}

function zero(): AdCell {
  return { views: 0, clicks: 0, atbs: 0, orders: 0, sumPriceKop: 0, spendKop: 0 };
}

function add(to: AdCell, c: AdCell): void {
  to.views += c.views;
  to.clicks += c.clicks;
  to.atbs += c.atbs;
  to.orders += c.orders;
  to.sumPriceKop += c.sumPriceKop;
  to.spendKop += c.spendKop;
}

/** A cell as fullstats writes it: money in roubles, ratios in % and roubles per click, 2 decimals. */
function stat(c: AdCell): Record<string, number> {
  return {
    atbs: c.atbs,
    canceled: 0,
    clicks: c.clicks,
    cpc: c.clicks ? r2(c.spendKop / 100 / c.clicks) : 0,
    cr: c.clicks ? r2((c.orders / c.clicks) * 100) : 0,
    ctr: c.views ? r2((c.clicks / c.views) * 100) : 0,
    orders: c.orders,
    shks: c.orders,
    sum: c.spendKop / 100,
    sum_price: c.sumPriceKop / 100,
    views: c.views,
  };
}
