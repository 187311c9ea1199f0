/** Small helpers for the emulator's own tests. */
import { FakeRequest, FakeResponse } from '../shared/http';
import { WbEmulator } from './index';

export const NOW = Date.UTC(2026, 10, 27, 7, 0, 0); // 2026-11-27 10:00 MSK
export const STATS = 'statistics-api.wildberries.ru';
export const SANDBOX = 'statistics-api-sandbox.wildberries.ru';

export function call(
  em: WbEmulator,
  opts: {
    host?: string;
    path: string;
    query?: Record<string, string>;
    key?: string | null;
    now?: number;
    method?: string;
    rawQuery?: string;
    /** request body: a string as is, anything else as JSON */
    body?: unknown;
  },
): FakeResponse {
  const qs = opts.rawQuery ?? new URLSearchParams(opts.query ?? {}).toString();
  const url = `https://${opts.host ?? STATS}${opts.path}${qs ? '?' + qs : ''}`;
  const headers: Record<string, string> = {};
  if (opts.key !== null && opts.key !== undefined) headers.Authorization = opts.key;
  const req: FakeRequest = { url, method: opts.method ?? 'GET', headers };
  if (opts.body !== undefined) {
    req.payload = typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
    headers['Content-Type'] = 'application/json';
  }
  return em.handle(req, opts.now ?? em.now);
}

export function json(r: FakeResponse): any {
  return JSON.parse(r.body);
}

export const ORDERS = '/api/v1/supplier/orders';
export const SALES = '/api/v1/supplier/sales';

export const ANALYTICS = 'seller-analytics-api.wildberries.ru';
export const SUPPLIES = 'supplies-api.wildberries.ru';
export const FINANCE = 'finance-api.wildberries.ru';
export const REMAINS = '/api/v1/warehouse_remains';
export const SUPPLIES_LIST = '/api/v1/supplies';
export const FIN_DETAILED = '/api/finance/v1/sales-reports/detailed';
export const FIN_LIST = '/api/finance/v1/sales-reports/list';
