/**
 * Hosts and paths the emulator knows (wb-api.md §0, §1; 01-general.yaml /ping table).
 * Any other host does not resolve (DNS error); any other path is 404.
 */
export interface HostInfo {
  /** category bit the key needs on this host; null = any valid key (common-api) */
  category: number | null;
  /** a sandbox host: accepts only test keys (t: true) */
  sandbox: boolean;
  /** serves orders and sales (statistics-api and its sandbox) */
  statistics: boolean;
  /** `origin` in this host's 404 body ('ag-statistics' is observed; the others are invented) */
  origin: string;
  /** the methods served besides /ping (statistics: orders and sales) */
  service?: 'statistics' | 'analytics' | 'supplies' | 'finance' | 'feedbacks' | 'advert' | 'common';
}

function host(category: number | null, origin: string, sandbox = false, statistics = false, service?: HostInfo['service']): HostInfo {
  const info: HostInfo = { category, sandbox, statistics, origin };
  if (service) info.service = service;
  else if (statistics) info.service = 'statistics';
  return info;
}

export const HOSTS: Record<string, HostInfo> = {
  'statistics-api.wildberries.ru': host(5, 'ag-statistics', false, true),
  'statistics-api-sandbox.wildberries.ru': host(5, 'ag-statistics', true, true),
  'content-api.wildberries.ru': host(1, 'ag-content'),
  'content-api-sandbox.wildberries.ru': host(1, 'ag-content', true),
  'seller-analytics-api.wildberries.ru': host(2, 'ag-analytics', false, false, 'analytics'),
  'discounts-prices-api.wildberries.ru': host(3, 'ag-prices'),
  'discounts-prices-api-sandbox.wildberries.ru': host(3, 'ag-prices', true),
  'marketplace-api.wildberries.ru': host(4, 'ag-marketplace'),
  'advert-api.wildberries.ru': host(6, 'ag-advert', false, false, 'advert'),
  'advert-api-sandbox.wildberries.ru': host(6, 'ag-advert', true),
  'feedbacks-api.wildberries.ru': host(7, 'ag-feedbacks', false, false, 'feedbacks'),
  'feedbacks-api-sandbox.wildberries.ru': host(7, 'ag-feedbacks', true, false, 'feedbacks'),
  'buyer-chat-api.wildberries.ru': host(9, 'ag-buyer-chat'),
  'supplies-api.wildberries.ru': host(10, 'ag-supplies', false, false, 'supplies'),
  'returns-api.wildberries.ru': host(11, 'ag-returns'),
  'documents-api.wildberries.ru': host(12, 'ag-documents'),
  'finance-api.wildberries.ru': host(13, 'ag-finance', false, false, 'finance'),
  // "Тарифы, Новости, Информация о продавце": x-category all; no category bit of its own.
  'common-api.wildberries.ru': host(null, 'ag-common', false, false, 'common'),
  'user-management-api.wildberries.ru': host(16, 'ag-user-management'),
};

export const ORDERS_PATH = '/api/v1/supplier/orders';
export const SALES_PATH = '/api/v1/supplier/sales';
export const PING_PATH = '/ping';
export const INCOMES_PATH = '/api/v1/supplier/incomes';
export const STOCKS_PATH = '/api/v1/supplier/stocks';
export const REPORT_DETAIL_PATH = '/api/v5/supplier/reportDetailByPeriod';

export const REMAINS_PATH = '/api/v1/warehouse_remains';
export const SUPPLIES_PATH = '/api/v1/supplies';
export const FIN_DETAILED_PATH = '/api/finance/v1/sales-reports/detailed';
export const FIN_LIST_PATH = '/api/finance/v1/sales-reports/list';
export const FEEDBACKS_PATH = '/api/v1/feedbacks';
export const TARIFFS_COMMISSION_PATH = '/api/v1/tariffs/commission';
export const FUNNEL_HISTORY_PATH = '/api/analytics/v3/sales-funnel/products/history';
export const SEARCH_DETAILS_PATH = '/api/v2/search-report/table/details';
export const SEARCH_TEXTS_PATH = '/api/v2/search-report/product/search-texts';

export const ADS_COUNT_PATH = '/adv/v1/promotion/count';
export const ADS_ADVERTS_PATH = '/api/advert/v2/adverts';
export const ADS_FULLSTATS_PATH = '/adv/v3/fullstats';
export const ADS_UPD_PATH = '/adv/v1/upd';

export const STORAGE_PATH = '/api/v1/paid_storage';
export const ACCEPTANCE_PATH = '/api/v1/acceptance_report';
const PAID_TASK_RE = /^\/api\/v1\/(paid_storage|acceptance_report)\/tasks\/([^/]+)\/(status|download)$/;

