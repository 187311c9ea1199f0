/**
 * The catalogue of WB endpoints the add-on uses: host, path, category and the rate
 * bucket per key type (wb-api.md §1 and §2). Requests a bucket would refuse are not sent.
 */
import { Category, KeyType } from './token';

export interface Bucket {
  /** One request token regenerates every intervalMs. */
  intervalMs: number;
  /** Tokens that may be spent at once. */
  burst: number;
}

export type EndpointId = 'orders' | 'sales';

export interface Endpoint {
  id: EndpointId;
  host: string;
  sandboxHost: string | null;
  path: string;
  method: 'get' | 'post';
  category: number;
  buckets: Record<KeyType | 'unknown', Bucket>;
  /** Rows a full page holds; a shorter page is the last one. */
  pageLimit: number;
}

const MIN = 60000;
const HOUR = 60 * MIN;

function perType(fast: Bucket, base: Bucket): Record<KeyType | 'unknown', Bucket> {
  // Unknown types are treated like Base: the strictest bucket never gets a 429.
  return { personal: fast, service: fast, test: fast, base, unknown: base };
}

export const STATISTICS_HOST = 'statistics-api.wildberries.ru';
export const STATISTICS_SANDBOX_HOST = 'statistics-api-sandbox.wildberries.ru';

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
};

/** Every host the add-on may call: the manifest's urlFetchWhitelist is built from it. */
export const WB_HOSTS = [STATISTICS_HOST, STATISTICS_SANDBOX_HOST];

export function endpointUrl(endpoint: Endpoint, sandbox: boolean, query: Record<string, string>): string {
  const host = sandbox && endpoint.sandboxHost ? endpoint.sandboxHost : endpoint.host;
  const qs = Object.keys(query)
    .map((k) => encodeURIComponent(k) + '=' + encodeURIComponent(query[k]))
    .join('&');
  return 'https://' + host + endpoint.path + (qs ? '?' + qs : '');
}
