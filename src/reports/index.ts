import { ORDERS } from './orders';
import { SALES } from './sales';
import { ReportId, ReportSpec } from './types';

export const REPORTS: Record<ReportId, ReportSpec> = { orders: ORDERS, sales: SALES };
export const REPORT_ORDER: ReportId[] = ['orders', 'sales'];