export type Route =
  | { kind: 'paidCreate'; report: 'storage' | 'acceptance' }
  | { kind: 'paidStatus' | 'paidDownload'; report: 'storage' | 'acceptance'; taskId: string }
  | { kind: 'adsCount' | 'adsAdverts' | 'adsFullstats' | 'adsUpd' }
  | { kind: 'orders' | 'sales' | 'ping' }
  | { kind: 'remainsCreate' }
  | { kind: 'remainsStatus' | 'remainsDownload'; taskId: string }
  | { kind: 'suppliesList' }
  | { kind: 'supplyDetails' | 'supplyGoods'; id: string }
  | { kind: 'financeDetailed' | 'financeList' }
  | { kind: 'financeById'; reportId: string }
  | { kind: 'feedbacks' }
  | { kind: 'funnelHistory' }
  | { kind: 'searchDetails' | 'searchTexts' }
  | { kind: 'tariffsCommission' }
  | { kind: 'notFound' }
  | { kind: 'deprecated'; releaseNote: number };

function segment(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

const REMAINS_TASK_RE = /^\/api\/v1\/warehouse_remains\/tasks\/([^/]+)\/(status|download)$/;
const SUPPLY_RE = /^\/api\/v1\/supplies\/([^/]+)(\/goods)?$/;
const FIN_BY_ID_RE = /^\/api\/finance\/v1\/sales-reports\/detailed\/([^/]+)$/;

function serviceRoute(service: HostInfo['service'], method: string, path: string): Route | null {
  if (service === 'analytics' && method === 'POST' && path === FUNNEL_HISTORY_PATH) return { kind: 'funnelHistory' };
  if (service === 'analytics' && method === 'POST' && path === SEARCH_DETAILS_PATH) return { kind: 'searchDetails' };
  if (service === 'analytics' && method === 'POST' && path === SEARCH_TEXTS_PATH) return { kind: 'searchTexts' };
  if (service === 'analytics' && method === 'GET') {
    if (path === REMAINS_PATH) return { kind: 'remainsCreate' };
    const m = REMAINS_TASK_RE.exec(path);
    if (m) return { kind: m[2] === 'status' ? 'remainsStatus' : 'remainsDownload', taskId: segment(m[1]) };
    if (path === STORAGE_PATH) return { kind: 'paidCreate', report: 'storage' };
    if (path === ACCEPTANCE_PATH) return { kind: 'paidCreate', report: 'acceptance' };
    const p = PAID_TASK_RE.exec(path);
    if (p) return { kind: p[3] === 'status' ? 'paidStatus' : 'paidDownload', report: p[1] === 'paid_storage' ? 'storage' : 'acceptance', taskId: segment(p[2]) };
  }
  if (service === 'supplies') {
    if (method === 'POST' && path === SUPPLIES_PATH) return { kind: 'suppliesList' };
    const m = SUPPLY_RE.exec(path);
    if (method === 'GET' && m) return { kind: m[2] ? 'supplyGoods' : 'supplyDetails', id: segment(m[1]) };
  }
  if (service === 'common' && method === 'GET' && path === TARIFFS_COMMISSION_PATH) return { kind: 'tariffsCommission' };
  if (service === 'advert' && method === 'GET') {
    if (path === ADS_COUNT_PATH) return { kind: 'adsCount' };
    if (path === ADS_ADVERTS_PATH) return { kind: 'adsAdverts' };
    if (path === ADS_FULLSTATS_PATH) return { kind: 'adsFullstats' };
    if (path === ADS_UPD_PATH) return { kind: 'adsUpd' };
  }
  if (service === 'finance' && method === 'POST') {
    if (path === FIN_DETAILED_PATH) return { kind: 'financeDetailed' };
    if (path === FIN_LIST_PATH) return { kind: 'financeList' };
    const m = FIN_BY_ID_RE.exec(path);
    if (m) return { kind: 'financeById', reportId: segment(m[1]) };
  }
  if (service === 'feedbacks' && method === 'GET' && path === FEEDBACKS_PATH) return { kind: 'feedbacks' };
  return null;
}

/**
 * Routing happens at WB's gateway before the key is looked at, so 404s come back
 * whatever the key (all field reports of these 404s had valid keys; UNCONFIRMED for
 * bad ones).
 *
 * A wrong method on a live path (e.g. POST /api/v1/supplier/orders) gets the same 404
 * `path not found`: the gateway (origin ag-statistics) routes on method + path, no
 * spec lists 405 for any WB method, and the 404 body is the only "no such route"
 * answer ever observed. Switched-off methods answer their 404 for any method.
 */
export function resolveRoute(hostInfo: HostInfo, method: string, path: string): Route {
  if (hostInfo.statistics) {
    if (path === INCOMES_PATH) return { kind: 'notFound' };
    if (path === STOCKS_PATH) return { kind: 'deprecated', releaseNote: 494 };
    if (path === REPORT_DETAIL_PATH) return { kind: 'deprecated', releaseNote: 498 };
    if (method === 'GET' && path === ORDERS_PATH) return { kind: 'orders' };
    if (method === 'GET' && path === SALES_PATH) return { kind: 'sales' };
  }
  const r = serviceRoute(hostInfo.service, method, path);
  if (r) return r;
  if (method === 'GET' && path === PING_PATH) return { kind: 'ping' };
  return { kind: 'notFound' };
}
