/**
 * The catalogue of WB endpoints the add-on uses: host, path, category and the rate
 * bucket per key type (wb-api.md §1 and §2, and the limit tables of the 2026 specs).
 * Requests a bucket would refuse are not sent.
 */
import { Category, KeyType } from './token';

export interface Bucket {
  /** One request token regenerates every intervalMs. */
  intervalMs: number;
  /** Tokens that may be spent at once. */
  burst: number;
}

export type EndpointId =
  | 'orders'
  | 'sales'
  | 'stocksCreate'
  | 'stocksStatus'
  | 'stocksDownload'
  | 'suppliesList'
  | 'supplyDetails'
  | 'supplyGoods'
  | 'financeDetailed'
  | 'financeList'
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

export interface Endpoint {
  id: EndpointId;
  host: string;
  sandboxHost: string | null;
  /** Path; `{name}` parts are filled from path parameters. */
  path: string;
  method: 'get' | 'post';
  category: number;
  buckets: Record<KeyType | 'unknown', Bucket>;
  /** Rows a full page holds; a shorter page is the last one. */
  pageLimit: number;
  /** Key types WB accepts at all (others get 403); absent: every type. */
  keyTypes?: KeyType[];
}

const SEC = 1000;
const MIN = 60 * SEC;
const HOUR = 60 * MIN;

function perType(fast: Bucket, base: Bucket): Record<KeyType | 'unknown', Bucket> {
  // Unknown types are treated like Base: the strictest bucket never gets a 429.
  return { personal: fast, service: fast, test: fast, base, unknown: base };
}

export const STATISTICS_HOST = 'statistics-api.wildberries.ru';
export const STATISTICS_SANDBOX_HOST = 'statistics-api-sandbox.wildberries.ru';
export const ANALYTICS_HOST = 'seller-analytics-api.wildberries.ru';
export const SUPPLIES_HOST = 'supplies-api.wildberries.ru';
export const FINANCE_HOST = 'finance-api.wildberries.ru';
export const ADVERT_HOST = 'advert-api.wildberries.ru';
export const FEEDBACKS_HOST = 'feedbacks-api.wildberries.ru';
export const FEEDBACKS_SANDBOX_HOST = 'feedbacks-api-sandbox.wildberries.ru';
export const COMMON_HOST = 'common-api.wildberries.ru';
/** common-api («Тарифы, Новости, Информация о продавце») takes a valid key of any category. */
export const ANY_CATEGORY = 0;

const STOCKS_BASE = { intervalMs: 15 * MIN, burst: 1 };
const SUPPLIES_FAST = { intervalMs: 2 * SEC, burst: 10 };
const SUPPLIES_BASE = { intervalMs: 30 * MIN, burst: 1 };

