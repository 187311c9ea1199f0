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

