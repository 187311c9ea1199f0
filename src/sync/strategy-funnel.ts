/**
 * The card funnel by day. WB's history method gives at most the last week (today and
 * the 6 days before, Moscow) for 1..20 articles a request, so once a day a pass reads the
 * whole week for every article the add-on knows (from the daily table and the stock
 * snapshot), 20 at a time in nmId order; re-reading the week also picks up WB's late
 * tail (views and buyouts arrive over several days, buyouts booked on the order day).
 * The pass remembers the last article written, after its rows are in the sheet, and a
 * later refresh goes on from there (a Base key: one request per refresh); a pass never
 * restarts from the top while unfinished, so every article is read at least once a pass
 * and a pass shorter than a week leaves no day out. The first pass says how far back WB
 * lets it go.
 */
import type { ReportRun } from './engine';
import { DAILY } from '../daily/table';
import { funnelRows } from '../reports/funnel';
import { STOCKS } from '../reports/stocks';
import { SheetTable } from '../store/table';
import type { RequestParts } from '../wb/client';
import { ENDPOINTS, Endpoint } from '../wb/endpoints';
import { formatWallDay, instantToMoscowWall } from '../wb/moscow-time';
import { DAY_MS } from './strategy-base';

/** Days WB's history covers: today and the 6 before. */
export const FUNNEL_DAYS = 7;

interface Pass {
  /** the Moscow day the pass began */
  day: string;
  /** the last nmId whose rows are in the sheet (null: none yet) */
  after: number | null;
}

const PASS = 'funnelPass';
/** The Moscow day of the last finished pass. */
const DONE = 'funnelDone';
/** The first day the funnel sheet holds (the first pass's reach). */
const FIRST = 'funnelFirst';

function today(run: ReportRun): string {
  return formatWallDay(instantToMoscowWall(run.now()));
}

function period(run: ReportRun): { start: string; end: string } {
  const wall = instantToMoscowWall(run.now());
  return { start: formatWallDay(wall - (FUNNEL_DAYS - 1) * DAY_MS), end: formatWallDay(wall) };
}

/** Every article the add-on knows: the daily table's and the stock snapshot's nmIds, ascending. */
export function knownArticles(run: ReportRun): number[] {
  const set = new Set<number>();
  for (const spec of [DAILY, STOCKS]) {
    const table = SheetTable.find(run.deps.gateway, spec);
    const col = table ? table.readColumn('nmId') : null;
    for (const v of col || []) if (typeof v === 'number' && Number.isInteger(v) && v > 0) set.add(v);
  }
  return Array.from(set).sort((a, b) => a - b);
}

function parts(run: ReportRun, nmIds: number[]): RequestParts {
  return { body: { selectedPeriod: period(run), nmIds, skipDeletedNm: false, aggregationLevel: 'day' } };
}

function currentPass(run: ReportRun): Pass | null {
  if (run.sheetMissing()) {
    run.setState(PASS, null);
    run.setState(DONE, null);
    run.setState(FIRST, null);
  }
  const saved = run.state<Pass>(PASS);
  if (saved && typeof saved.day === 'string') return saved;
  if (run.state<string>(DONE) === today(run)) return null;
  return { day: today(run), after: null };
}

function nextBatch(articles: number[], pass: Pass): number[] {
  const rest = pass.after === null ? articles : articles.filter((n) => n > (pass.after as number));
  return rest.slice(0, ENDPOINTS.funnelHistory.pageLimit);
}

/** The request syncFunnel sends first (null: nothing due today, or no article known). */
export function firstFunnelRequest(run: ReportRun): { endpoint: Endpoint; parts: RequestParts } | null {
  const pass = currentPass(run);
  if (!pass) return null;
  const batch = nextBatch(knownArticles(run), pass);
  return batch.length ? { endpoint: ENDPOINTS.funnelHistory, parts: parts(run, batch) } : null;
}

export function syncFunnel(run: ReportRun): void {
  const endpoint = ENDPOINTS.funnelHistory;
  const pass = currentPass(run);
  if (!pass) {
    run.outcome.message = run.t.funnelUpToDate(run.title);
    return;
  }
  const articles = knownArticles(run);
  if (!articles.length) {
    run.outcome.message = run.t.funnelNoArticles(run.title);
    return;
  }
  for (let done = articles.filter((n) => pass.after === null || n <= pass.after).length; ; ) {
    const batch = nextBatch(articles, pass);
    if (!batch.length) break;
    const request = parts(run, batch);
    if (!run.hasTime() || !run.waitFor(endpoint, undefined, request)) {
      run.setState(PASS, pass);
      if (run.outcome.status === 'done') run.defer(run.t.syncPartial(run.title));
      return;
    }
    const rows = funnelRows(run.client.fetchRows(endpoint, run.creds, request));
    if (rows.length) run.upsert(rows);
    pass.after = batch[batch.length - 1];
    run.setState(PASS, pass);
    done += batch.length;
    run.progress(done);
  }
  run.setState(PASS, null);
  run.setState(DONE, today(run));
  if (run.state<string>(FIRST) === null) {
    const start = period(run).start;
    run.setState(FIRST, start);
    run.outcome.message = run.t.funnelFirstLoad(run.title, run.outcome.added, start);
  }
}