export const ENDPOINTS: Record<EndpointId, Endpoint> = {
  orders: {
    id: 'orders',
    host: STATISTICS_HOST,
    sandboxHost: STATISTICS_SANDBOX_HOST,
    path: '/api/v1/supplier/orders',
    method: 'get',
    category: Category.Statistics,
    buckets: perType({ intervalMs: MIN, burst: 10 }, { intervalMs: 3 * HOUR, burst: 1 }),
    pageLimit: 80000,
  },
  sales: {
    id: 'sales',
    host: STATISTICS_HOST,
    sandboxHost: STATISTICS_SANDBOX_HOST,
    path: '/api/v1/supplier/sales',
    method: 'get',
    category: Category.Statistics,
    buckets: perType({ intervalMs: MIN, burst: 1 }, { intervalMs: 2 * HOUR, burst: 1 }),
    pageLimit: 80000,
  },
  stocksCreate: {
    id: 'stocksCreate',
    host: ANALYTICS_HOST,
    sandboxHost: null,
    path: '/api/v1/warehouse_remains',
    method: 'get',
    category: Category.Analytics,
    buckets: perType({ intervalMs: MIN, burst: 5 }, STOCKS_BASE),
    pageLimit: 0,
  },
  stocksStatus: {
    id: 'stocksStatus',
    host: ANALYTICS_HOST,
    sandboxHost: null,
    path: '/api/v1/warehouse_remains/tasks/{taskId}/status',
    method: 'get',
    category: Category.Analytics,
    buckets: perType({ intervalMs: 5 * SEC, burst: 5 }, STOCKS_BASE),
    pageLimit: 0,
  },
  stocksDownload: {
    id: 'stocksDownload',
    host: ANALYTICS_HOST,
    sandboxHost: null,
    path: '/api/v1/warehouse_remains/tasks/{taskId}/download',
    method: 'get',
    category: Category.Analytics,
    buckets: perType({ intervalMs: MIN, burst: 1 }, STOCKS_BASE),
    pageLimit: 0,
  },
  suppliesList: {
    id: 'suppliesList',
    host: SUPPLIES_HOST,
    sandboxHost: null,
    path: '/api/v1/supplies',
    method: 'post',
    category: Category.Supplies,
    buckets: perType(SUPPLIES_FAST, SUPPLIES_BASE),
    pageLimit: 1000,
  },
  supplyDetails: {
    id: 'supplyDetails',
    host: SUPPLIES_HOST,
    sandboxHost: null,
    path: '/api/v1/supplies/{id}',
    method: 'get',
    category: Category.Supplies,
    buckets: perType(SUPPLIES_FAST, SUPPLIES_BASE),
    pageLimit: 0,
  },
  supplyGoods: {
    id: 'supplyGoods',
    host: SUPPLIES_HOST,
    sandboxHost: null,
    path: '/api/v1/supplies/{id}/goods',
    method: 'get',
    category: Category.Supplies,
    buckets: perType(SUPPLIES_FAST, SUPPLIES_BASE),
    pageLimit: 1000,
  },
  financeDetailed: {
    id: 'financeDetailed',
    host: FINANCE_HOST,
    sandboxHost: null,
    path: '/api/finance/v1/sales-reports/detailed',
    method: 'post',
    category: Category.Finance,
    buckets: perType({ intervalMs: MIN, burst: 1 }, { intervalMs: 12 * HOUR, burst: 1 }),
    pageLimit: 100000,
  },
  // WB's own totals per report («Итого к оплате» = bankPaymentSum): Personal and Service keys only.
  financeList: {
    id: 'financeList',
    host: FINANCE_HOST,
    sandboxHost: null,
    path: '/api/finance/v1/sales-reports/list',
    method: 'post',
    category: Category.Finance,
    buckets: perType({ intervalMs: MIN, burst: 1 }, { intervalMs: MIN, burst: 1 }),
    pageLimit: 1000,
    keyTypes: ['personal', 'service'],
  },
  // Promotion (08-promotion.yaml), each method's own table. Campaign lists: 5/s, burst 5; Base 4/h.
  adsCount: {
    id: 'adsCount',
    host: ADVERT_HOST,
    sandboxHost: null,
    path: '/adv/v1/promotion/count',
    method: 'get',
    category: Category.Promotion,
    buckets: perType({ intervalMs: 200, burst: 5 }, { intervalMs: 15 * MIN, burst: 1 }),
    pageLimit: 0,
  },
  // Campaign details, at most 50 ids a request: 5/s, burst 5; Base 1/h.
  adsAdverts: {
    id: 'adsAdverts',
    host: ADVERT_HOST,
    sandboxHost: null,
    path: '/api/advert/v2/adverts',
    method: 'get',
    category: Category.Promotion,
    buckets: perType({ intervalMs: 200, burst: 5 }, { intervalMs: HOUR, burst: 1 }),
    pageLimit: 50,
  },
  // Statistics, at most 50 campaigns and 31 days a request: 3/min (20 s, burst 1); Base 1/h.
  adsFullstats: {
    id: 'adsFullstats',
    host: ADVERT_HOST,
    sandboxHost: null,
    path: '/adv/v3/fullstats',
    method: 'get',
    category: Category.Promotion,
    buckets: perType({ intervalMs: 20 * SEC, burst: 1 }, { intervalMs: HOUR, burst: 1 }),
    pageLimit: 50,
  },
  // Spend history (charges), 1..31 days a request: 1/s, burst 5; Base 1/h.
  adsUpd: {
    id: 'adsUpd',
    host: ADVERT_HOST,
    sandboxHost: null,
    path: '/adv/v1/upd',
    method: 'get',
    category: Category.Promotion,
    buckets: perType({ intervalMs: SEC, burst: 5 }, { intervalMs: HOUR, burst: 1 }),
    pageLimit: 0,
  },
  // Paid storage (12-reports.yaml, async task, at most 8 days): create 1/min burst 5, Base 1/h;
  // status 1 per 5 s burst 5, Base 2/h burst 2; download 1/min, Base 2/h.
  storageCreate: {
    id: 'storageCreate',
    host: ANALYTICS_HOST,
    sandboxHost: null,
    path: '/api/v1/paid_storage',
    method: 'get',
    category: Category.Analytics,
    buckets: perType({ intervalMs: MIN, burst: 5 }, { intervalMs: HOUR, burst: 1 }),
    pageLimit: 0,
  },
  storageStatus: {
    id: 'storageStatus',
    host: ANALYTICS_HOST,
    sandboxHost: null,
    path: '/api/v1/paid_storage/tasks/{taskId}/status',
    method: 'get',
    category: Category.Analytics,
    buckets: perType({ intervalMs: 5 * SEC, burst: 5 }, { intervalMs: 30 * MIN, burst: 2 }),
    pageLimit: 0,
  },
  storageDownload: {
    id: 'storageDownload',
    host: ANALYTICS_HOST,
    sandboxHost: null,
    path: '/api/v1/paid_storage/tasks/{taskId}/download',
    method: 'get',
    category: Category.Analytics,
    buckets: perType({ intervalMs: MIN, burst: 1 }, { intervalMs: 30 * MIN, burst: 1 }),
    pageLimit: 0,
  },
  // Acceptance (async task, at most 31 days): create 1/min, Base 1 per 3 h; status 1 per 5 s,
  // Base 2/h; download 1/min, Base 2/h; burst 1 each.
  acceptanceCreate: {
    id: 'acceptanceCreate',
    host: ANALYTICS_HOST,
    sandboxHost: null,
    path: '/api/v1/acceptance_report',
    method: 'get',
    category: Category.Analytics,
    buckets: perType({ intervalMs: MIN, burst: 1 }, { intervalMs: 3 * HOUR, burst: 1 }),
    pageLimit: 0,
  },
  acceptanceStatus: {
    id: 'acceptanceStatus',
    host: ANALYTICS_HOST,
    sandboxHost: null,
    path: '/api/v1/acceptance_report/tasks/{taskId}/status',
    method: 'get',
    category: Category.Analytics,
    buckets: perType({ intervalMs: 5 * SEC, burst: 1 }, { intervalMs: 30 * MIN, burst: 1 }),
    pageLimit: 0,
  },
  acceptanceDownload: {
    id: 'acceptanceDownload',
    host: ANALYTICS_HOST,
    sandboxHost: null,
    path: '/api/v1/acceptance_report/tasks/{taskId}/download',
    method: 'get',
    category: Category.Analytics,
    buckets: perType({ intervalMs: MIN, burst: 1 }, { intervalMs: 30 * MIN, burst: 1 }),
    pageLimit: 0,
  },
  // Buyer reviews (09-communications.yaml): one limit for the whole «Вопросы и отзывы»
  // category, 3/s burst 6 (Personal/Service), 5 per hour burst 1 (Base); take <= 5000.
  feedbacks: {
    id: 'feedbacks',
    host: FEEDBACKS_HOST,
    sandboxHost: FEEDBACKS_SANDBOX_HOST,
    path: '/api/v1/feedbacks',
    method: 'get',
    category: Category.Feedbacks,
    buckets: perType({ intervalMs: 334, burst: 6 }, { intervalMs: 12 * MIN, burst: 1 }),
    pageLimit: 5000,
  },
  // The sales funnel by day (11-analytics.yaml): at most the last week, 1..20 nmIds a
  // request; 3 a minute burst 3 (Personal/Service), 2 an hour burst 1 (Base).
  funnelHistory: {
    id: 'funnelHistory',
    host: ANALYTICS_HOST,
    sandboxHost: null,
    path: '/api/analytics/v3/sales-funnel/products/history',
    method: 'post',
    category: Category.Analytics,
    buckets: perType({ intervalMs: 20 * SEC, burst: 3 }, { intervalMs: 30 * MIN, burst: 1 }),
    pageLimit: 20,
  },
  // The search report (11-analytics.yaml, part of WB's paid «Джем»): each method 3 a minute
  // burst 3 (Personal/Service), 1 an hour (Base). Details: up to 50 nmIds a request.
  searchDetails: {
    id: 'searchDetails',
    host: ANALYTICS_HOST,
    sandboxHost: null,
    path: '/api/v2/search-report/table/details',
    method: 'post',
    category: Category.Analytics,
    buckets: perType({ intervalMs: 20 * SEC, burst: 3 }, { intervalMs: HOUR, burst: 1 }),
    pageLimit: 50,
  },
  // The top queries of up to 50 articles: at most 30 on the standard Jam tariff.
  searchTexts: {
    id: 'searchTexts',
    host: ANALYTICS_HOST,
    sandboxHost: null,
    path: '/api/v2/search-report/product/search-texts',
    method: 'post',
    category: Category.Analytics,
    buckets: perType({ intervalMs: 20 * SEC, burst: 3 }, { intervalMs: HOUR, burst: 1 }),
    pageLimit: 30,
  },
  // WB's commission by subject and sales model (10-rates.yaml): any valid key, no sandbox;
  // 1 a minute burst 2 (Personal/Service/Base with secret), 5 an hour burst 1 (Base).
  tariffsCommission: {
    id: 'tariffsCommission',
    host: COMMON_HOST,
    sandboxHost: null,
    path: '/api/v1/tariffs/commission',
    method: 'get',
    category: ANY_CATEGORY,
    buckets: perType({ intervalMs: MIN, burst: 2 }, { intervalMs: 12 * MIN, burst: 1 }),
    pageLimit: 0,
  },
};

