/**
 * WB_ADS: an article's advertising for a period from the daily table (WB Реклама summed
 * per article and day): spend, views, clicks, orders, and the ratios built from those
 * sums (never an average of daily ratios).
 */
import { Measure } from '../daily/measures';
import { DAILY } from '../daily/table';
import { ADS } from '../reports/ads';
import { Category } from '../wb/token';
import { categoryName, texts } from '../texts/i18n';
import { isEmpty, mapArticles, parseDayRange } from './args';
import type { FormulaContext } from './functions';

export type AdsMetric = 'spend' | 'views' | 'clicks' | 'orders' | 'ctr' | 'cpc' | 'drr';

const NAMES: Record<string, AdsMetric> = {
  расход: 'spend',
  расходы: 'spend',
  spend: 'spend',
  показы: 'views',
  views: 'views',
  клики: 'clicks',
  clicks: 'clicks',
  заказы: 'orders',
  orders: 'orders',
  ctr: 'ctr',
  cpc: 'cpc',
  дрр: 'drr',
  drr: 'drr',
  acos: 'drr',
};

export function parseAdsMetric(metric: unknown, locale: 'ru' | 'en'): AdsMetric {
  if (isEmpty(metric)) return 'spend';
  const found = NAMES[String(metric).trim().toLowerCase()];
  if (!found) throw new Error(texts(locale).fnBadAdsMetric(String(metric)));
  return found;
}

/** Measures each metric is built from. */
const NEEDS: Record<AdsMetric, Measure[]> = {
  spend: ['adSpend'],
  views: ['adViews'],
  clicks: ['adClicks'],
  orders: ['adOrders'],
  ctr: ['adClicks', 'adViews'],
  cpc: ['adSpend', 'adClicks'],
  drr: ['adSpend', 'revPriceWithDisc'],
};

/**
 * Spend in rubles; views, clicks and orders (WB's attribution) in units; CTR = clicks ÷
 * views × 100; CPC = spend ÷ clicks (rubles); ДРР = spend ÷ revenue × 100, revenue being
 * sales minus returns at the seller-discount price (WB_REVENUE). A ratio with nothing to
 * divide by is empty.
 */
export function wbAds(ctx: FormulaContext, article: unknown, from?: unknown, to?: unknown, metric?: unknown): number | '' | (number | '')[][] {
  const which = parseAdsMetric(metric, ctx.locale);
  const range = parseDayRange(from, to, ctx.toSerial, ctx.locale);
  const index = ctx.loadDaily(NEEDS[which], false);
  if (!index) throw new Error(texts(ctx.locale).fnNoData(DAILY.title[ctx.locale]));
  // No ads sheet and no ad days counted: the numbers are unknown, not zero.
  if (!ctx.loaded('ads')) throw new Error(texts(ctx.locale).fnNoReport(ADS.title[ctx.locale], categoryName(Category.Promotion, ctx.locale)));
  return mapArticles(article, (a) => {
    const rows = index.select(a);
    const s = (m: Measure) => index.sum(m, rows, range);
    switch (which) {
      case 'spend':
        return s('adSpend') / 100;
      case 'views':
        return s('adViews');
      case 'clicks':
        return s('adClicks');
      case 'orders':
        return s('adOrders');
      case 'ctr': {
        const views = s('adViews');
        return views ? Math.round((s('adClicks') / views) * 10000) / 100 : '';
      }
      case 'cpc': {
        const clicks = s('adClicks');
        return clicks ? Math.round(s('adSpend') / clicks) / 100 : '';
      }
      default: {
        const revenue = s('revPriceWithDisc');
        return revenue ? Math.round((s('adSpend') / revenue) * 10000) / 100 : '';
      }
    }
  });
}
