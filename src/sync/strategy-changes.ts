import type { ReportRun } from './engine';
import type { RequestParts } from '../wb/client';
import { ENDPOINTS, Endpoint } from '../wb/endpoints';
import { formatWall, formatWallDay, instantToMoscowWall, parseWbMoscow } from '../wb/moscow-time';
import { WbError } from '../wb/errors';
import { DAY_MS, cursorProperty, firstDay } from './strategy-base';
import { endPass, forget, notePage, passStart, passStartAfterDays, restartPass } from './late-money';

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

/** The request for one page: changes since `dateFrom` (flag=0), or one day's rows (flag=1). */
function pageParts(dateFrom: string, flag: '0' | '1'): RequestParts {
  return { query: { dateFrom, flag } };
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
    const parts = pageParts(pass.next, '1');
    // Orders' and sales' passes take turns rather than sleep for their buckets one after the other.
    if (step > 1 && run.yieldTurn(endpoint, parts, run.t.syncByDays(run.title, pass.next, pass.until))) return false;
    if (!run.waitFor(endpoint, (m) => run.t.syncByDaysWait(run.title, pass.next, pass.until, m), parts)) return false;
    const rows = run.client.fetchRows(endpoint, run.creds, parts);
    run.table();
    if (rows.length) run.upsert(rows);
    notePage(run, rows);
    pass.next = addDay(pass.next, 1);
    run.setState(name, pass);
    if (run.deps.progress) run.deps.progress(run.t.syncPage(run.title, step, run.outcome.added + run.outcome.updated) + ' (' + step + '/' + total + ')');
  }
  run.deps.documentProps.set(cursorProperty(run.spec.id), pass.resume);
  endPass(run);
  run.setState(name, null);
  return true;
}

/**
 * The request syncChanges will send first, worked out without changing anything: the
 * pending day of a by-day pass, else changes since the cursor (from the start when the
 * sheet is gone).
 */
export function firstChangesRequest(run: ReportRun): { endpoint: Endpoint; parts: RequestParts } {
  const endpoint = ENDPOINTS[run.spec.endpoint];
  let cursor = run.deps.documentProps.get(cursorProperty(run.spec.id));
  let pending = run.state<DayPass>('days.' + run.spec.id);
  if (cursor && run.sheetMissing()) {
    cursor = null;
    pending = null;
  }
  if (pending && pending.next <= pending.until) return { endpoint, parts: pageParts(pending.next, '1') };
  if (pending) return { endpoint, parts: pageParts(passStartAfterDays(run, pending.resume).dateFrom, '0') };
  return { endpoint, parts: pageParts(passStart(run, cursor || firstDay(run)).dateFrom, '0') };
}

/** Too many changes for one answer: take every day WB keeps, one day per request. */
function startDayPass(run: ReportRun): void {
  const now = instantToMoscowWall(run.now());
  const pass: DayPass = { next: firstDay(run), until: formatWallDay(now), resume: formatWall(now - 3600000) };
  run.setState('days.' + run.spec.id, pass);
  restartPass(run);
  syncByDays(run, pass);
}

/**
 * Changes since a cursor days old may run to 80,000 rows (~50 MB); the changes of the
 * last three days (a pass re-reading late money reaches back 48 h) are a few MB even
 * at thousands of orders a day.
 */
function isWide(run: ReportRun, cursor: string): boolean {
  const wall = parseWbMoscow(cursor);
  return wall === null || instantToMoscowWall(run.now()) - wall > 3 * DAY_MS;
}

/** Orders and sales: rows changed since the cursor (lastChangeDate), page after page. */
export function syncChanges(run: ReportRun): void {
  const endpoint = ENDPOINTS[run.spec.endpoint];
  const props = run.deps.documentProps;
  // A deleted sheet is recreated and reloaded from the start, not continued from the old cursor.
  if (props.get(cursorProperty(run.spec.id)) && run.sheetMissing()) {
    props.remove(cursorProperty(run.spec.id));
    run.setState('days.' + run.spec.id, null);
    forget(run);
  }
  const pending = run.state<DayPass>('days.' + run.spec.id);
  if (pending && !syncByDays(run, pending)) return;
  // A new pass may start before the cursor, to read young rows with zero money again (late-money.ts).
  const start = passStart(run, props.get(cursorProperty(run.spec.id)) || firstDay(run));
  let cursor = start.dateFrom;
  for (let page = 1; ; page++) {
    if (page > 1) run.progress(page);
    const parts = pageParts(cursor, '0');
    // A wide page that went out in a batch refused as too large is not sent again: it
    // may be the oversized one. Decided before any wait for the bucket, since the
    // batch is forgotten when the execution ends. A narrow one goes out alone.
    if (run.client.failedForSize(endpoint, run.creds, parts) && isWide(run, cursor)) {
      startDayPass(run);
      return;
    }
    if (!run.waitFor(endpoint, undefined, parts)) return;
    let rows: Record<string, unknown>[];
    try {
      rows = run.client.fetchRows(endpoint, run.creds, parts);
    } catch (e) {
      if (!(e instanceof WbError) || e.kind !== 'too_large') throw e;
      startDayPass(run);
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
    notePage(run, rows, page === 1 ? start : undefined);
    const cursorWall = parseWbMoscow(cursor);
    const advanced = maxChange !== null && (cursorWall === null || maxWall > cursorWall);
    if (advanced) {
      cursor = maxChange as string;
      props.set(cursorProperty(run.spec.id), cursor);
    }
    if (rows.length < endpoint.pageLimit) {
      endPass(run); // a short page is the last one
      return;
    }
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

