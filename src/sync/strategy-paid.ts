/**
 * Paid storage and paid acceptance: WB prepares each as an async task for a span of days
 * (storage at most 8 days, acceptance 31). A refresh goes through the days from the
 * report's position: create the task, poll its status, download, write the rows, and
 * only then move the position. A task still running when the execution must end is
 * kept (its id and span) and picked up by the next refresh; one WB no longer knows is
 * made again. The last days are read again on every refresh (WB books a day's storage
 * after the day, acceptance as supplies are counted).
 */
import type { ReportRun } from './engine';
import { PAID_WINDOW } from '../reports/paid';
import type { RequestParts } from '../wb/client';
import { ENDPOINTS, Endpoint, EndpointId } from '../wb/endpoints';
import { WbError } from '../wb/errors';
import { formatWallDay, instantToMoscowWall } from '../wb/moscow-time';
import { RETENTION_DAYS, checkedLately } from './strategy-base';
import { dayNumber, dayText } from './strategy-ads';
import { nmArticles } from './nm-articles';
import { formatMoment } from '../texts/format';

/** Days read again on every refresh. */
export const PAID_REREAD_DAYS = 3;
/**
 * WB books a day's storage once, after the day: once caught up, a refresh of every report
 * reads the settling days again at most this often (the report's own menu item always).
 */
export const PAID_RECHECK_MS = 6 * 3600000;
/** WB purges a finished task after a few hours: an older one is made again. */
const TASK_MAX_AGE_MS = 2 * 3600000;
const POLL_MS = 10000;
const FIRST_POLL_MS = 20000;
const BASE_FIRST_POLL_MS = 90000;

interface PaidTask {
  taskId: string;
  createdAt: number;
  from: number;
  to: number;
}

const IDS: Record<string, { create: EndpointId; status: EndpointId; download: EndpointId }> = {
  paidStorage: { create: 'storageCreate', status: 'storageStatus', download: 'storageDownload' },
  acceptance: { create: 'acceptanceCreate', status: 'acceptanceStatus', download: 'acceptanceDownload' },
};

/**
 * The next span to ask for: from the position, as many days as WB allows, never past
 * today; WB wants dateTo after dateFrom, so a one-day span starts a day earlier.
 */
export function paidSpan(cursor: number, today: number, maxDays: number): { from: number; to: number } | null {
  if (cursor > today) return null;
  const to = Math.min(today, cursor + maxDays - 1);
  return { from: Math.min(cursor, to - 1), to };
}

function createParts(span: { from: number; to: number }): RequestParts {
  return { query: { dateFrom: dayText(span.from), dateTo: dayText(span.to) } };
}

function taskParts(task: PaidTask): RequestParts {
  return { pathParams: { taskId: task.taskId } };
}

function today(run: ReportRun): number {
  return dayNumber(formatWallDay(instantToMoscowWall(run.now())));
}

function positionKey(run: ReportRun): string {
  return run.spec.id + 'Cursor';
}
function taskKey(run: ReportRun): string {
  return run.spec.id + 'Task';
}

function checkedKey(run: ReportRun): string {
  return run.spec.id + 'Checked';
}

/** Caught up (only the settling days left), checked lately, no task pending, and not asked for alone. */
function recentlyChecked(run: ReportRun): number | null {
  const checked = run.state<number>(checkedKey(run));
  if (run.state<PaidTask>(taskKey(run)) || cursorOf(run) < today(run) - PAID_REREAD_DAYS + 1) return null;
  return checkedLately(run, checked, PAID_RECHECK_MS) ? checked : null;
}

function cursorOf(run: ReportRun): number {
  return run.state<number>(positionKey(run)) ?? today(run) - RETENTION_DAYS + 1;
}

/** The request syncPaid sends first: the pending task's status, or a new task. */
export function firstPaidRequest(run: ReportRun): { endpoint: Endpoint; parts: RequestParts } | null {
  const ids = IDS[run.spec.id];
  const task = run.state<PaidTask>(taskKey(run));
  if (task && run.now() - task.createdAt <= TASK_MAX_AGE_MS) return { endpoint: ENDPOINTS[ids.status], parts: taskParts(task) };
  if (recentlyChecked(run) !== null) return null;
  const span = paidSpan(cursorOf(run), today(run), PAID_WINDOW[run.spec.id].days);
  return span ? { endpoint: ENDPOINTS[ids.create], parts: createParts(span) } : null;
}

