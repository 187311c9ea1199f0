/**
 * An offline Wildberries API for tests: the offline Apps Script runtime's UrlFetchApp
 * calls `emulator.handle(req, nowMs)`. It follows /work/shared/docs/wb-api.md and WB's
 * OpenAPI specs: statistics-api orders and sales (flag=0 paging by lastChangeDate with
 * an 80,000-row cap, flag=1 by day, 90-day retention), /ping on every WB host, JWT keys
 * with types and category bits, sandbox rules, per-seller token buckets by key type,
 * WB's 400/401/404/429 bodies, and the methods WB switched off in 2026.
 *
 * Also: the async warehouse remains report on seller-analytics-api (remains.ts,
 * stock.ts), FBW supplies on supplies-api (supplies.ts, suppliesApi.ts) and the
 * realization reports on finance-api (realization.ts, finance.ts), buyer reviews on
 * feedbacks-api (feedbacks.ts) and the sales funnel (funnel.ts), all drawn from
 * one seller whose supplies, stock, sales and realization agree with each other.
 *
 * Order of checks for one request (each refusal is final):
 *   1. host unknown            -> throws Error('DNS error: <url>') (request still logged, status 0)
 *   2. failNext injection      -> the injected response (or thrown Error)
 *   3. route (method + path)   -> 404 path not found / 404 deprecated (before the key is read)
 *   4. key                     -> 401 malformed / bad signature / expired / scope
 *   4b. key type               -> 403 (finance list / detailed/{reportId} with a non-Personal/Service key)
 *   5. parameters              -> 400
 *   6. rate bucket             -> 429
 *   7. answer                  -> 200 / 204 (no data), or a lookup's 404/400 (task, supply)
 * Requests refused with 401 or 400 do not consume the bucket: WB's docs count
 * "requests" per seller, and a request with a bad key cannot even be attributed to a
 * seller; for 400 it is a choice (UNCONFIRMED), made so a client's parameter bug does
 * not also show up as throttling. Path 404s are refused at the gateway and never
 * counted; a lookup's 404/400 (unknown task, supply or report) comes after the bucket.
 * The 403 for Base keys on finance list / detailed/{reportId} does not count either.
 */
import { TariffsApi } from './tariffs';
import { createHash } from 'crypto';
import { AdsApi } from './ads';
import { PaidReports } from './paid-reports';
import { FakeRequest, FakeResponse } from '../shared/http';
import { Buckets, LimitedRoute, limitFor } from './buckets';
import { Seller, WAREHOUSES, makeSeller } from './catalog';
import {
  DETAIL_EXPIRED,
  DETAIL_MISSING,
  DETAIL_SCOPE,
  ERR_DATEFROM_INVALID,
  ERR_DATEFROM_REQUIRED,
  ERR_FLAG_INVALID,
  ErrorIds,
  badRequest,
  deprecated,
  okJson,
  pathNotFound,
  tooManyRequests,
  unauthorized,
} from './errors';
import { SellerIdentity, sellerIdentity } from './extras';
import { FinanceApi } from './finance';
import { Feedbacks, Review } from './feedbacks';
import { Funnel, FunnelDay } from './funnel';
import { JamTariff, SearchDay, SearchReport } from './search';
import { OrderRec, SaleRec, SellerData } from './generator';
import { Realization } from './realization';
import { RemainsTasks } from './remains';
import { RequestCtx } from './service';
import { StockRow, TransitRow, inTransit, stockSnapshot } from './stock';
import { SuppliesApi } from './suppliesApi';
import { goodJson, supplyJson } from './supplies';
import { WbClaims, signJwt, verifyJwt } from './jwt';
import { Domain, Rng, hash32 } from './prng';
import { HostInfo, HOSTS, resolveRoute } from './routes';
import { DAY, fmtMskOffset, mskDay, parseDateFrom } from './time';

// Jest runs tests in a vm context where every global lookup (Math, String, Date...) is
// slow and blocks optimisation: hot code uses these module-level aliases instead.
const { floor, max } = Math;

export type KeyType = 'base' | 'test' | 'personal' | 'service'; // acc 1,2,3,4

