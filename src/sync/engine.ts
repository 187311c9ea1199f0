/**
 * Brings reports up to date. Each report is routed to a key that holds its category
 * and fetched by its own rule (change cursor, async snapshot task, supply list,
 * realization period). A cursor or task state moves only after its rows are written
 * and flushed. A report that fails leaves its sheet and state as they were; the
 * others go on.
 */
import { Cell, Clock, FormulaCellGateway, Http, KeyValueStore, Lock, SpreadsheetGateway, sheetHintProperty } from '../gas/types';
import { REPORTS, REPORT_ORDER } from '../reports';
import { ReportId, ReportSpec } from '../reports/types';
import { SheetFullError, SheetTable, TABLE_TAG, rowKey } from '../store/table';
import { Locale, categoryName, texts } from '../texts/i18n';
import { formatDay } from '../texts/format';
import { WbClient, Credentials, PlannedRequest, RequestParts } from '../wb/client';
import { ENDPOINTS, Endpoint } from '../wb/endpoints';
import { WbError } from '../wb/errors';
import { CredentialStore, StoredKey } from './credentials';
import { PropertyRateBook } from './rate-book';
import { routeReport } from './routing';
import { FIRST_REQUESTS, STRATEGIES } from './strategies';
import { loadSettings } from './settings';
import { refreshFormulas } from './formula-refresh';
import { rebuildDashboard, updateDaily, writeRunLog } from './after-refresh';
import { COMMISSION_RATES_PROPERTY, refreshCommissionRates } from './commission-rates';
import { isDailySource, recordDays } from '../daily/refresh';
import { markDirty } from '../daily/state';
import type { BigQueryGateway } from '../gas/bigquery-port';
import { Warehouse, WarehouseError } from '../bigquery/loader';
import { catchUpAll, inRawWindow, loadToWarehouse, openWarehouse, warehouseMessage } from '../bigquery/sync-hook';

export interface SyncDeps {
  gateway: SpreadsheetGateway;
  documentProps: KeyValueStore;
  credentials: CredentialStore;
  http: Http;
  clock: Clock;
  lock: Lock;
  locale: Locale;
  /** Stop starting new requests after this much time in the execution. */
  budgetMs?: number;
  /** Longest wait for a rate bucket worth sleeping through inside one execution. */
  maxWaitMs?: number;
  /** Told what is being loaded (the menu shows it as a toast): a report starting, or a page of it. */
  progress?: (message: string, kind?: 'start' | 'page') => void;
  /** The document's WB_ formula cells, entered again after a refresh that brought rows. */
  formulaCells?: FormulaCellGateway | null;
  /** Rebuilds the dashboard sheets after the daily table is updated (when the seller has them). */
  dashboard?: () => void;
  /** Started by the schedule rather than by the seller. */
  scheduled?: boolean;
  /** Send the reports' first requests together in one parallel batch (default true). */
  parallel?: boolean;
  /** The reports this refresh was asked for (set by syncReports). */
  reports?: ReportId[];
  /** The BigQuery advanced service, when the seller turned BigQuery storage on (issue 14). */
  bigquery?: BigQueryGateway | null;
  /** Set by syncReports from the storage settings: where raw rows also go. */
  warehouse?: Warehouse | null;
}

/** 'skipped': no key has the report's category; the message says which to add. Not a failure. */
export type OutcomeStatus = 'done' | 'partial' | 'deferred' | 'skipped' | 'error';

export interface ReportOutcome {
  report: ReportId;
  status: OutcomeStatus;
  startedAt?: number;
  finishedAt?: number;
  added: number;
  updated: number;
  requests: number;
  message: string;
}

export interface SyncResult {
  ok: boolean;
  busy: boolean;
  outcomes: ReportOutcome[];
  message: string;
}

const DEFAULT_BUDGET_MS = 270000;
const DEFAULT_MAX_WAIT_MS = 65000;

export const LAST_SYNC_PROPERTY = 'wb.lastSync';

/** The rows of a report's newest version last written (see ReportRun.upsert). */
interface WrittenEdge {
  /** the version cell, as String() of what was written */
  v: string;
  /** row keys */
  k: string[];
  /** the sheet they were written to (its id) */
  s: string;
}
const EDGE_STATE = 'edge.';
/** More rows sharing one version than this are not remembered (a property holds 9 KB). */
const EDGE_MAX_KEYS = 100;