export function syncPaid(run: ReportRun): void {
  const ids = IDS[run.spec.id];
  const create = ENDPOINTS[ids.create];
  const status = ENDPOINTS[ids.status];
  const download = ENDPOINTS[ids.download];
  const budget = run.deps.budgetMs ?? 270000;
  const now = today(run);
  // A sheet the seller deleted is loaded again from the start.
  if (run.sheetMissing()) {
    run.setState(positionKey(run), null);
    run.setState(taskKey(run), null);
  }
  const checked = recentlyChecked(run);
  if (checked !== null) {
    run.outcome.message = run.t.paidChecked(run.title, formatMoment(checked, run.deps.locale), formatMoment(checked + PAID_RECHECK_MS, run.deps.locale));
    return;
  }
  let task = run.state<PaidTask>(taskKey(run));
  if (task && run.now() - task.createdAt > TASK_MAX_AGE_MS) task = null;
  let codes: Map<number, string> | null = null;
  let page = 0;
  for (let rounds = 0; rounds < 40; rounds++) {
    if (!task) {
      const span = paidSpan(cursorOf(run), now, PAID_WINDOW[run.spec.id].days);
      if (!span || !run.hasTime()) return;
      if (!run.waitFor(create, undefined, createParts(span))) return;
      const created = run.client.fetchObject(create, run.creds, createParts(span));
      const data = created && (created.data as Record<string, unknown>);
      const taskId = data && typeof data.taskId === 'string' ? data.taskId : '';
      if (!taskId) throw new WbError('bad_body', 200, 'no taskId');
      task = { taskId, createdAt: run.client.lastAnswerAt || run.now(), from: span.from, to: span.to };
      run.setState(taskKey(run), task);
      // A scheduled run re-reading the settling days does not spend trigger time waiting
      // for WB to prepare them: the next run downloads the task.
      if (run.deps.scheduled && span.from >= now - PAID_REREAD_DAYS) return run.defer(run.t.reportPreparing(run.title));
      // WB needs 20-90 s: a status poll spent too early costs a Base key half an hour.
      const firstWait = run.creds.info.type === 'base' || run.creds.info.type === 'unknown' ? BASE_FIRST_POLL_MS : FIRST_POLL_MS;
      const waited = Math.max(0, run.now() - task.createdAt);
      if (run.elapsed() + firstWait - waited > budget) return run.defer(run.t.reportPreparing(run.title));
      if (firstWait > waited) run.deps.clock.sleep(firstWait - waited);
    }
    if (!run.waitFor(status, () => run.t.reportPreparing(run.title), taskParts(task))) return;
    let state = '';
    try {
      const answer = run.client.fetchObject(status, run.creds, taskParts(task));
      const data = answer && (answer.data as Record<string, unknown>);
      state = data && typeof data.status === 'string' ? data.status : '';
    } catch (e) {
      // WB no longer knows the task: it is made again.
      if (!(e instanceof WbError) || (e.kind !== 'gone' && e.kind !== 'bad_request')) throw e;
      state = 'purged';
    }
    if (state === 'purged' || state === 'canceled' || state === '') {
      task = null;
      run.setState(taskKey(run), null);
      continue;
    }
    if (state !== 'done') {
      if (run.elapsed() + POLL_MS > budget) return run.defer(run.t.reportPreparing(run.title));
      run.deps.clock.sleep(POLL_MS);
      continue;
    }
    if (!run.waitFor(download, () => run.t.reportPreparing(run.title), taskParts(task))) return;
    const rows = run.client.fetchRows(download, run.creds, taskParts(task));
    if (run.spec.id === 'acceptance') {
      // WB's acceptance report names the article by nmID only.
      if (codes === null) codes = nmArticles(run.deps.gateway);
      for (const r of rows) if (typeof r.nmID === 'number' && r.vendorCode === undefined) r.vendorCode = codes.get(r.nmID) ?? null;
    }
    if (rows.length) run.upsert(rows);
    // The span is in the sheet: the position moves past it, short of the days still settling.
    const next = Math.max(cursorOf(run), Math.min(task.to + 1, now - PAID_REREAD_DAYS + 1));
    run.setState(positionKey(run), next);
    run.setState(taskKey(run), null);
    run.progress(++page);
    const caughtUp = task.to >= now;
    task = null;
    if (caughtUp) {
      run.setState(checkedKey(run), run.now());
      return;
    }
  }
}