export interface KeyOptions {
  /** default 'personal' */
  type?: KeyType;
  /** category bit numbers; default [5] (Statistics) */
  categories?: number[];
  /** epoch ms; default the emulator's now + 180 days */
  expiresAt?: number;
  /** the `t` claim; default type === 'test' */
  sandbox?: boolean;
  /** sets bit 30 */
  readOnly?: boolean;
  /** the `sid` claim; default the emulator seller's */
  sellerId?: string;
  /** the `oid` claim; default the emulator seller's */
  oid?: number;
}

export interface EmulatorOptions {
  seed?: number;
  /** virtual epoch ms */
  now: number;
  /** default 12 */
  articles?: number;
  /** default 40 */
  ordersPerDay?: number;
  /** money on R rows; default negative */
  returnAmountSign?: 'negative' | 'positive';
  /** money on 'Возврат' rows of the realization report; default positive (as WB does) */
  realizationReturnSign?: 'negative' | 'positive';
  /**
   * Whether WB's late fill of a sale's money (forPay, finishedPrice, priceWithDisc read
   * 0 for up to 24 h) moves its lastChangeDate; the spec does not say. Default true.
   */
  fillMovesLastChange?: boolean;
  /** rows per flag=0 page, default 80000 */
  pageLimit?: number;
  /** generate history from now - historyDays, default 100 */
  historyDays?: number;
  /**
   * Refuse keys the emulator did not sign (401 DETAIL_BAD_SIGNATURE), as WB refuses
   * edited keys. Default true; false accepts any well-formed JWT.
   */
  verifySignature?: boolean;
  /** advertising campaigns of the seller (ads.ts); default 8 */
  campaigns?: number;
  /** The seller's «Джем» tariff: the search report answers 403 without one. Default 'standard'. */
  jam?: JamTariff;
  /** Percentage points the realization report charges above WB's commission tariff, per subject (tariffs.ts). */
  overchargeCommission?: Record<string, number>;
}

export interface RequestRecord {
  at: number;
  method: string;
  host: string;
  path: string;
  query: Record<string, string>;
  /** 0 when the request never got an HTTP answer (DNS error, injected Error) */
  status: number;
  authorization?: string;
}

export const DEFAULT_PAGE_LIMIT = 80_000;
/** Sandbox hosts serve only the last 4 months (wb-api.md §1). */
export const SANDBOX_MONTHS = 4;

const ACC: Record<KeyType, number> = { base: 1, test: 2, personal: 3, service: 4 };

export { DETAIL_BAD_SIGNATURE, DETAIL_EXPIRED, DETAIL_MALFORMED_PREFIX, DETAIL_MISSING, DETAIL_SCOPE } from './errors';
export { ERR_DATEFROM_INVALID, ERR_DATEFROM_REQUIRED, ERR_FLAG_INVALID } from './errors';
export { decodeClaims } from './jwt';
export type { WbClaims } from './jwt';
export { RETENTION_MS } from './generator';
export { HOSTS } from './routes';
export { LIMITS } from './buckets';
export {
  ANALYTICS_ORIGIN,
  DETAIL_BAD_LOCALE,
  DETAIL_TASK_NOT_DONE,
  DETAIL_TASK_NOT_FOUND,
  ERR_SUPPLY_GOODS_NOT_FOUND,
  FINANCE_ORIGIN,
  FIN_TITLE_BY_ID,
  FIN_TITLE_DETAILED,
  FIN_TITLE_LIST,
  FORBIDDEN_BASE_TOKEN,
  SUPPLY_ORIGIN,
  errSupplyNotFound,
} from './errors';
export { TASK_DONE_MAX_MS, TASK_DONE_MIN_MS, TASK_NEW_MS, TASK_PURGE_AFTER_MS } from './remains';
export type { TaskStatus } from './remains';
export { IN_WAY_FROM_CLIENT, IN_WAY_TO_CLIENT, TOTAL_ON_WAREHOUSES, WAREHOUSE_NAMES_EN } from './stock';
export type { StockRow, TransitRow } from './stock';
export { TO_CLIENT_MS } from './generator';
export { DETAILED_DATA_FROM, LIST_DATA_FROM, REPORT_READY_AFTER_MS, kopText } from './realization';
export type { Period } from './realization';

/** A realization detail row as WB returns it (reportId as JSON.parse reads it), plus the exact id. */
export type RealizationRow = Record<string, unknown> & { reportIdText: string };

/** A supply as the list method returns it, plus its warehouse and its goods (as the goods method returns them). */
export type SupplyTruth = Record<string, unknown> & { warehouseName: string; goods: Record<string, unknown>[] };