/** One report's refresh: its key, budget, sheet and outcome. Strategies drive it. */
export class ReportRun {
  readonly outcome: ReportOutcome;
  private tables = new Map<string, SheetTable>();
  /** Set when the run gave its turn away (see yieldTurn): the engine calls it again later. */
  yielded = false;

  constructor(
    readonly spec: ReportSpec,
    readonly creds: Credentials,
    readonly client: WbClient,
    readonly deps: SyncDeps,
    private readonly started: number,
    /** Whether another report of this execution could use the time this one would sleep. */
    private readonly othersWaiting: () => boolean = () => false,
  ) {
    this.outcome = { report: spec.id as ReportId, status: 'done', added: 0, updated: 0, requests: 0, message: '' };
  }

  /**
   * For long passes of one request per bucket token (orders and sales day by day: 90
   * requests at 1 a minute each): rather than sleep for its own bucket while another
   * report of this execution waits for a turn, the run stops here with `message` as its
   * deferral and the engine gives it another turn after the others. Two such passes then
   * advance together, each at its own bucket's pace, instead of one after the other.
   */
  yieldTurn(endpoint: Endpoint, parts: RequestParts, message: string): boolean {
    if (this.client.waitMs(endpoint, this.creds, parts) <= 0 || !this.othersWaiting()) return false;
    this.yielded = true;
    this.defer(message);
    return true;
  }

  get t() {
    return texts(this.deps.locale);
  }
  get title(): string {
    return this.spec.title[this.deps.locale];
  }
  now(): number {
    return this.deps.clock.now();
  }
  elapsed(): number {
    return this.now() - this.started;
  }
  hasTime(): boolean {
    return this.elapsed() < (this.deps.budgetMs ?? DEFAULT_BUDGET_MS);
  }

  /**
   * Waits for the endpoint's bucket when the wait is short and the budget allows;
   * otherwise records a deferral and returns false (the next run continues). No wait
   * when the answer to `parts` was already fetched in the run's parallel batch.
   */
  waitFor(endpoint: Endpoint, deferMessage?: (minutes: number) => string, parts?: RequestParts): boolean {
    const wait = this.client.waitMs(endpoint, this.creds, parts);
    if (wait <= 0) return true;
    const budget = this.deps.budgetMs ?? DEFAULT_BUDGET_MS;
    if (wait > (this.deps.maxWaitMs ?? DEFAULT_MAX_WAIT_MS) || this.elapsed() + wait > budget) {
      const minutes = Math.max(1, Math.ceil(wait / 60000));
      this.defer((deferMessage || ((m: number) => this.t.syncDeferred(this.title, m)))(minutes));
      return false;
    }
    this.deps.clock.sleep(wait);
    return true;
  }

  /** Tells the seller how far the report is (page, rows so far). */
  progress(page: number): void {
    if (this.deps.progress) this.deps.progress(this.t.syncPage(this.title, page, this.outcome.added + this.outcome.updated));
  }

  defer(message: string): void {
    this.outcome.status = this.outcome.added + this.outcome.updated > 0 ? 'partial' : 'deferred';
    this.outcome.message = message;
  }

  table(spec: ReportSpec = this.spec): SheetTable {
    let table = this.tables.get(spec.id);
    if (!table) {
      table = SheetTable.open(this.deps.gateway, spec, this.deps.locale);
      this.tables.set(spec.id, table);
    }
    return table;
  }

  /** Whether the report's sheet is gone (the seller deleted it): its saved position then means nothing. */
  sheetMissing(spec: ReportSpec = this.spec): boolean {
    return !this.tables.has(spec.id) && this.deps.gateway.findSheetByTag(TABLE_TAG, spec.id) === null;
  }

  records(rows: Record<string, unknown>[], spec: ReportSpec = this.spec): Record<string, Cell>[] {
    return rows.map((row) => {
      const rec: Record<string, Cell> = {};
      for (const c of spec.columns) rec[c.id] = c.value(row, this.deps.locale);
      return rec;
    });
  }

