import { ADS } from './ads';
import { FUNNEL } from './funnel';
import { ORDERS } from './orders';
import { PAID_ACCEPTANCE, PAID_STORAGE } from './paid';
import { REALIZATION } from './realization';
import { REVIEWS } from './reviews';
import { SALES } from './sales';
import { SEARCH } from './search';
import { STOCKS } from './stocks';
import { SUPPLIES } from './supplies';
import { ReportId, ReportSpec } from './types';

export const REPORTS: Record<ReportId, ReportSpec> = { orders: ORDERS, sales: SALES, stocks: STOCKS, supplies: SUPPLIES, realization: REALIZATION, reviews: REVIEWS, funnel: FUNNEL, search: SEARCH, ads: ADS, paidStorage: PAID_STORAGE, acceptance: PAID_ACCEPTANCE };
export const REPORT_ORDER: ReportId[] = ['orders', 'sales', 'stocks', 'supplies', 'realization', 'reviews', 'funnel', 'search', 'ads', 'paidStorage', 'acceptance'];