function hasBit(mask: number, bit: number): boolean {
  return floor(mask / 2 ** bit) % 2 === 1;
}

function headerValue(headers: Record<string, string> | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  const wanted = name.toLowerCase();
  for (const k of Object.keys(headers)) if (k.toLowerCase() === wanted) return String(headers[k]);
  return undefined;
}

type Auth = { ok: true; claims: Record<string, unknown> } | { ok: false; response: FakeResponse };

export class WbEmulator {
  readonly requests: RequestRecord[] = [];
  /** The emulated seller: sid, oid and the catalogue (articles, nmIds, sizes, barcodes). */
  readonly seller: Seller;
  private readonly data: SellerData;
  private readonly seed: number;
  private readonly secret: Buffer;
  private readonly verifySignature: boolean;
  private readonly pageLimit: number;
  private readonly buckets = new Buckets();
  private readonly ids: ErrorIds;
  private readonly keyRng: Rng;
  private readonly uid: number;
  private readonly failures: { path: string; response: FakeResponse | Error; times: number }[] = [];
  private readonly identity: SellerIdentity;
  private readonly realizationData: Realization;
  private readonly remains: RemainsTasks;
  private readonly suppliesApi: SuppliesApi;
  private readonly financeApi: FinanceApi;
  /** Advertising campaigns and their statistics (ads.ts). */
  readonly ads: AdsApi;
  /** Paid storage and acceptance reports (paid-reports.ts). */
  readonly paid: PaidReports;
  private readonly feedbacks: Feedbacks;
  private readonly funnel: Funnel;
  private readonly search: SearchReport;
  readonly tariffs: TariffsApi;

  constructor(opts: EmulatorOptions) {
    this.seed = opts.seed ?? 1;
    this.seller = makeSeller(this.seed, opts.articles ?? 12);
    this.secret = createHash('sha256').update(`wb-emulator-secret:${this.seed}`).digest();
    this.verifySignature = opts.verifySignature ?? true;
    this.pageLimit = opts.pageLimit ?? DEFAULT_PAGE_LIMIT;
    this.ids = new ErrorIds(new Rng(this.seed, Domain.Request));
    this.keyRng = new Rng(this.seed, Domain.Key);
    this.uid = 10_000_000 + (hash32(this.seed, Domain.Key, 1) % 90_000_000);
    this.data = new SellerData(this.seller, {
      seed: this.seed,
      now: opts.now,
      ordersPerDay: opts.ordersPerDay ?? 40,
      historyDays: opts.historyDays ?? 100,
      returnAmountSign: opts.returnAmountSign ?? 'negative',
      fillMovesLastChange: opts.fillMovesLastChange ?? true,
    });
    this.identity = sellerIdentity(this.seed);
    this.tariffs = new TariffsApi({ ...(opts.overchargeCommission ?? {}) });
    this.realizationData = new Realization(this.data, this.seed, this.identity, opts.realizationReturnSign ?? 'positive', this.tariffs);
    this.remains = new RemainsTasks(this.seed, this.data);
    this.suppliesApi = new SuppliesApi(this.seed, this.data, this.identity);
    this.financeApi = new FinanceApi(this.seed, this.realizationData, this.identity);
    this.ads = new AdsApi(this.seed, this.data, opts.campaigns ?? 8, opts.now);
    this.paid = new PaidReports(this.seed, this.data);
    this.feedbacks = new Feedbacks(this.seed, this.data);
    this.funnel = new Funnel(this.seed, this.data);
    this.search = new SearchReport(this.seed, this.data, this.funnel, opts.jam ?? 'standard');
  }

  /**
   * The saleIDs of the sales and returns WB has sent, per answer with its size, once
   * `trackServed` is called: what a seller could have read at all, since WB drops a row
   * when its order turns 90 days old, whether or not anyone asked for it in time.
   */
  private servedSales: { bytes: number; ids: string[] }[] | null = null;

  trackServed(): void {
    this.servedSales = [];
  }

  /** The saleIDs sent in answers of at most `maxBytes` (a client refuses larger ones: UrlFetchApp's 50 MB). */
  servedSaleIds(maxBytes = Infinity): Set<string> {
    if (!this.servedSales) throw new Error('trackServed() was not called');
    const out = new Set<string>();
    for (const a of this.servedSales) if (a.bytes <= maxBytes) for (const id of a.ids) out.add(id);
    return out;
  }