  /**
   * Upserts and flushes: after this returns, the rows are safely in the sheet. Rows WB
   * sends again only because its cursor is inclusive (`lastChangeDate >= dateFrom`: the
   * last page's final rows come back on every refresh) are dropped first when they are
   * exactly what the previous upsert wrote (same key, same version): a refresh with
   * nothing new then touches no sheet and marks no day dirty.
   */
  upsert(rows: Record<string, unknown>[], spec: ReportSpec = this.spec): void {
    const all = this.records(rows, spec);
    const records = this.withoutWritten(all, spec);
    if (records.length) {
      const table = this.table(spec);
      // The daily table learns which days to recompute before the rows land (state.ts).
      if (isDailySource(spec.id)) markDirty(this.deps.documentProps, spec.id, recordDays(spec.id, records));
      // With raw rows in BigQuery only, the sheet takes the recent window (bigquery/sync-hook.ts).
      const sheetRecords = inRawWindow(this.deps, spec, records);
      const r = sheetRecords.length ? table.upsert(sheetRecords) : { added: 0, updated: 0, cellsWritten: 0 };
      if (r.cellsWritten) this.deps.gateway.flush();
      // In BigQuery (when on) before the caller moves its cursor; throws when it must not move
      // (the rows then count for nothing: the same page comes again).
      this.toWarehouse(records, spec);
      if (spec === this.spec) {
        this.outcome.added += r.added + (records.length - sheetRecords.length);
        this.outcome.updated += r.updated;
      }
    }
    this.rememberWritten(all, spec);
  }

  /** Loads records into the report's BigQuery table (nothing when BigQuery is off). */
  toWarehouse(records: Record<string, Cell>[], spec: ReportSpec = this.spec): void {
    loadToWarehouse(this, spec, records);
  }

  private withoutWritten(records: Record<string, Cell>[], spec: ReportSpec): Record<string, Cell>[] {
    const version = spec.versionColumn;
    const known = version ? this.state<WrittenEdge>(EDGE_STATE + spec.id) : null;
    // Only while the same sheet holds them: a sheet deleted and made again is reloaded in full.
    if (!version || !known || !Array.isArray(known.k) || !known.s || known.s !== this.sheetIdentity(spec)) return records;
    const keys = new Set(known.k);
    return records.filter((r) => !(String(r[version]) === known.v && keys.has(rowKey(spec, r) as string)));
  }

  /** The keys of the rows holding the newest version just written: what WB will send again. */
  private rememberWritten(records: Record<string, Cell>[], spec: ReportSpec): void {
    const version = spec.versionColumn;
    if (!version || !records.length) return;
    let newest: Cell = null;
    for (const r of records) if (typeof r[version] === 'number' && (newest === null || (r[version] as number) > (newest as number))) newest = r[version];
    if (newest === null) return;
    const keys = records.filter((r) => r[version] === newest).map((r) => rowKey(spec, r)).filter((k): k is string => k !== null);
    const sheet = this.sheetIdentity(spec);
    this.setState(EDGE_STATE + spec.id, sheet && keys.length <= EDGE_MAX_KEYS ? { v: String(newest), k: keys, s: sheet } : null);
  }

  /** The id of the report's sheet as the gateway remembers it (null when it keeps none). */
  private sheetIdentity(spec: ReportSpec): string | null {
    return this.deps.documentProps.get(sheetHintProperty(TABLE_TAG, spec.id));
  }
  state<T>(name: string): T | null {
    const raw = this.deps.documentProps.get('wb.state.' + name);
    if (!raw) return null;
    try {
      return JSON.parse(raw) as T;
    } catch {
      return null;
    }
  }

  setState(name: string, value: unknown): void {
    if (value === null) this.deps.documentProps.remove('wb.state.' + name);
    else this.deps.documentProps.set('wb.state.' + name, JSON.stringify(value));
  }

  settings() {
    return loadSettings(this.deps.documentProps);
  }

  /** The seller asked for this report by its own menu item, not for a refresh of every report. */
  askedAlone(): boolean {
    return !this.deps.scheduled && !!this.deps.reports && this.deps.reports.length < REPORT_ORDER.length;
  }
}

