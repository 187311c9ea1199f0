/**
 * How each kind of report is fetched and written. Every strategy moves its saved
 * state (cursor, task, position) only after the rows it covers are in the sheet.
 */
import type { ReportRun } from './engine';
import { KeyValueStore } from '../gas/types';
import { ReportMode } from '../reports/types';
import { STOCK_HISTORY, flattenStocks, historyRows } from '../reports/stocks';
import { FINAL_SUPPLY_STATUS, supplyRows } from '../reports/supplies';
import { REALIZATION, REALIZATION_ALL_FIELDS } from '../reports/realization';
import { ENDPOINTS } from '../wb/endpoints';
import { formatWall, formatWallDay, instantToMoscowWall, parseWbMoscow } from '../wb/moscow-time';
import { WbError } from '../wb/errors';
import { rowKey } from '../store/table';

const DAY_MS = 86400000;
/** WB keeps orders and sales for 90 days; the other reports' first load covers the same span. */
export const RETENTION_DAYS = 90;

export function cursorProperty(id: string): string {
  return 'wb.cursor.' + id;
}

function firstDay(run: ReportRun): string {
  return formatWallDay(instantToMoscowWall(run.now()) - RETENTION_DAYS * DAY_MS);
}

/**
 * Orders and sales, day by day with flag=1, for when a page of changes is too large
 * for UrlFetchApp (over 50 MB: a full 80,000-row page of a large seller). Covers every
 * day WB keeps, then resumes change paging from when this pass began.
 */
interface DayPass {
  /** Next day to fetch, YYYY-MM-DD (Moscow). */
  next: string;
  /** Last day to fetch. */
  until: string;
  /** The change cursor to continue with afterwards: the moment the pass began. */
  resume: string;
}

function addDay(day: string, n: number): string {
  return formatWallDay((parseWbMoscow(day) as number) + n * DAY_MS);
}

function syncByDays(run: ReportRun, pass: DayPass): boolean {
  const endpoint = ENDPOINTS[run.spec.endpoint];
  const name = 'days.' + run.spec.id;
  const total = Math.round(((parseWbMoscow(pass.until) as number) - (parseWbMoscow(addDay(pass.next, 0)) as number)) / DAY_MS) + 1;
  for (let step = 1; pass.next <= pass.until; step++) {
    if (step > 1 && !run.hasTime()) {
      run.defer(run.t.syncByDays(run.title, pass.next, pass.until));
      return false;
    }
    if (!run.waitFor(endpoint, (m) => run.t.syncByDaysWait(run.title, pass.next, pass.until, m))) return false;
    const rows = run.client.fetchRows(endpoint, run.creds, { dateFrom: pass.next, flag: '1' });
    run.table();
    if (rows.length) run.upsert(rows);
    pass.next = addDay(pass.next, 1);
    run.setState(name, pass);
    if (run.deps.progress) run.deps.progress(run.t.syncPage(run.title, step, run.outcome.added + run.outcome.updated) + ' (' + step + '/' + total + ')');
  }
  run.deps.documentProps.set(cursorProperty(run.spec.id), pass.resume);
  run.setState(name, null);
  return true;
}