  /** The data's clock (epoch ms). */
  get now(): number {
    return this.data.clock;
  }

  /** Evolves the seller's data to `nowMs` (the clock never goes back). */
  /** The instant WB's data stops changing (see freeze); requests are still answered after it. */
  private frozenAt = Infinity;

  advanceTo(nowMs: number): void {
    this.data.advanceTo(Math.min(nowMs, this.frozenAt));
  }

  /**
   * From `atMs` on, the seller's data stands still: no new orders, sales, cancellations,
   * stock movement or supplies (a bench's "nothing changed at WB" refresh).
   */
  freeze(atMs: number): void {
    this.advanceTo(atMs);
    this.frozenAt = atMs;
  }

  /** WB's data moves again (what would have happened while frozen happens at the next request). */
  unfreeze(): void {
    this.frozenAt = Infinity;
  }

  makeKey(opts: KeyOptions = {}): string {
    const type = opts.type ?? 'personal';
    const bits = new Set(opts.categories ?? [5]);
    if (opts.readOnly) bits.add(30);
    let s = 0;
    for (const b of bits) s += 2 ** b;
    const claims: WbClaims = {
      acc: ACC[type],
      ent: 1,
      exp: floor((opts.expiresAt ?? this.now + 180 * DAY) / 1000),
      id: this.keyRng.uuid(),
      iid: this.keyRng.int(10_000_000, 99_999_999),
      oid: opts.oid ?? this.seller.oid,
      s,
      sid: opts.sellerId ?? this.seller.sid,
      t: opts.sandbox ?? type === 'test',
      uid: this.uid,
    };
    return signJwt(claims, this.secret);
  }

  /** Orders as WB would report them now (lastChangeDate order), all or within the 90-day retention. */
  orders(opts: { withinRetention?: boolean } = {}): Record<string, unknown>[] {
    const min = opts.withinRetention ? this.data.retentionStart() : -Infinity;
    return this.data.orderLog.all((o) => o.date >= min).map((o) => this.data.orderJson(o));
  }

  /** Sales and returns as WB would report them now (lastChangeDate order). */
  sales(opts: { withinRetention?: boolean } = {}): Record<string, unknown>[] {
    const min = opts.withinRetention ? this.data.retentionStart() : -Infinity;
    return this.data.saleLog.all((s) => s.order.date >= min).map((s) => this.data.saleJson(s));
  }

  /**
   * Truth: stock now per barcode and WB warehouse (non-zero only) = accepted supplies
   * - S rows + R rows - units on the way to buyers. See stock.ts.
   */
  stockSnapshot(): StockRow[] {
    return stockSnapshot(this.data);
  }

  /** Truth: per barcode, units on the way to buyers and returns on the way back (barcodes with both 0 left out). */
  inTransit(): TransitRow[] {
    return inTransit(this.data);
  }

  /** Truth: the supplies that exist now, newest first, each with its warehouse and goods. */
  supplies(): SupplyTruth[] {
    const t = this.now;
    return this.data.supplyBook.visible(t).map((s) => ({
      ...supplyJson(s, t, this.identity.phone),
      warehouseName: WAREHOUSES[s.wh].name,
      goods: s.goods.map((g) => goodJson(this.seed, s, g, t)),
    }));
  }

  /**
   * Truth: the realization rows sales-reports/detailed returns now for this period, all
   * pages, rrdId order; `reportIdText` is the exact reportId (daily ones exceed 2^53).
   */
  realization(opts: { dateFrom: string; dateTo: string; period?: 'weekly' | 'daily' }): RealizationRow[] {
    const from = parseDateFrom(opts.dateFrom);
    const to = parseDateFrom(opts.dateTo);
    if (!from || !to) throw new Error(`realization: bad dates ${opts.dateFrom} .. ${opts.dateTo}`);
    const out: RealizationRow[] = [];
    for (const meta of this.realizationData.reports(opts.period ?? 'weekly', mskDay(from.dayStart), mskDay(to.dayStart))) {
      for (const r of this.realizationData.rows(meta)) {
        out.push({ ...r.fields, reportId: Number(r.idText), reportIdText: r.idText });
      }
    }
    return out;
  }