export function syncReports(ids: ReportId[], asked: SyncDeps): SyncResult {
  const deps: SyncDeps = { ...asked, reports: ids };
  const t = texts(deps.locale);
  if (!deps.lock.tryLock(1000)) return { ok: false, busy: true, outcomes: [], message: t.syncRunning };
  try {
    const started = deps.clock.now();
    deps.warehouse = openWarehouse(deps, started);
    const keys = deps.credentials.list();
    const client = new WbClient(deps.http, deps.clock, new PropertyRateBook(deps.documentProps));
    const fetchedAhead = prefetchFirstRequests(ids, keys, client, deps, started);
    // Reports that gave their turn away while waiting for a bucket (ReportRun.yieldTurn), in turn order.
    const waiting: number[] = [];
    const turn = (i: number, carried: ReportOutcome | null, othersWaiting: () => boolean): ReportOutcome => {
      const id = ids[i];
      const startedAt = carried && carried.startedAt !== undefined ? carried.startedAt : deps.clock.now();
      const before = client.requestCount;
      const { outcome, yielded } = syncOne(REPORTS[id], keys, client, deps, started, carried, othersWaiting);
      if (yielded) waiting.push(i);
      // A first request sent in the parallel batch counts for its report.
      const requests = client.requestCount - before + (!carried && fetchedAhead.has(id) ? 1 : 0) + (carried ? carried.requests : 0);
      return { ...outcome, requests, startedAt, finishedAt: deps.clock.now() };
    };
    const outcomes = ids.map((_, i) => turn(i, null, () => i < ids.length - 1 || waiting.length > 0));
    // Further turns while the budget lasts; a report that runs out of time keeps its deferral.
    while (waiting.length && deps.clock.now() - started < (deps.budgetMs ?? DEFAULT_BUDGET_MS)) {
      const i = waiting.shift() as number;
      outcomes[i] = turn(i, outcomes[i], () => waiting.length > 0);
    }
    const result: SyncResult = {
      ok: outcomes.every((o) => o.status !== 'error'),
      busy: false,
      outcomes,
      message: outcomes.map((o) => o.message).join('\n'),
    };
    const changed = outcomes.some((o) => o.added + o.updated > 0);
    // The commission tariff goes with the realization report it checks; its request is
    // counted on that report's line of the run log. After a failed realization refresh no
    // tariff request is sent (WB's answer changes nothing then); only a missing usable
    // key is noted, which needs no request.
    const real = outcomes.find((o) => o.report === 'realization' && o.status !== 'skipped');
    const ratesBefore = deps.documentProps.get(COMMISSION_RATES_PROPERTY);
    if (real) {
      const before = client.requestCount;
      tryCommissionRates(deps, client, keys, real.status !== 'error');
      real.requests += client.requestCount - before;
    }
    const ratesChanged = deps.documentProps.get(COMMISSION_RATES_PROPERTY) !== ratesBefore;
    if (updateDaily(deps, changed) || ratesChanged) rebuildDashboard(deps);
    deps.documentProps.set(LAST_SYNC_PROPERTY, JSON.stringify({ at: deps.clock.now(), ok: result.ok, message: result.message, scheduled: !!deps.scheduled }));
    writeRunLog(outcomes, started, deps);
    refreshFormulas(outcomes, deps, started); // WB_ formula cells show the new numbers (never fails the refresh)
    return result;
  } finally {
    deps.lock.release();
  }
}

/**
 * Sends the first request of each report being refreshed in ONE parallel batch
 * (UrlFetchApp.fetchAll), when two or more reports have one their buckets allow now;
 * each report then finds its answer waiting instead of fetching it. Nothing is saved
 * here: cursors and positions move only when the report has written the rows. A
 * report whose request is not in the batch fetches as usual. Returns the reports
 * whose request was sent.
 */
function prefetchFirstRequests(ids: ReportId[], keys: ReturnType<CredentialStore['list']>, client: WbClient, deps: SyncDeps, started: number): Set<ReportId> {
  const sent = new Set<ReportId>();
  if (ids.length < 2 || deps.parallel === false) return sent;
  const planned: { id: ReportId; request: PlannedRequest }[] = [];
  for (const id of ids) {
    const spec = REPORTS[id];
    const first = FIRST_REQUESTS[spec.mode];
    if (!first) continue;
    const route = routeReport(id, keys, deps.clock.now());
    if (route.kind !== 'ok') continue;
    let request: { endpoint: Endpoint; parts: RequestParts } | null;
    try {
      request = first(new ReportRun(spec, route.key, client, deps, started));
    } catch (e) {
      // Working out a request must not stop anything: the report simply fetches alone.
      if (/Exceeded maximum execution time/i.test(String((e && (e as Error).message) || e))) throw e;
      continue;
    }
    if (!request || client.waitMs(request.endpoint, route.key) > 0) continue;
    planned.push({ id, request: { endpoint: request.endpoint, creds: route.key, parts: request.parts } });
  }
  if (planned.length < 2) return sent;
  client.prefetch(planned.map((p) => p.request)).forEach((ok, i) => {
    if (ok) sent.add(planned[i].id);
  });
  return sent;
}

