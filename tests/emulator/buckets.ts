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

export type LimitedRoute =
  | 'orders'
  | 'sales'
  | 'ping'
  | 'remainsCreate'
  | 'remainsStatus'
  | 'remainsDownload'
  | 'suppliesList'
  | 'supplyDetails'
  | 'supplyGoods'
  | 'financeDetailed'
  | 'financeList'
  | 'financeById'
  | 'adsCount'
  | 'adsAdverts'
  | 'adsFullstats'
  | 'adsUpd'
  | 'storageCreate'
  | 'storageStatus'
  | 'storageDownload'
  | 'acceptanceCreate'
  | 'acceptanceStatus'
  | 'acceptanceDownload'
  | 'feedbacks'
  | 'funnelHistory'
  | 'searchDetails'
  | 'searchTexts'
  | 'tariffsCommission';

const SUPPLIES_LIMIT = { base: { intervalMs: 30 * MINUTE, burst: 1 }, standard: { intervalMs: 2_000, burst: 10 } };
const REMAINS_BASE = { intervalMs: 15 * MINUTE, burst: 1 };
/** sales-reports/list and detailed/{reportId} refuse Base keys (403): `base` is never used. */
const FINANCE_PERSONAL_ONLY = { base: { intervalMs: MINUTE, burst: 1 }, standard: { intervalMs: MINUTE, burst: 1 } };

/** acc claim: 1 Base, 2 Test, 3 Personal, 4 Service. */
export const LIMITS: Record<LimitedRoute, { base: Limit; standard: Limit }> = {
  // Personal/Service (and Base with secret): 1/min burst 10; Base: 1 per 3 h burst 1.
  orders: { base: { intervalMs: 3 * HOUR, burst: 1 }, standard: { intervalMs: MINUTE, burst: 10 } },
  // Personal/Service: 1/min burst 1; Base: 1 per 2 h burst 1.
  sales: { base: { intervalMs: 2 * HOUR, burst: 1 }, standard: { intervalMs: MINUTE, burst: 1 } },
  // 3 per 30 s per host, whatever the key type.
  ping: { base: { intervalMs: 10_000, burst: 3 }, standard: { intervalMs: 10_000, burst: 3 } },
  // warehouse_remains (12-reports.yaml): create 1/min burst 5, status 1 per 5 s burst 5,
  // download 1/min burst 1; Base: 4 per hour (15 min interval, burst 1) for each.
  remainsCreate: { base: REMAINS_BASE, standard: { intervalMs: MINUTE, burst: 5 } },
  remainsStatus: { base: REMAINS_BASE, standard: { intervalMs: 5_000, burst: 5 } },
  remainsDownload: { base: REMAINS_BASE, standard: { intervalMs: MINUTE, burst: 1 } },
  // Supplies (07-orders-fbw.yaml), each method: 30/min, 2 s interval, burst 10; Base 2 per hour.
  suppliesList: SUPPLIES_LIMIT,
  supplyDetails: SUPPLIES_LIMIT,
  supplyGoods: SUPPLIES_LIMIT,
  // Finance (13-finances.yaml): detailed 1/min burst 1; Base 2 per 24 h (12 h interval, burst 1).
  financeDetailed: { base: { intervalMs: 12 * HOUR, burst: 1 }, standard: { intervalMs: MINUTE, burst: 1 } },
  financeList: FINANCE_PERSONAL_ONLY,
  financeById: FINANCE_PERSONAL_ONLY,
  // Promotion (08-promotion.yaml). Campaign lists: 5/s burst 5; Base 4 per hour (15 min, burst 1).
  adsCount: { base: { intervalMs: 15 * MINUTE, burst: 1 }, standard: { intervalMs: 200, burst: 5 } },
  // Campaign details: 5/s burst 5; Base 1 per hour.
  adsAdverts: { base: { intervalMs: HOUR, burst: 1 }, standard: { intervalMs: 200, burst: 5 } },
  // Statistics: 3/min (20 s interval, burst 1); Base 1 per hour.
  adsFullstats: { base: { intervalMs: HOUR, burst: 1 }, standard: { intervalMs: 20_000, burst: 1 } },
  // Spend history: 1/s burst 5; Base 1 per hour.
  adsUpd: { base: { intervalMs: HOUR, burst: 1 }, standard: { intervalMs: 1_000, burst: 5 } },
  // Paid storage (12-reports.yaml): create 1/min burst 5, Base 1/h; status 1 per 5 s burst 5,
  // Base 2/h (30 min) burst 2; download 1/min burst 1, Base 2/h burst 1.
  storageCreate: { base: { intervalMs: HOUR, burst: 1 }, standard: { intervalMs: MINUTE, burst: 5 } },
  storageStatus: { base: { intervalMs: 30 * MINUTE, burst: 2 }, standard: { intervalMs: 5_000, burst: 5 } },
  storageDownload: { base: { intervalMs: 30 * MINUTE, burst: 1 }, standard: { intervalMs: MINUTE, burst: 1 } },
  // Acceptance: create 1/min burst 1, Base 1 per 3 h; status 1 per 5 s burst 1, Base 2/h;
  // download 1/min burst 1, Base 2/h.
  acceptanceCreate: { base: { intervalMs: 3 * HOUR, burst: 1 }, standard: { intervalMs: MINUTE, burst: 1 } },
  acceptanceStatus: { base: { intervalMs: 30 * MINUTE, burst: 1 }, standard: { intervalMs: 5_000, burst: 1 } },
  acceptanceDownload: { base: { intervalMs: 30 * MINUTE, burst: 1 }, standard: { intervalMs: MINUTE, burst: 1 } },
  // «Вопросы и отзывы» (09-communications.yaml): one limit for every method of the
  // category: 3/s (333 ms interval) burst 6; Base 5 per hour (12 min interval) burst 1.
  feedbacks: { base: { intervalMs: 12 * MINUTE, burst: 1 }, standard: { intervalMs: 333, burst: 6 } },
  // Sales funnel by day (11-analytics.yaml): 3/min (20 s) burst 3; Base 2 per hour (30 min) burst 1.
  funnelHistory: { base: { intervalMs: 30 * MINUTE, burst: 1 }, standard: { intervalMs: 20_000, burst: 3 } },
  // Search report (11-analytics.yaml), each method: 3/min (20 s) burst 3; Base 1 per hour burst 1.
  searchDetails: { base: { intervalMs: HOUR, burst: 1 }, standard: { intervalMs: 20_000, burst: 3 } },
  searchTexts: { base: { intervalMs: HOUR, burst: 1 }, standard: { intervalMs: 20_000, burst: 3 } },
  // Commission by subject (10-rates.yaml): 1/min burst 2; Base 5 per hour (12 min) burst 1.
  tariffsCommission: { base: { intervalMs: 12 * MINUTE, burst: 1 }, standard: { intervalMs: MINUTE, burst: 2 } },
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