  /** Truth: units per vendorCode in the 'Продажа' and 'Возврат' rows of realization(from, to, period). */
  realizationUnits(dateFrom: string, dateTo: string, period: 'weekly' | 'daily' = 'weekly'): Record<string, { sales: number; returns: number }> {
    const out: Record<string, { sales: number; returns: number }> = {};
    for (const r of this.realization({ dateFrom, dateTo, period })) {
      const op = r.sellerOperName;
      if (op !== 'Продажа' && op !== 'Возврат') continue;
      const k = String(r.vendorCode);
      const u = out[k] ?? (out[k] = { sales: 0, returns: 0 });
      if (op === 'Продажа') u.sales += Number(r.quantity);
      else u.returns += Number(r.quantity);
    }
    return out;
  }

  /**
   * Truth: every review WB holds now (oldest first) as the list method returns it, plus
   * whether it is answered and whether the lists still show it (unanswered ones are
   * archived after 30 days).
   */
  reviews(): (Record<string, unknown> & { answered: boolean; listed: boolean })[] {
    const t = this.now;
    return this.feedbacks.all(t).map((r: Review) => ({ ...this.feedbacks.json(r, t), answered: Feedbacks.answered(r, t), listed: Feedbacks.listed(r, t) }));
  }

  /** Truth: one article's sales funnel on a Moscow day ('YYYY-MM-DD') as WB showed it at `at` (default now; not later than now). */
  funnelDay(nmId: number, day: string, at = this.now): FunnelDay {
    return this.funnel.day(nmId, Date.parse(day + 'T00:00:00Z') - 3 * 3600000, Math.min(at, this.now));
  }

  /** Truth: one article's search position, visibility and transitions on a Moscow day as WB shows it now. */
  searchDay(nmId: number, day: string, at = this.now): SearchDay {
    return this.search.day(nmId, Date.parse(day + 'T00:00:00Z') - 3 * 3600000, Math.min(at, this.now));
  }

  /** Truth: the query texts an article is found by on a Moscow day. */
  searchTexts(nmId: number, day: string): { text: string; frequency: number; medianPosition: number }[] {
    return this.search.texts(nmId, Date.parse(day + 'T00:00:00Z') - 3 * 3600000);
  }

  /** Truth: a warehouse_remains task's owner and timing (null if unknown). */
  remainsTask(taskId: string): { id: string; sid: string; createdAt: number; doneAt: number; purgedAt: number } | null {
    return this.remains.task(taskId);
  }

  /** WB changes ~fraction of the existing rows now (see SellerData.changeRandomRows). */
  changeRandomRows(fraction: number, nowMs: number): void {
    this.data.changeRandomRows(fraction, nowMs);
  }

  /**
   * The next `times` requests whose path equals `path` ('*' = any path) on a WB host
   * get `response` instead (an Error is thrown instead, like a network failure). No
   * bucket is consumed.
   */
  failNext(path: string, response: FakeResponse | Error, times = 1): void {
    this.failures.push({ path, response, times });
  }

  handle(req: FakeRequest, nowMs: number): FakeResponse {
    this.advanceTo(nowMs);
    let url: URL;
    try {
      url = new URL(req.url);
    } catch {
      throw new Error(`Invalid argument: ${req.url}`);
    }
    const method = String(req.method || 'GET').toUpperCase();
    const host = url.hostname.toLowerCase();
    const query: Record<string, string> = {};
    url.searchParams.forEach((v, k) => {
      if (!Object.prototype.hasOwnProperty.call(query, k)) query[k] = v;
    });
    const authorization = headerValue(req.headers, 'Authorization');
    const record: RequestRecord = { at: nowMs, method, host, path: url.pathname, query, status: 0 };
    if (authorization !== undefined) record.authorization = authorization;
    this.requests.push(record);

    const hostInfo = HOSTS[host];
    if (!hostInfo) throw new Error(`DNS error: ${req.url}`);

    const failure = this.failures.find((f) => f.times > 0 && (f.path === '*' || f.path === url.pathname));
    if (failure) {
      failure.times--;
      if (failure.times <= 0) this.failures.splice(this.failures.indexOf(failure), 1);
      if (failure.response instanceof Error) throw failure.response;
      const r = failure.response;
      record.status = r.status;
      return { status: r.status, headers: { ...r.headers }, body: r.body };
    }

    const response = this.answer(hostInfo, host, method, url, authorization, nowMs, req.payload);
    record.status = response.status;
    return response;
  }