/** Orders and sales: rows changed since the cursor (lastChangeDate), page after page. */
function syncChanges(run: ReportRun): void {
  const endpoint = ENDPOINTS[run.spec.endpoint];
  const props = run.deps.documentProps;
  // A deleted sheet is recreated and reloaded from the start, not continued from the old cursor.
  if (props.get(cursorProperty(run.spec.id)) && run.sheetMissing()) {
    props.remove(cursorProperty(run.spec.id));
    run.setState('days.' + run.spec.id, null);
  }
  const pending = run.state<DayPass>('days.' + run.spec.id);
  if (pending && !syncByDays(run, pending)) return;
  let cursor = props.get(cursorProperty(run.spec.id)) || firstDay(run);
  for (let page = 1; ; page++) {
    if (page > 1) run.progress(page);
    if (!run.waitFor(endpoint)) return;
    let rows: Record<string, unknown>[];
    try {
      rows = run.client.fetchRows(endpoint, run.creds, { dateFrom: cursor, flag: '0' });
    } catch (e) {
      if (!(e instanceof WbError) || e.kind !== 'too_large') throw e;
      // Too many changes for one answer: take every day WB keeps, one day per request.
      const now = instantToMoscowWall(run.now());
      const pass: DayPass = { next: firstDay(run), until: formatWallDay(now), resume: formatWall(now - 3600000) };
      run.setState('days.' + run.spec.id, pass);
      syncByDays(run, pass);
      return;
    }
    let maxChange: string | null = null;
    let maxWall = -Infinity;
    for (const row of rows) {
      const wall = parseWbMoscow(row.lastChangeDate);
      if (wall !== null && wall > maxWall) {
        maxWall = wall;
        maxChange = String(row.lastChangeDate);
      }
    }
    // The sheet exists after the first answer, even an empty one: formulas then say 0, not "not loaded".
    run.table();
    if (rows.length) run.upsert(rows);
    const cursorWall = parseWbMoscow(cursor);
    const advanced = maxChange !== null && (cursorWall === null || maxWall > cursorWall);
    if (advanced) {
      cursor = maxChange as string;
      props.set(cursorProperty(run.spec.id), cursor);
    }
    if (rows.length < endpoint.pageLimit) return; // a short page is the last one
    if (!advanced) {
      run.outcome.status = 'error';
      run.outcome.message = run.t.errStall(run.title);
      return;
    }
    if (!run.hasTime()) {
      run.defer(run.t.syncPartial(run.title));
      return;
    }
  }
}

interface StockTask {
  taskId: string;
  createdAt: number;
}

/** A task older than this is not worth polling: WB purges finished reports. */
const TASK_MAX_AGE_MS = 2 * 3600000;
const POLL_MS = 10000;

/**
 * Stocks: create a warehouse_remains task, poll its status, download when done. A
 * task still running when the execution must end is picked up by the next run.
 */
function createStockTask(run: ReportRun): StockTask {
  const created = run.client.fetchObject(ENDPOINTS.stocksCreate, run.creds, {
    query: { locale: run.deps.locale, groupBySa: 'true', groupByNm: 'true', groupByBarcode: 'true', groupBySize: 'true' },
  });
  const data = created && (created.data as Record<string, unknown>);
  const taskId = data && typeof data.taskId === 'string' ? data.taskId : '';
  if (!taskId) throw new WbError('bad_body', 200, 'no taskId');
  const task = { taskId, createdAt: run.now() };
  run.setState('stocksTask', task);
  return task;
}

