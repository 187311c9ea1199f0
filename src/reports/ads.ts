/**
 * Advertising (Promotion API, category «Продвижение»): one row per campaign, article and
 * day from `/adv/v3/fullstats` (WB's apps — site, Android, iOS — summed), and one row per
 * campaign and day reconciling the spend those statistics show with what WB charged
 * (`/adv/v1/upd`). Money is summed in whole kopecks, so a day's spend is exactly WB's.
 */
import { Cell } from '../gas/types';
import { field, textCell } from './cells';
import { ReportSpec } from './types';

/** Statuses WB keeps statistics for: 7 finished, 9 active, 11 paused (08-promotion.yaml). */
export const STATS_STATUSES = [7, 9, 11];

const STATUS = {
  ru: { '-1': 'Удалена', '4': 'Готова к запуску', '7': 'Завершена', '8': 'Отменена', '9': 'Активна', '11': 'На паузе' } as Record<string, string>,
  en: { '-1': 'Deleted', '4': 'Ready', '7': 'Finished', '8': 'Cancelled', '9': 'Active', '11': 'Paused' } as Record<string, string>,
};

function kop(v: unknown): number {
  return typeof v === 'number' && isFinite(v) ? Math.round(v * 100) : 0;
}

function count(v: unknown): number {
  return typeof v === 'number' && isFinite(v) ? v : 0;
}

/** Money from whole kopecks. */
function rub(k: unknown): Cell {
  return typeof k === 'number' && isFinite(k) ? k / 100 : null;
}

export const ADS: ReportSpec = {
  id: 'ads',
  mode: 'ads',
  endpoint: 'adsFullstats',
  title: { ru: 'WB Реклама', en: 'WB Ads' },
  keyColumns: ['day', 'advertId', 'nmId'],
  columns: [
    field('day', 'date', 'Дата', 'Date'),
    field('advertId', 'int', 'ID кампании', 'Campaign ID'),
    field('campaignName', 'text', 'Кампания', 'Campaign'),
    field('paymentType', 'text', 'Оплата (cpm/cpc)', 'Payment (cpm/cpc)'),
    {
      id: 'status',
      type: 'text',
      ru: 'Статус кампании',
      en: 'Campaign status',
      value: (row, locale) => textCell(STATUS[locale][String(row.status)] || (row.status === undefined ? '' : String(row.status))),
    },
    field('nmId', 'int', 'Артикул WB', 'WB article (nmId)'),
    field('vendorCode', 'text', 'Артикул продавца', 'Seller article'),
    field('productName', 'text', 'Товар', 'Product'),
    field('views', 'int', 'Показы', 'Views'),
    field('clicks', 'int', 'Клики', 'Clicks'),
    {
      id: 'ctr',
      type: 'number',
      ru: 'CTR, %',
      en: 'CTR, %',
      value: (row) => (count(row.views) ? Math.round((count(row.clicks) / count(row.views)) * 10000) / 100 : null),
    },
    {
      id: 'cpc',
      type: 'money',
      ru: 'CPC (цена клика)',
      en: 'CPC (cost per click)',
      value: (row) => (count(row.clicks) ? Math.round(count(row.spendKop) / count(row.clicks)) / 100 : null),
    },
    field('atbs', 'int', 'Добавления в корзину', 'Added to cart'),
    field('orders', 'int', 'Заказы по рекламе', 'Orders from ads'),
    field('shks', 'int', 'Заказано, шт', 'Units ordered'),
    { id: 'orderSum', type: 'money', ru: 'Сумма заказов по рекламе', en: 'Orders sum from ads', value: (row) => rub(row.orderSumKop) },
    { id: 'spend', type: 'money', ru: 'Расход', en: 'Spend', value: (row) => rub(row.spendKop) },
  ],
};

/**
 * Per campaign and day: the spend the statistics show and what WB charged (upd), and
 * their difference. Written by the ads refresh, never fetched on its own.
 */
export const ADS_SPEND: ReportSpec = {
  id: 'adsSpend',
  mode: 'derived',
  endpoint: 'adsUpd',
  title: { ru: 'WB Реклама: списания', en: 'WB Ads: charges' },
  keyColumns: ['day', 'advertId'],
  columns: [
    field('day', 'date', 'Дата', 'Date'),
    field('advertId', 'int', 'ID кампании', 'Campaign ID'),
    field('campaignName', 'text', 'Кампания', 'Campaign'),
    { id: 'statsSpend', type: 'money', ru: 'Расход по статистике', en: 'Spend per statistics', value: (row) => rub(row.statsSpendKop) },
    { id: 'charged', type: 'money', ru: 'Списано (документы)', en: 'Charged (documents)', value: (row) => rub(row.chargedKop) },
    { id: 'difference', type: 'money', ru: 'Разница: списано − расход', en: 'Difference: charged − spend', value: (row) => rub(row.differenceKop) },
  ],
};