  private answer(
    hostInfo: HostInfo,
    host: string,
    method: string,
    url: URL,
    authorization: string | undefined,
    nowMs: number,
    payload: string | undefined,
  ): FakeResponse {
    const route = resolveRoute(hostInfo, method, url.pathname);
    if (route.kind === 'notFound') return pathNotFound(hostInfo.origin);
    if (route.kind === 'deprecated') return deprecated(route.releaseNote, this.ids);

    const auth = this.authenticate(authorization, hostInfo, nowMs);
    if (!auth.ok) return auth.response;
    const claims = auth.claims;
    const sid = typeof claims.sid === 'string' ? claims.sid : '';

    if (route.kind === 'ping') {
      const taken = this.take(sid, host, 'ping', claims.acc, nowMs);
      if ('status' in taken) return taken;
      return okJson(JSON.stringify({ TS: fmtMskOffset(nowMs), Status: 'OK' }), taken.headers);
    }
    if (route.kind === 'orders' || route.kind === 'sales') return this.statistics(route.kind, hostInfo, host, url, sid, claims.acc, nowMs);

    const ctx: RequestCtx = {
      nowMs,
      sid,
      mine: sid === this.seller.sid,
      acc: claims.acc,
      params: url.searchParams,
      payload,
      ids: this.ids,
      take: (r) => this.take(sid, host, r, claims.acc, nowMs),
    };
    switch (route.kind) {
      case 'remainsCreate':
        return this.remains.create(ctx);
      case 'remainsStatus':
        return this.remains.status(ctx, route.taskId);
      case 'remainsDownload':
        return this.remains.download(ctx, route.taskId);
      case 'suppliesList':
        return this.suppliesApi.list(ctx);
      case 'supplyDetails':
        return this.suppliesApi.details(ctx, route.id);
      case 'supplyGoods':
        return this.suppliesApi.goods(ctx, route.id);
      case 'financeDetailed':
        return this.financeApi.detailed(ctx);
      case 'financeList':
        return this.financeApi.list(ctx);
      case 'financeById':
        return this.financeApi.byId(ctx, route.reportId);
      case 'adsCount':
        return this.ads.count(ctx);
      case 'adsAdverts':
        return this.ads.adverts(ctx);
      case 'adsFullstats':
        return this.ads.fullstats(ctx);
      case 'adsUpd':
        return this.ads.upd(ctx);
      case 'paidCreate':
        return this.paid.create(ctx, route.report);
      case 'paidStatus':
        return this.paid.status(ctx, route.report, route.taskId);
      case 'paidDownload':
        return this.paid.download(ctx, route.report, route.taskId);
      case 'feedbacks':
        return this.feedbacks.list(ctx);
      case 'funnelHistory':
        return this.funnel.history(ctx);
      case 'searchDetails':
        return this.search.details(ctx);
      case 'searchTexts':
        return this.search.searchTexts(ctx);
      case 'tariffsCommission':
        return this.tariffs.commission(ctx);
    }
  }

  private statistics(
    kind: 'orders' | 'sales',
    hostInfo: HostInfo,
    host: string,
    url: URL,
    sid: string,
    acc: unknown,
    nowMs: number,
  ): FakeResponse {
    const params = url.searchParams;
    const dateFrom = params.get('dateFrom');
    if (dateFrom === null || dateFrom === '') return badRequest([ERR_DATEFROM_REQUIRED]);
    const parsed = parseDateFrom(dateFrom);
    if (!parsed) return badRequest(ERR_DATEFROM_INVALID);
    const flagText = params.get('flag');
    let flag = 0;
    if (flagText !== null && flagText !== '') {
      if (!/^[+-]?\d+$/.test(flagText)) return badRequest(ERR_FLAG_INVALID);
      flag = Number(flagText) === 1 ? 1 : 0; // WB documents 0 and 1; other numbers act as 0 (UNCONFIRMED)
    }

    const taken = this.take(sid, host, kind, acc, nowMs);
    if ('status' in taken) return taken;

    // One seller lives in the emulator: a key of another seller sees no data.
    const mine = sid === this.seller.sid;
    const since = hostInfo.sandbox ? this.sandboxFloor() : -Infinity;
    const minOrderDate = this.data.retentionStart();
    let body: string;
    if (kind === 'orders') {
      let rows: OrderRec[] = [];
      if (mine && flag === 1) rows = this.ordersOnDay(parsed.dayStart, max(minOrderDate, since));
      else if (mine) rows = this.data.orderLog.page(max(parsed.ms, since), this.pageLimit, (o) => o.date >= minOrderDate);
      body = '[' + rows.map((o) => this.data.orderText(o)).join(',') + ']';
    } else {
      let rows: SaleRec[] = [];
      if (mine && flag === 1) rows = this.salesOnDay(parsed.dayStart, max(minOrderDate, since), minOrderDate);
      else if (mine) rows = this.data.saleLog.page(max(parsed.ms, since), this.pageLimit, (s) => s.order.date >= minOrderDate);
      body = '[' + rows.map((s) => this.data.saleText(s)).join(',') + ']';
      if (this.servedSales) this.servedSales.push({ bytes: Buffer.byteLength(body), ids: rows.map((s) => s.saleID) });
    }
    return okJson(body, taken.headers);
  }

