import type { ReportRun } from './engine';
import type { RequestParts } from '../wb/client';
import { KeyValueStore } from '../gas/types';
import { REALIZATION, REALIZATION_ALL_FIELDS, realizationFields } from '../reports/realization';
import { ReportSpec } from '../reports/types';
import { ENDPOINTS, Endpoint } from '../wb/endpoints';
import { WbError } from '../wb/errors';
import { formatWallDay, instantToMoscowWall, parseWbMoscow } from '../wb/moscow-time';
import { rowKey } from '../store/table';
import { DAY_MS, checkedLately, firstDay } from './strategy-base';
import { formatMoment } from '../texts/format';

interface RealizationState {
  period: 'weekly' | 'daily';
  from: string;
  to: string;
  /** Last rrdId written in the current pass (decimal text: may exceed 2^53). */
  rrdId: string;
  /** Day up to which every pass has finished. */
  loadedThrough?: string;
  /** A page from this rrdId of this many rows was refused as too large: never ask for as many again. */
  refused?: { rrdId: string; limit: number };
  /** When the last pass finished (epoch ms). */
  checkedAt?: number;
}

/** Measured UTF-8 bytes per row of WB's answer, per set of fields (state 'realization.size'). */
type RowBytes = Partial<Record<'sheet' | 'all', number>>;

/** Reports for a week appear after it ends; re-reading the last two weeks catches them. */
const OVERLAP_DAYS = 14;
/**
 * WB forms a realization report once a week (or once a day for the daily period), so a
 * refresh of every report starts a new pass (two weeks re-read, and a last request that
 * waits a minute for WB's 1-a-minute limit) at most this often; the report's own menu
 * item always does.
 */
export const REREAD_EVERY_MS = 3 * 3600000;
/** Longest wait for the realization bucket a scheduled run sits through before the closing request. */
const SCHEDULED_MAX_WAIT_MS = 10000;
/** Google refuses answers over 50 MB (UrlFetchApp). */
const ANSWER_CAP_BYTES = 50 * 1024 * 1024;
/** Pages aim at half the cap: a page of longer-than-average rows (all sales, long names) still fits. */
const PAGE_TARGET_BYTES = ANSWER_CAP_BYTES / 2;
/** Before anything is measured: a generous guess per requested field (WB's 91-field row is 2–2.5 KB). */
const GUESS_BYTES_PER_FIELD = 30;
/** A page shorter than this says little about the average row: it may only raise the estimate. */
const MEASURE_MIN_ROWS = 1000;

/**
 * The pass to run: a new one (from the first-load span, or two weeks before what is
 * loaded) unless one is under way (past its first page, or with its first page refused);
 * null when the last pass finished less than REREAD_EVERY_MS ago and this refresh is not
 * the realization report's alone.
 */
function passToRun(run: ReportRun, state: RealizationState | null, period: RealizationState['period'], today: string): RealizationState | null {
  if (state && (state.rrdId !== '0' || state.refused)) return state;
  if (state && state.loadedThrough && checkedLately(run, state.checkedAt, REREAD_EVERY_MS)) return null;
  const from = state && state.loadedThrough ? formatWallDay(parseWbMoscow(state.loadedThrough)! - OVERLAP_DAYS * DAY_MS) : firstDay(run);
  return { period, from, to: today, rrdId: '0', loadedThrough: state ? state.loadedThrough : undefined, checkedAt: state ? state.checkedAt : undefined };
}

/** What the seller's setting asks for: the spec, its WB fields, and the size-measure slot. */
function requestShape(run: ReportRun): { spec: ReportSpec; fields: string[]; sizeKey: keyof RowBytes } {
  const all = run.settings().realizationAllFields;
  const spec = all ? REALIZATION_ALL_FIELDS : REALIZATION;
  return { spec, fields: realizationFields(spec), sizeKey: all ? 'all' : 'sheet' };
}

/**
 * Rows per page: as many as fit in PAGE_TARGET_BYTES at the measured (or guessed) row
 * size, at most WB's 100,000; after a refusal from this very rrdId, at most half of
 * what was refused. 0 when not even one row may be asked for again.
 */
function pageLimit(endpoint: Endpoint, state: RealizationState, fields: string[], bytesPerRow: number | undefined): number {
  const perRow = bytesPerRow && bytesPerRow > 0 ? bytesPerRow : fields.length * GUESS_BYTES_PER_FIELD;
  let limit = Math.max(1, Math.min(endpoint.pageLimit, Math.floor(PAGE_TARGET_BYTES / perRow)));
  if (state.refused && state.refused.rrdId === state.rrdId) limit = Math.min(limit, Math.floor(state.refused.limit / 2));
  return limit;
}

/** One page from rrdId on. rrdId goes out as a bare JSON number even when it exceeds 2^53. */
function pageParts(state: RealizationState, limit: number, fields: string[]): RequestParts {
  const body = { dateFrom: state.from, dateTo: state.to, limit, rrdId: 0, period: state.period, fields };
  return { body: JSON.stringify(body).replace('"rrdId":0', '"rrdId":' + state.rrdId) };
}

