/** Small helpers for the emulator's own tests. */
import { FakeResponse } from '../shared/http';
import { WbEmulator } from './index';

export const NOW = Date.UTC(2026, 10, 27, 7, 0, 0); // 2026-11-27 10:00 MSK
export const STATS = 'statistics-api.wildberries.ru';
export const SANDBOX = 'statistics-api-sandbox.wildberries.ru';

export function call(
  em: WbEmulator,
  opts: { host?: string; path: string; query?: Record<string, string>; key?: string | null; now?: number; method?: string; rawQuery?: string },
): FakeResponse {
  const qs = opts.rawQuery ?? new URLSearchParams(opts.query ?? {}).toString();
  const url = `https://${opts.host ?? STATS}${opts.path}${qs ? '?' + qs : ''}`;
  const headers: Record<string, string> = {};
  if (opts.key !== null && opts.key !== undefined) headers.Authorization = opts.key;
  return em.handle({ url, method: opts.method ?? 'GET', headers }, opts.now ?? em.now);
}

export function json(r: FakeResponse): any {
  return JSON.parse(r.body);
}

export const ORDERS = '/api/v1/supplier/orders';
export const SALES = '/api/v1/supplier/sales';