  /** Sandbox data reaches back only 4 months: older dateFrom values are clamped (UNCONFIRMED whether WB answers 400 instead). */
  private sandboxFloor(): number {
    const d = new Date(this.now);
    d.setUTCMonth(d.getUTCMonth() - SANDBOX_MONTHS);
    return d.getTime();
  }

  private ordersOnDay(dayStart: number, minDate: number): OrderRec[] {
    const orders = this.data.orders;
    let lo = 0;
    let hi = orders.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (orders[mid].date < dayStart) lo = mid + 1;
      else hi = mid;
    }
    const out: OrderRec[] = [];
    for (let i = lo; i < orders.length && orders[i].date < dayStart + DAY; i++) {
      const o = orders[i];
      if (o.visible && o.date >= minDate) out.push(o);
    }
    return out;
  }

  private salesOnDay(dayStart: number, minDate: number, minOrderDate: number): SaleRec[] {
    return this.data.salesRows
      .filter((s) => s.date >= dayStart && s.date < dayStart + DAY && s.date >= minDate && s.order.date >= minOrderDate)
      .sort((a, b) => a.date - b.date);
  }

  private authenticate(raw: string | undefined, hostInfo: HostInfo, nowMs: number): Auth {
    const refuse = (detail: string): Auth => ({ ok: false, response: unauthorized(detail, nowMs, this.ids) });
    // Go's net/http trims header values; "Bearer <key>" and the raw key both work.
    let token = (raw ?? '').trim();
    const bearer = /^bearer(?:\s+|$)/i.exec(token);
    if (bearer) token = token.slice(bearer[0].length);
    if (token === '') return refuse(DETAIL_MISSING);
    const parsed = verifyJwt(token, this.secret, this.verifySignature);
    if (!parsed.ok) return refuse(parsed.detail);
    const claims = parsed.claims;
    if (typeof claims.exp === 'number' && claims.exp * 1000 <= nowMs) return refuse(DETAIL_EXPIRED);
    const mask = typeof claims.s === 'number' ? claims.s : 0;
    if (hostInfo.category !== null && !hasBit(mask, hostInfo.category)) return refuse(DETAIL_SCOPE);
    // A test key on a prod host, or a prod key on a sandbox host: the same scope error.
    if ((claims.t === true) !== hostInfo.sandbox) return refuse(DETAIL_SCOPE);
    return { ok: true, claims };
  }

  /**
   * One bucket per seller (sid), host and method; its size depends on the key type,
   * so a seller's Base and Personal keys do not share a bucket (the spec does not say
   * how WB combines them). `limited by <sid>` in the 429 body (the spec shows a uuid).
   */
  private take(
    sid: string,
    host: string,
    route: LimitedRoute,
    acc: unknown,
    nowMs: number,
  ): FakeResponse | { headers: Record<string, string> } {
    const limit = limitFor(route, acc);
    const key = `${sid}|${host}|${route}|${limit.intervalMs}|${limit.burst}`;
    const r = this.buckets.take(key, limit, nowMs);
    if (!r.ok) {
      return tooManyRequests(sid, Buckets.seconds(r.retryMs), r.burst, Buckets.seconds(r.resetMs), nowMs, this.ids);
    }
    return { headers: { 'X-Ratelimit-Remaining': String(r.remaining), 'X-Ratelimit-Limit': String(r.burst) } };
  }
}