function syncSnapshot(run: ReportRun): void {
  const create = ENDPOINTS.stocksCreate;
  const status = ENDPOINTS.stocksStatus;
  const download = ENDPOINTS.stocksDownload;
  let task = run.state<StockTask>('stocksTask');
  const hadStaleTask = !!task && run.now() - task.createdAt > TASK_MAX_AGE_MS;
  if (hadStaleTask) task = null;
  let createdNow = false;
  for (let round = 0; ; round++) {
    if (!task) {
      if (!run.waitFor(create)) return;
      task = createStockTask(run);
      createdNow = true;
    }
    if (!run.waitFor(status, (m) => run.t.stocksPreparing(run.title, m))) return;
    let answer: Record<string, unknown> | null;
    try {
      answer = run.client.fetchObject(status, run.creds, { pathParams: { taskId: task.taskId } });
    } catch (e) {
      // WB no longer knows the task (purged, or never ours): a new one is needed.
      if (!(e instanceof WbError) || (e.kind !== 'gone' && e.kind !== 'bad_request')) throw e;
      answer = { data: { status: 'purged' } };
    }
    const data = answer && (answer.data as Record<string, unknown>);
    const state = data && typeof data.status === 'string' ? data.status : '';
    if (state === 'done') break;
    if (state === 'purged' || state === 'canceled' || state === '') {
      // WB dropped the task: start a new one (its bucket decides whether now or next run).
      task = null;
      run.setState('stocksTask', null);
      if (round > 2) throw new WbError('bad_body', 200, 'stock report task ' + (state || 'without status'));
      continue;
    }
    // new / processing. A scheduled run does not spend the day's trigger time waiting for
    // a task it just made: the next run downloads it (unless tasks go stale between runs).
    const pickUpLater = run.deps.scheduled && createdNow && !hadStaleTask;
    if (pickUpLater || run.elapsed() + POLL_MS > (run.deps.budgetMs ?? 270000) || round > 20) {
      run.defer(run.t.stocksPreparing(run.title, 1));
      return;
    }
    run.deps.clock.sleep(POLL_MS);
  }
  if (!run.waitFor(download, (m) => run.t.stocksPreparing(run.title, m))) return;
  const items = run.client.fetchRows(download, run.creds, { pathParams: { taskId: task.taskId } });
  // WB's report is the stock when the task was created.
  const snapshotWall = instantToMoscowWall(task.createdAt);
  const rows = flattenStocks(items, formatWall(snapshotWall));
  const written = run.table().replaceAll(run.records(rows));
  run.upsert(historyRows(rows, formatWallDay(snapshotWall)), STOCK_HISTORY);
  run.deps.gateway.flush();
  run.setState('stocksTask', null);
  run.deps.documentProps.set('wb.stocks.snapshotAt', String(task.createdAt));
  // On a schedule, order the next snapshot now so the next run only downloads it.
  if (run.deps.scheduled && run.client.waitMs(create, run.creds) === 0) {
    try {
      createStockTask(run);
    } catch (e) {
      if (!(e instanceof WbError)) throw e; // the snapshot is written; the next run simply creates its task
    }
  }
  run.outcome.added = written;
  run.outcome.message = run.t.stocksDone(run.title, written, items.length);
}

/**
 * Supplies: the list (limit/offset), then the goods of each supply that is new,
 * changed or not yet accepted. The sheet itself says which supplies are settled.
 */
function syncSupplies(run: ReportRun): void {
  const list = ENDPOINTS.suppliesList;
  const goodsEndpoint = ENDPOINTS.supplyGoods;
  const supplies: Record<string, unknown>[] = [];
  for (let offset = 0; ; offset += list.pageLimit) {
    if (!run.waitFor(list)) return;
    const page = run.client.fetchRows(list, run.creds, { query: { limit: String(list.pageLimit), offset: String(offset) }, body: {} });
    supplies.push(...page);
    if (page.length < list.pageLimit) break;
  }
  const table = run.table();
  // What the sheet already holds per supply: its last update and status.
  const known = new Map<string, string>();
  for (const row of table.readRows()) {
    if (row.preorderID !== null && row.preorderID !== '') known.set(String(row.preorderID), String(row.updatedDate) + '|' + String(row.statusID));
  }
  const due = supplies.filter((s) => {
    if (s.preorderID === null || s.preorderID === undefined) return false;
    const rec = run.records([s])[0];
    const settled = String(rec.updatedDate) + '|' + String(rec.statusID);
    return known.get(String(s.preorderID)) !== settled || Number(s.statusID) !== FINAL_SUPPLY_STATUS;
  });
  let batch: Record<string, unknown>[] = [];
  for (const supply of due) {
    const goods: Record<string, unknown>[] = [];
    for (let offset = 0; ; offset += goodsEndpoint.pageLimit) {
      if (!run.hasTime() || !run.waitFor(goodsEndpoint)) {
        if (batch.length) run.upsert(batch);
        if (run.outcome.status === 'done') run.defer(run.t.syncPartial(run.title));
        return;
      }
      const page = run.client.fetchRows(goodsEndpoint, run.creds, {
        pathParams: { id: String(supply.preorderID) },
        query: { limit: String(goodsEndpoint.pageLimit), offset: String(offset), isPreorderID: 'true' },
      });
      goods.push(...page);
      if (page.length < goodsEndpoint.pageLimit) break;
    }
    batch = batch.concat(supplyRows(supply, goods));
    run.progress(due.indexOf(supply) + 1);
    if (batch.length >= 2000) {
      run.upsert(batch);
      batch = [];
    }
  }
  run.upsert(batch);
}

