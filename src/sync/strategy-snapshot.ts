import type { ReportRun } from './engine';
import { STOCK_HISTORY, flattenStocks, historyRows } from '../reports/stocks';
import type { RequestParts } from '../wb/client';
import { ENDPOINTS, Endpoint } from '../wb/endpoints';
import { formatWall, formatWallDay, instantToMoscowWall } from '../wb/moscow-time';
import { WbError } from '../wb/errors';

interface StockTask {
  taskId: string;
  createdAt: number;
}

/** A task older than this is not worth polling: WB purges finished reports. */
const TASK_MAX_AGE_MS = 2 * 3600000;
const POLL_MS = 10000;
const FIRST_POLL_MS = 20000;
const BASE_FIRST_POLL_MS = 90000;

/**
 * Stocks: create a warehouse_remains task, poll its status, download when done. A
 * task still running when the execution must end is picked up by the next run.
 */
function createParts(): RequestParts {
  // Always `ru`, whatever the user's language: the pseudo-warehouses are recognised by
  // their Russian names, and with `en` they would count as warehouses (WB_STOCK doubled).
  return { query: { locale: 'ru', groupByBrand: 'true', groupBySubject: 'true', groupBySa: 'true', groupByNm: 'true', groupByBarcode: 'true', groupBySize: 'true' } };
}

function statusParts(task: StockTask): RequestParts {
  return { pathParams: { taskId: task.taskId } };
}

function createStockTask(run: ReportRun): StockTask {
  const created = run.client.fetchObject(ENDPOINTS.stocksCreate, run.creds, createParts());
  const data = created && (created.data as Record<string, unknown>);
  const taskId = data && typeof data.taskId === 'string' ? data.taskId : '';
  if (!taskId) throw new WbError('bad_body', 200, 'no taskId');
  // When WB made the task (earlier than now when its answer came in a parallel batch).
  const task = { taskId, createdAt: run.client.lastAnswerAt || run.now() };
  run.setState('stocksTask', task);
  return task;
}

/** The request syncSnapshot sends first, worked out without changing anything: the task's status, or a new task. */
export function firstSnapshotRequest(run: ReportRun): { endpoint: Endpoint; parts: RequestParts } {
  const task = run.state<StockTask>('stocksTask');
  if (!task || run.now() - task.createdAt > TASK_MAX_AGE_MS) return { endpoint: ENDPOINTS.stocksCreate, parts: createParts() };
  return { endpoint: ENDPOINTS.stocksStatus, parts: statusParts(task) };
}

export function syncSnapshot(run: ReportRun): void {
  const create = ENDPOINTS.stocksCreate;
  const status = ENDPOINTS.stocksStatus;
  const download = ENDPOINTS.stocksDownload;
  let task = run.state<StockTask>('stocksTask');
  const hadStaleTask = !!task && run.now() - task.createdAt > TASK_MAX_AGE_MS;
  if (hadStaleTask) task = null;
  let createdNow = false;
  for (let round = 0; ; round++) {
    if (!task) {
      if (!run.waitFor(create, undefined, createParts())) return;
      task = createStockTask(run);
      createdNow = true;
      const later = run.deps.scheduled && !hadStaleTask;
      // WB needs 20-90 s for the report. A status poll spent too early costs a Base key
      // 15 minutes of its bucket, so it waits for most of that time first.
      const firstWait = run.creds.info.type === 'base' || run.creds.info.type === 'unknown' ? BASE_FIRST_POLL_MS : FIRST_POLL_MS;
      // A task made in a parallel batch has been waiting since then.
      const waited = Math.max(0, run.now() - task.createdAt);
      if (!later && run.elapsed() + firstWait - waited <= (run.deps.budgetMs ?? 270000) && firstWait > waited) run.deps.clock.sleep(firstWait - waited);
    }
    if (!run.waitFor(status, (m) => run.t.stocksPreparing(run.title, m), statusParts(task))) return;
    let answer: Record<string, unknown> | null;
    try {
      answer = run.client.fetchObject(status, run.creds, statusParts(task));
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
  const day = formatWallDay(snapshotWall);
  const records = run.records(rows);
  const print = snapshotPrint(records, day);
  const known = run.state<SnapshotPrint>('stocks.print');
  const table = run.table();
  let written: number;
  let unchanged = false;
  if (known && known.print === print && known.rows === records.length && table.dataRows() === records.length) {
    // The same stock as the last snapshot, on the same day: only «Снимок на» moves, so
    // the daily table, formulas and dashboard have nothing new to work on.
    table.fillColumn('snapshotAt', records.length ? records[0].snapshotAt : null);
    written = records.length;
    unchanged = true;
  } else {
    written = table.replaceAll(records);
    // The snapshot in BigQuery too (when on), before the print below marks it written.
    run.toWarehouse(records);
    run.upsert(historyRows(rows, day), STOCK_HISTORY);
  }
  run.deps.gateway.flush();
  // Saved after the sheet is written: a run killed before it rewrites the snapshot in full next time.
  run.setState('stocks.print', { print, rows: records.length });
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
  if (unchanged) {
    run.outcome.message = run.t.stocksUnchanged(run.title, written, items.length);
    return;
  }
  run.outcome.added = written;
  run.outcome.message = run.t.stocksDone(run.title, written, items.length);
}

interface SnapshotPrint {
  print: string;
  rows: number;
}

/**
 * A fingerprint of a snapshot's rows without their snapshot time, and of its Moscow day
 * (a new day needs its row in the stock history even when nothing moved): FNV-1a over
 * the rows' JSON, as text.
 */
export function snapshotPrint(records: Record<string, unknown>[], day: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ records.length;
  const text = day + JSON.stringify(records.map((r) => ({ ...r, snapshotAt: null })));
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) ^ (h2 >>> 13);
  }
  return (h1 >>> 0).toString(36) + '.' + (h2 >>> 0).toString(36) + '.' + text.length;
}

