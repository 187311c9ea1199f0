import { ADS } from './ads';
import { ORDERS } from './orders';
import { PAID_ACCEPTANCE, PAID_STORAGE } from './paid';
import { REALIZATION } from './realization';
import { SALES } from './sales';
import { STOCKS } from './stocks';
import { SUPPLIES } from './supplies';
import { ReportId, ReportSpec } from './types';

export const REPORTS: Record<ReportId, ReportSpec> = { orders: ORDERS, sales: SALES, stocks: STOCKS, supplies: SUPPLIES, realization: REALIZATION, ads: ADS, paidStorage: PAID_STORAGE, acceptance: PAID_ACCEPTANCE };
export const REPORT_ORDER: ReportId[] = ['orders', 'sales', 'stocks', 'supplies', 'realization', 'ads', 'paidStorage', 'acceptance'];