interface RealizationState {
  period: 'weekly' | 'daily';
  from: string;
  to: string;
  /** Last rrdId written in the current pass (decimal text: may exceed 2^53). */
  rrdId: string;
  /** Day up to which every pass has finished. */
  loadedThrough?: string;
}

/** Reports for a week appear after it ends; re-reading the last two weeks catches them. */
const OVERLAP_DAYS = 14;

/**
 * The realization report by period, paged by rrdId until WB answers 204 (or a short
 * page), upserted by rrdId so an overlap never doubles a row.
 */
function syncRealization(run: ReportRun): void {
  const endpoint = ENDPOINTS.financeDetailed;
  const settings = run.settings();
  const spec = settings.realizationAllFields ? REALIZATION_ALL_FIELDS : REALIZATION;
  const today = formatWallDay(instantToMoscowWall(run.now()));
  let state = run.state<RealizationState>('realization');
  if (state && run.sheetMissing(spec)) state = null;
  if (state && state.period !== settings.realizationPeriod) {
    // Daily and weekly reports describe the same operations: never mix them in one sheet.
    run.table(spec).replaceAll([]);
    state = null;
  }
  if (!state || state.rrdId === '0') {
    const from = state && state.loadedThrough ? formatWallDay(parseWbMoscow(state.loadedThrough)! - OVERLAP_DAYS * DAY_MS) : firstDay(run);
    state = { period: settings.realizationPeriod, from, to: today, rrdId: '0', loadedThrough: state ? state.loadedThrough : undefined };
  }
  for (let page = 1; ; page++) {
    if (page > 1) run.progress(page);
    if (!run.waitFor(endpoint)) return;
    // rrdId goes out as a bare JSON number even when it exceeds 2^53.
    const body = JSON.stringify({ dateFrom: state.from, dateTo: state.to, limit: endpoint.pageLimit, rrdId: 0, period: state.period }).replace('"rrdId":0', '"rrdId":' + state.rrdId);
    const rows = run.client.fetchRows(endpoint, run.creds, { body });
    run.table(spec);
    if (rows.length) {
      run.upsert(rows, spec);
      const records = run.records(rows, spec);
      state.rrdId = maxDecimal(records.map((r) => String(rowKey(spec, r) || '0')).concat(state.rrdId));
      run.setState('realization', state);
    }
    if (rows.length < endpoint.pageLimit) {
      run.setState('realization', { period: state.period, from: state.from, to: state.to, rrdId: '0', loadedThrough: state.to });
      return;
    }
    if (!run.hasTime()) {
      run.defer(run.t.syncPartial(run.title));
      return;
    }
  }
}

/**
 * Makes the next realization refresh re-read the whole first-load span (after the
 * seller asks for all fields, so older rows get them too). Upserts by rrdId keep it
 * free of duplicates.
 */
export function rereadRealization(props: KeyValueStore): void {
  const raw = props.get('wb.state.realization');
  if (!raw) return;
  const state = JSON.parse(raw) as RealizationState;
  props.set('wb.state.realization', JSON.stringify({ ...state, rrdId: '0', loadedThrough: undefined }));
}

/** The larger of decimal integer strings, compared exactly. */
export function maxDecimal(values: string[]): string {
  let best = '0';
  for (const v of values) {
    if (!/^\d+$/.test(v)) continue;
    const a = v.replace(/^0+(?=\d)/, '');
    if (a.length > best.length || (a.length === best.length && a > best)) best = a;
  }
  return best;
}

function derived(): void {
  throw new Error('derived tables are written by their source report');
}

export const STRATEGIES: Record<ReportMode, (run: ReportRun) => void> = {
  changes: syncChanges,
  snapshot: syncSnapshot,
  supplies: syncSupplies,
  realization: syncRealization,
  derived,
};