function errorMessage(error: WbError, spec: ReportSpec, endpoint: Endpoint, locale: Locale): string {
  const t = texts(locale);
  const title = spec.title[locale];
  switch (error.kind) {
    case 'unauthorized':
      return t.errUnauthorized(title);
    case 'scope':
      return t.errScope(title, categoryName(endpoint.category, locale));
    case 'rate':
      return t.errRate(title, Math.max(1, Math.ceil((error.retryAfterMs || 60000) / 60000)));
    case 'server':
      return t.errServer(title);
    case 'network':
      return t.errNetwork(title);
    case 'too_large':
      return t.errTooLarge(title);
    case 'gone':
      return t.errGone(title);
    case 'bad_body':
      return t.errBadBody(title);
    default:
      return t.errBadRequest(title, error.detail || String(error.status));
  }
}

/**
 * A failure outside WB (the spreadsheet refused a write, say) stops this report only.
 * The platform's own kill is not ours to catch: Apps Script ends the execution anyway.
 */
function unexpectedMessage(e: unknown, title: string, locale: Locale): string {
  const text = String((e && (e as Error).message) || e);
  if (/Exceeded maximum execution time/i.test(text)) throw e;
  const t = texts(locale);
  if (e instanceof SheetFullError) return t.errSheetFull(title);
  if (/limit of 10000000 cells/i.test(text)) return t.errSheetFull(title);
  return t.errUnexpected(title, text.slice(0, 200));
}

/** A report's turn; `carried` is the outcome of its earlier turns in this execution (their rows count too). */
function syncOne(
  spec: ReportSpec,
  keys: ReturnType<CredentialStore['list']>,
  client: WbClient,
  deps: SyncDeps,
  started: number,
  carried: ReportOutcome | null = null,
  othersWaiting?: () => boolean,
): { outcome: ReportOutcome; yielded: boolean } {
  const t = texts(deps.locale);
  const title = spec.title[deps.locale];
  const endpoint = ENDPOINTS[spec.endpoint];
  const id = spec.id as ReportId;
  const fail = (message: string): ReportOutcome => ({ report: id, status: 'error', added: 0, updated: 0, requests: 0, message });
  const route = routeReport(id, keys, deps.clock.now());
  if (route.kind === 'no_keys') return { outcome: fail(title + ': ' + t.noKey), yielded: false };
  if (route.kind === 'expired') return { outcome: fail(title + ': ' + t.keyExpiredStored(formatDay(route.key.info.expiresAt as number, deps.locale))), yielded: false };
  if (route.kind === 'missing') return { outcome: { ...fail(t.reportNeedsCategory(title, categoryName(route.category, deps.locale))), status: 'skipped' }, yielded: false };

  const run = new ReportRun(spec, route.key, client, deps, started, othersWaiting);
  if (carried) {
    run.outcome.added = carried.added;
    run.outcome.updated = carried.updated;
  }
  const before = client.requestCount;
  if (deps.progress) deps.progress(t.syncProgress(title), 'start');
  try {
    STRATEGIES[spec.mode](run);
  } catch (e) {
    run.outcome.requests = client.requestCount - before;
    const rows = run.outcome.added + run.outcome.updated > 0;
    if (e instanceof WarehouseError) return { outcome: { ...run.outcome, status: rows ? 'partial' : 'error', message: warehouseMessage(e, title, deps.locale) }, yielded: false };
    if (!(e instanceof WbError)) return { outcome: { ...run.outcome, status: 'error', message: unexpectedMessage(e, title, deps.locale) }, yielded: false };
    if (e.kind === 'rate' && rows) return { outcome: { ...run.outcome, status: 'partial', message: t.syncPartial(title) }, yielded: false };
    return { outcome: { ...run.outcome, status: 'error', message: errorMessage(e, spec, endpoint, deps.locale) }, yielded: false };
  }
  run.outcome.requests = client.requestCount - before;
  if (run.yielded) return { outcome: run.outcome, yielded: true };
  // Rows the sheet took while BigQuery refused go there now (raw rows kept in the sheets).
  try {
    catchUpAll(run);
  } catch (e) {
    if (/Exceeded maximum execution time/i.test(String((e && (e as Error).message) || e))) throw e;
  }
  if (!run.outcome.message) {
    run.outcome.message = run.outcome.added + run.outcome.updated > 0 ? t.syncSummary(title, run.outcome.added, run.outcome.updated) : title + ': ' + t.syncNothing;
  }
  return { outcome: run.outcome, yielded: false };
}

/** The commission tariff for the unit economics check; a failure here never fails the refresh. */
function tryCommissionRates(deps: SyncDeps, client: WbClient, keys: StoredKey[], mayRequest: boolean): void {
  try {
    refreshCommissionRates(deps, client, keys, mayRequest);
  } catch (e) {
    if (/Exceeded maximum execution time/i.test(String((e as Error).message))) throw e;
  }
}
