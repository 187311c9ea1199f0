/**
 * WB rate limits (wb-api.md §1.1, §1.2, §2): a token bucket per seller account and
 * method, "Interval" = one request regenerates, "Burst" = bucket size; the sizes
 * depend on the key type. Implemented as GCRA (exact integer ms, no drift).
 */
import { HOUR, MINUTE } from './time';

export interface Limit {
  intervalMs: number;
  burst: number;
}

export type LimitedRoute = 'orders' | 'sales' | 'ping';

/** acc claim: 1 Base, 2 Test, 3 Personal, 4 Service. */
export const LIMITS: Record<LimitedRoute, { base: Limit; standard: Limit }> = {
  // Personal/Service (and Base with secret): 1/min burst 10; Base: 1 per 3 h burst 1.
  orders: { base: { intervalMs: 3 * HOUR, burst: 1 }, standard: { intervalMs: MINUTE, burst: 10 } },
  // Personal/Service: 1/min burst 1; Base: 1 per 2 h burst 1.
  sales: { base: { intervalMs: 2 * HOUR, burst: 1 }, standard: { intervalMs: MINUTE, burst: 1 } },
  // 3 per 30 s per host, whatever the key type.
  ping: { base: { intervalMs: 10_000, burst: 3 }, standard: { intervalMs: 10_000, burst: 3 } },
};

/**
 * The limit for a key type. Test keys (sandbox) get the Personal limits: the spec
 * gives no sandbox table. Unknown acc values are treated as Base (the strictest).
 * "Base with secret" (X-Client-Secret) is not modelled: the emulator cannot check secrets.
 */
export function limitFor(route: LimitedRoute, acc: unknown): Limit {
  const row = LIMITS[route];
  return acc === 2 || acc === 3 || acc === 4 ? row.standard : row.base;
}

export type TakeResult =
  | { ok: true; remaining: number; burst: number }
  | { ok: false; retryMs: number; resetMs: number; burst: number };

export class Buckets {
  /** Theoretical arrival time per bucket key. */
  private readonly tat = new Map<string, number>();

  take(key: string, limit: Limit, nowMs: number): TakeResult {
    const { intervalMs: T, burst: B } = limit;
    const tolerance = (B - 1) * T;
    const tat = Math.max(this.tat.get(key) ?? nowMs, nowMs);
    const allowAt = tat - tolerance;
    if (nowMs < allowAt) {
      return { ok: false, retryMs: allowAt - nowMs, resetMs: tat - nowMs, burst: B };
    }
    const next = tat + T;
    this.tat.set(key, next);
    const remaining = Math.floor((nowMs + tolerance + T - next) / T);
    return { ok: true, remaining: Math.max(0, remaining), burst: B };
  }

  /** Whole seconds as WB sends them in X-Ratelimit-* headers (rounded up). */
  static seconds(ms: number): number {
    return Math.ceil(ms / 1000);
  }
}
