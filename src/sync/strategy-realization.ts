import type { ReportRun } from './engine';
import type { RequestParts } from '../wb/client';
import { KeyValueStore } from '../gas/types';
import { REALIZATION, REALIZATION_ALL_FIELDS } from '../reports/realization';
import { ENDPOINTS, Endpoint } from '../wb/endpoints';
import { formatWallDay, instantToMoscowWall, parseWbMoscow } from '../wb/moscow-time';
import { rowKey } from '../store/table';
import { DAY_MS, firstDay } from './strategy-base';

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

/** The pass to run: a new one (from the first-load span, or two weeks before what is loaded) unless one is under way. */
function passToRun(run: ReportRun, state: RealizationState | null, period: RealizationState['period'], today: string): RealizationState {
  if (state && state.rrdId !== '0') return state;
  const from = state && state.loadedThrough ? formatWallDay(parseWbMoscow(state.loadedThrough)! - OVERLAP_DAYS * DAY_MS) : firstDay(run);
  return { period, from, to: today, rrdId: '0', loadedThrough: state ? state.loadedThrough : undefined };
}

/** One page from rrdId on. rrdId goes out as a bare JSON number even when it exceeds 2^53. */
function pageParts(state: RealizationState, limit: number): RequestParts {
  return { body: JSON.stringify({ dateFrom: state.from, dateTo: state.to, limit, rrdId: 0, period: state.period }).replace('"rrdId":0', '"rrdId":' + state.rrdId) };
}

/** The request syncRealization will send first, worked out without changing anything. */
export function firstRealizationRequest(run: ReportRun): { endpoint: Endpoint; parts: RequestParts } {
  const endpoint = ENDPOINTS.financeDetailed;
  const settings = run.settings();
  const spec = settings.realizationAllFields ? REALIZATION_ALL_FIELDS : REALIZATION;
  let state = run.state<RealizationState>('realization');
  if (state && run.sheetMissing(spec)) state = null;
  if (state && state.period !== settings.realizationPeriod) state = null;
  const pass = passToRun(run, state, settings.realizationPeriod, formatWallDay(instantToMoscowWall(run.now())));
  return { endpoint, parts: pageParts(pass, endpoint.pageLimit) };
}

/**
 * The realization report by period, paged by rrdId until WB answers 204 (or a short
 * page), upserted by rrdId so an overlap never doubles a row.
 */
export function syncRealization(run: ReportRun): void {
  const endpoint = ENDPOINTS.financeDetailed;
  const settings = run.settings();
  const spec = settings.realizationAllFields ? REALIZATION_ALL_FIELDS : REALIZATION;
  const today = formatWallDay(instantToMoscowWall(run.now()));
  let state = run.state<RealizationState>('realization');
  if (state && run.sheetMissing(spec)) {
    // Forget the old position now, not after the first page: a run killed in between
    // must not leave a fresh sheet behind an old position.
    state = null;
    run.setState('realization', null);
  }
  if (state && state.period !== settings.realizationPeriod) {
    // Daily and weekly reports describe the same operations: never mix them in one sheet.
    run.table(spec).replaceAll([]);
    state = null;
  }
  state = passToRun(run, state, settings.realizationPeriod, today);
  for (let page = 1; ; page++) {
    if (page > 1) run.progress(page);
    const parts = pageParts(state, endpoint.pageLimit);
    if (!run.waitFor(endpoint, undefined, parts)) return;
    const rows = run.client.fetchRows(endpoint, run.creds, parts);
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