export interface CampaignInfo {
  advertId: number;
  name: string;
  paymentType: string;
  status: number;
}

/** One campaign of the statistics answer, its days' apps and articles summed per article and day. */
export function adRows(stats: Record<string, unknown>[], info: Map<number, CampaignInfo>, vendorCodes: Map<number, string>): Record<string, unknown>[] {
  const rows = new Map<string, Record<string, unknown>>();
  for (const campaign of stats) {
    const advertId = campaign.advertId;
    if (typeof advertId !== 'number') continue;
    const about = info.get(advertId);
    for (const d of Array.isArray(campaign.days) ? (campaign.days as Record<string, unknown>[]) : []) {
      // WB writes the (Moscow) day as midnight "Z": the day is its date part.
      const day = typeof d.date === 'string' ? d.date.slice(0, 10) : '';
      if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) continue;
      for (const app of Array.isArray(d.apps) ? (d.apps as Record<string, unknown>[]) : []) {
        for (const nm of Array.isArray(app.nms) ? (app.nms as Record<string, unknown>[]) : []) {
          if (typeof nm.nmId !== 'number') continue;
          const key = day + '|' + advertId + '|' + nm.nmId;
          let row = rows.get(key);
          if (!row) {
            row = {
              day,
              advertId,
              campaignName: about ? about.name : null,
              paymentType: about ? about.paymentType : null,
              status: about ? about.status : null,
              nmId: nm.nmId,
              vendorCode: vendorCodes.get(nm.nmId as number) ?? null,
              productName: typeof nm.name === 'string' ? nm.name : null,
              views: 0,
              clicks: 0,
              atbs: 0,
              orders: 0,
              shks: 0,
              orderSumKop: 0,
              spendKop: 0,
            };
            rows.set(key, row);
          }
          row.views = (row.views as number) + count(nm.views);
          row.clicks = (row.clicks as number) + count(nm.clicks);
          row.atbs = (row.atbs as number) + count(nm.atbs);
          row.orders = (row.orders as number) + count(nm.orders);
          row.shks = (row.shks as number) + count(nm.shks);
          row.orderSumKop = (row.orderSumKop as number) + kop(nm.sum_price);
          row.spendKop = (row.spendKop as number) + kop(nm.sum);
        }
      }
    }
  }
  return Array.from(rows.values());
}

/** Spend per campaign and day from the article rows (kopecks). */
export function spendRows(rows: Record<string, unknown>[]): Record<string, unknown>[] {
  const out = new Map<string, Record<string, unknown>>();
  for (const r of rows) {
    const key = String(r.day) + '|' + String(r.advertId);
    const row = out.get(key);
    if (row) row.statsSpendKop = (row.statsSpendKop as number) + (r.spendKop as number);
    else out.set(key, { day: r.day, advertId: r.advertId, campaignName: r.campaignName, statsSpendKop: r.spendKop });
  }
  return Array.from(out.values());
}

/** Charges per campaign and Moscow day of their time (kopecks); charges without a time are not booked. */
export function chargeRows(docs: Record<string, unknown>[]): Record<string, unknown>[] {
  const out = new Map<string, Record<string, unknown>>();
  for (const d of docs) {
    if (typeof d.advertId !== 'number' || typeof d.updTime !== 'string' || typeof d.updSum !== 'number') continue;
    const day = moscowDay(d.updTime);
    if (!day) continue;
    const key = day + '|' + d.advertId;
    const row = out.get(key);
    if (row) row.chargedKop = (row.chargedKop as number) + Math.round(d.updSum * 100);
    else out.set(key, { day, advertId: d.advertId, campaignName: typeof d.campName === 'string' ? d.campName : null, chargedKop: Math.round(d.updSum * 100) });
  }
  return Array.from(out.values());
}

/** The Moscow date of a WB time with an offset ("2023-07-31T12:12:54.06+03:00"). */
export function moscowDay(text: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/.exec(text.trim());
  if (!m) return null;
  if (!m[7]) return m[1] + '-' + m[2] + '-' + m[3];
  const zone = m[7] === 'Z' ? 0 : (m[7][0] === '-' ? -1 : 1) * (Number(m[7].slice(1, 3)) * 60 + Number(m[7].replace(':', '').slice(3, 5)));
  const utc = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6])) - zone * 60000;
  return new Date(utc + 3 * 3600000).toISOString().slice(0, 10);
}