/** The request syncRealization will send first, worked out without changing anything. */
export function firstRealizationRequest(run: ReportRun): { endpoint: Endpoint; parts: RequestParts } | null {
  const endpoint = ENDPOINTS.financeDetailed;
  const settings = run.settings();
  const { spec, fields, sizeKey } = requestShape(run);
  let state = run.state<RealizationState>('realization');
  if (state && run.sheetMissing(spec)) state = null;
  if (state && state.period !== settings.realizationPeriod) state = null;
  const pass = passToRun(run, state, settings.realizationPeriod, formatWallDay(instantToMoscowWall(run.now())));
  if (!pass) return null;
  const sizes = run.state<RowBytes>('realization.size') || {};
  return { endpoint, parts: pageParts(pass, pageLimit(endpoint, pass, fields, sizes[sizeKey]), fields) };
}

/**
 * The realization report by period, paged by rrdId until WB answers 204 (a short page
 * is not the end, says the spec), upserted by rrdId so an overlap never doubles a row.
 * Asks only for the fields the sheet keeps, in pages sized from the measured bytes per
 * row; a page refused as too large is asked again from the same rrdId with half the
 * rows, and the refused request is never sent again.
 */
export function syncRealization(run: ReportRun): boolean {
  const endpoint = ENDPOINTS.financeDetailed;
  const settings = run.settings();
  const { spec, fields, sizeKey } = requestShape(run);
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
  const pass = passToRun(run, state, settings.realizationPeriod, today);
  if (!pass) {
    const checked = (state as RealizationState).checkedAt as number;
    run.outcome.message = run.t.realizationChecked(run.title, formatMoment(checked, run.deps.locale), formatMoment(checked + REREAD_EVERY_MS, run.deps.locale));
    return false;
  }
  state = pass;
  const sizes = run.state<RowBytes>('realization.size') || {};
  let lastWasShort = false;
  for (let page = 1; ; page++) {
    if (page > 1) run.progress(page);
    const limit = pageLimit(endpoint, state, fields, sizes[sizeKey]);
    if (limit < 1) throw new WbError('too_large', 0, '');
    const parts = pageParts(state, limit, fields);
    // Remembers a refusal before anything else: the next try (now or in a later run)
    // asks for half as many rows, and the row-size estimate says why.
    const refuse = (pass: RealizationState) => {
      pass.refused = { rrdId: pass.rrdId, limit };
      sizes[sizeKey] = Math.max(sizes[sizeKey] || 0, Math.ceil(ANSWER_CAP_BYTES / limit));
      run.setState('realization.size', sizes);
      run.setState('realization', pass);
    };
    // This very page went out in a parallel batch that Apps Script refused as too large
    // (it does not say whose answer it was): never send it again, ask for half.
    if (run.client.failedForSize(endpoint, run.creds, parts)) {
      refuse(state);
      continue;
    }
    // After a short page the next answer is most likely WB's closing 204. A scheduled run
    // does not spend a minute of the day's trigger time waiting for WB's 1-a-minute limit
    // to ask for it: the next run does, from the same rrdId, with the limit long free.
    if (lastWasShort && run.deps.scheduled && run.client.waitMs(endpoint, run.creds, parts) > SCHEDULED_MAX_WAIT_MS) {
      run.defer(run.t.realizationClosesNextRun(run.title, run.outcome.added + run.outcome.updated));
      return false;
    }
    if (!run.waitFor(endpoint, undefined, parts)) return false;
    let rows: Record<string, unknown>[];
    try {
      rows = run.client.fetchRows(endpoint, run.creds, parts);
    } catch (e) {
      if (!(e instanceof WbError) || e.kind !== 'too_large') throw e;
      refuse(state);
      if (!run.hasTime()) {
        run.defer(run.t.syncPartial(run.title));
        return false;
      }
      continue;
    }
    run.table(spec);
    if (!rows.length) {
      // 204: the pass is complete.
      run.setState('realization', { period: state.period, from: state.from, to: state.to, rrdId: '0', loadedThrough: state.to, checkedAt: run.now() });
      return true;
    }
    const measured = run.client.lastAnswerBytes / rows.length;
    const known = sizes[sizeKey];
    sizes[sizeKey] = Math.ceil(rows.length >= MEASURE_MIN_ROWS || !known ? measured : Math.max(known, measured));
    run.setState('realization.size', sizes);
    run.upsert(rows, spec);
    const records = run.records(rows, spec);
    const last = maxDecimal(records.map((r) => String(rowKey(spec, r) || '0')).concat(state.rrdId));
    if (last === state.rrdId) {
      // WB sent nothing beyond the position: asking again would loop forever.
      throw new WbError('bad_body', 200, 'rrdId did not advance');
    }
    state.rrdId = last;
    lastWasShort = rows.length < limit;
    delete state.refused;
    run.setState('realization', state);
    if (!run.hasTime()) {
      run.defer(run.t.syncPartial(run.title));
      return false;
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
  props.set('wb.state.realization', JSON.stringify({ ...state, rrdId: '0', loadedThrough: undefined, refused: undefined, checkedAt: undefined }));
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