/** Whether WB accepts the endpoint with a key of this type. */
export function acceptsKeyType(endpoint: Endpoint, type: KeyType | 'unknown'): boolean {
  return !endpoint.keyTypes || (type !== 'unknown' && endpoint.keyTypes.indexOf(type) >= 0);
}

/** /ping: 3 requests per 30 s per host (01-general.yaml). */
export const PING_BUCKET: Bucket = { intervalMs: 10 * SEC, burst: 3 };

/** Every host the add-on may call: the manifest's urlFetchWhitelist is built from it. */
export const WB_HOSTS = [STATISTICS_HOST, STATISTICS_SANDBOX_HOST, ANALYTICS_HOST, SUPPLIES_HOST, FINANCE_HOST, FEEDBACKS_HOST, FEEDBACKS_SANDBOX_HOST, ADVERT_HOST, COMMON_HOST];

export function hostFor(endpoint: Endpoint, sandbox: boolean): string {
  return sandbox && endpoint.sandboxHost ? endpoint.sandboxHost : endpoint.host;
}

function queryString(query: Record<string, string>): string {
  return Object.keys(query)
    .map((k) => encodeURIComponent(k) + '=' + encodeURIComponent(query[k]))
    .join('&');
}

export function endpointUrl(endpoint: Endpoint, sandbox: boolean, query: Record<string, string>, pathParams: Record<string, string> = {}): string {
  const path = endpoint.path.replace(/\{(\w+)\}/g, (_m, name: string) => encodeURIComponent(pathParams[name] ?? ''));
  const qs = queryString(query);
  return 'https://' + hostFor(endpoint, sandbox) + path + (qs ? '?' + qs : '');
}

export function pingUrl(host: string): string {
  return 'https://' + host + '/ping';
}
