/**
 * Search visibility, once a day for the day before (a complete day): the search report's
 * per-article numbers for that day (50 articles a request), then the top queries of the
 * same articles (50 a request, the 30 WB's standard Jam tariff allows). Days missed
 * (no refresh for a while) are caught up, at most a week back; the first load reads
 * yesterday. The position moves only after the rows are in the sheet.
 *
 * The report is part of WB's paid «Джем» subscription. When WB refuses it (403), the
 * refusal is remembered for the day: no request is sent again before tomorrow, the run
 * log and the sidebar say what to do, and one request tomorrow checks again. Never a loop.
 */
import type { ReportRun } from './engine';
import { SEARCH_TEXTS } from '../reports/search';
import type { RequestParts } from '../wb/client';
import { ENDPOINTS, Endpoint } from '../wb/endpoints';
import { WbError } from '../wb/errors';
import { formatWallDay, instantToMoscowWall } from '../wb/moscow-time';
import { DAY_MS } from './strategy-base';
import { knownArticles } from './strategy-funnel';

/** Days a refresh catches up at most. */
const CATCH_UP_DAYS = 7;

interface Pass {
  day: string;
  phase: 'details' | 'texts';
  /** the last nmId whose rows are in the sheet (null: none yet) */
  after: number | null;
}

const PASS = 'searchPass';
/** The last day fully read. */
const DONE = 'searchDone';
/** The Moscow day WB last refused the report (no subscription). */
export const REFUSED = 'searchRefused';

function wallToday(run: ReportRun): number {
  return instantToMoscowWall(run.now());
}

function isoDay(wall: number): string {
  return formatWallDay(wall);
}

function addDays(day: string, n: number): string {
  return new Date(Date.parse(day + 'T00:00:00Z') + n * DAY_MS).toISOString().slice(0, 10);
}

/** The day the next pass reads: the one after the last done (at most a week back), up to yesterday; null: nothing due. */
function dueDay(run: ReportRun): string | null {
  const yesterday = isoDay(wallToday(run) - DAY_MS);
  const done = run.state<string>(DONE);
  if (!done) return yesterday;
  if (done >= yesterday) return null;
  const next = addDays(done, 1);
  const floor = isoDay(wallToday(run) - CATCH_UP_DAYS * DAY_MS);
  return next < floor ? floor : next;
}

function currentPass(run: ReportRun): Pass | null {
  if (run.sheetMissing()) {
    run.setState(PASS, null);
    run.setState(DONE, null);
  }
  const saved = run.state<Pass>(PASS);
  if (saved && typeof saved.day === 'string') return saved;
  const day = dueDay(run);
  return day ? { day, phase: 'details', after: null } : null;
}

function detailsParts(day: string, nmIds: number[]): RequestParts {
  return {
    body: {
      currentPeriod: { start: day, end: day },
      nmIds,
      orderBy: { field: 'avgPosition', mode: 'asc' },
      positionCluster: 'all',
      includeSubstitutedSKUs: true,
      includeSearchTexts: true,
      limit: ENDPOINTS.searchDetails.pageLimit,
      offset: 0,
    },
  };
}

function textsParts(day: string, nmIds: number[]): RequestParts {
  return {
    body: {
      currentPeriod: { start: day, end: day },
      nmIds,
      topOrderBy: 'openCard',
      orderBy: { field: 'avgPosition', mode: 'asc' },
      includeSubstitutedSKUs: true,
      includeSearchTexts: true,
      limit: ENDPOINTS.searchTexts.pageLimit,
    },
  };
}

function batch(articles: number[], pass: Pass): number[] {
  const rest = pass.after === null ? articles : articles.filter((n) => n > (pass.after as number));
  return rest.slice(0, ENDPOINTS.searchDetails.pageLimit);
}

function refusedToday(run: ReportRun): boolean {
  return run.state<string>(REFUSED) === isoDay(wallToday(run));
}

export function firstSearchRequest(run: ReportRun): { endpoint: Endpoint; parts: RequestParts } | null {
  if (refusedToday(run)) return null;
  const pass = currentPass(run);
  if (!pass) return null;
  const nmIds = batch(knownArticles(run), pass);
  if (!nmIds.length) return null;
  return pass.phase === 'details' ? { endpoint: ENDPOINTS.searchDetails, parts: detailsParts(pass.day, nmIds) } : { endpoint: ENDPOINTS.searchTexts, parts: textsParts(pass.day, nmIds) };
}

function refuse(run: ReportRun): void {
  run.setState(REFUSED, isoDay(wallToday(run)));
  run.outcome.status = 'skipped';
  run.outcome.message = run.t.searchRefused(run.title);
}

export function syncSearch(run: ReportRun): void {
  if (refusedToday(run)) return refuse(run);
  let pass = currentPass(run);
  if (!pass) {
    run.outcome.message = run.t.searchUpToDate(run.title);
    return;
  }
  const articles = knownArticles(run);
  if (!articles.length) {
    run.outcome.message = run.t.funnelNoArticles(run.title);
    return;
  }
  let pages = 0;
  while (pass) {
    const nmIds = batch(articles, pass);
    if (!nmIds.length) {
      if (pass.phase === 'details') pass = { ...pass, phase: 'texts', after: null };
      else {
        run.setState(DONE, pass.day);
        const next = dueDay(run);
        pass = next ? { day: next, phase: 'details', after: null } : null;
      }
      run.setState(PASS, pass);
      continue;
    }
    const endpoint = pass.phase === 'details' ? ENDPOINTS.searchDetails : ENDPOINTS.searchTexts;
    const request = pass.phase === 'details' ? detailsParts(pass.day, nmIds) : textsParts(pass.day, nmIds);
    if (!run.hasTime() || !run.waitFor(endpoint, undefined, request)) {
      if (run.outcome.status === 'done') run.defer(run.t.syncPartial(run.title));
      return;
    }
    let answer: Record<string, unknown> | null;
    try {
      answer = run.client.fetchObject(endpoint, run.creds, request);
    } catch (e) {
      // No «Джем» (or a tariff that does not cover it): remembered for the day, never retried in a loop.
      if (e instanceof WbError && e.status === 403) return refuse(run);
      throw e;
    }
    run.setState(REFUSED, null);
    const data = (answer && typeof answer.data === 'object' && answer.data) || {};
    const day = pass.day;
    if (pass.phase === 'details') {
      const products = Array.isArray((data as Record<string, unknown>).products) ? ((data as Record<string, unknown>).products as Record<string, unknown>[]) : [];
      const rows = products.map((p) => ({ ...p, date: day }));
      if (rows.length) run.upsert(rows);
    } else {
      const items = Array.isArray((data as Record<string, unknown>).items) ? ((data as Record<string, unknown>).items as Record<string, unknown>[]) : [];
      const rows = items.map((q) => ({ ...q, date: day }));
      if (rows.length) run.upsert(rows, SEARCH_TEXTS);
    }
    pass = { ...pass, after: nmIds[nmIds.length - 1] };
    run.setState(PASS, pass);
    run.progress(++pages);
  }
}
