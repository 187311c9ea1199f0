/**
 * What a refresh does after its reports: the daily table, retention and the dashboard
 * (each only when its inputs changed), and the run log's lines.
 */
import type { ReportOutcome, SyncDeps } from './engine';
import { REPORTS } from '../reports';
import { SheetTable } from '../store/table';
import { RUN_LOG, RUN_LOG_MAX_ROWS } from '../reports/run-log';
import { instantToMoscowWall, wallMsToSerial } from '../wb/moscow-time';
import { texts } from '../texts/i18n';
import { loadSettings } from './settings';
import { refreshDaily } from '../daily/refresh';
import { loadDirty } from '../daily/state';
import { trimRawRows } from '../daily/retention';
import { SOURCE_SPECS, sourceDayColumns } from '../daily/refresh';
import { RAW_WINDOW_DAYS, rawWindowOnly } from '../bigquery/settings';
import { BigQueryDailySource } from '../bigquery/daily-source';
import { warehouseBehind } from '../bigquery/sync-hook';

/** The dashboard sheets, when the seller has them; a failure here never fails the refresh. */
export function rebuildDashboard(deps: SyncDeps): void {
  if (!deps.dashboard) return;
  try {
    deps.dashboard();
  } catch (e) {
    if (/Exceeded maximum execution time/i.test(String((e as Error).message))) throw e;
  }
}

/** The Moscow day retention and the dashboard last worked for, and the retention then in force. */
export const DERIVED_DAY_PROPERTY = 'wb.derived.day';

/**
 * Daily totals for the formulas, then retention (raw rows past the seller's chosen age).
 * Each runs only when its inputs changed: days marked dirty (rows written, or a run cut
 * short), rows added, a new Moscow day, or another retention setting. Returns whether
 * the dashboard's inputs may have changed. A failure here never fails the refresh: the
 * days stay due for the next run.
 */
export function updateDaily(deps: SyncDeps, rowsChanged: boolean): boolean {
  const props = deps.documentProps;
  const today = Math.floor(wallMsToSerial(instantToMoscowWall(deps.clock.now())));
  // Raw rows in BigQuery only: the raw sheets keep a recent window, and the daily table
  // reads older days from BigQuery (bigquery/daily-source.ts).
  const windowOnly = !!deps.warehouse && rawWindowOnly(deps.warehouse.settings);
  const keep = windowOnly ? RAW_WINDOW_DAYS : loadSettings(props).retentionDays || 0;
  const warehouse = windowOnly && deps.warehouse ? new BigQueryDailySource(deps.warehouse, SOURCE_SPECS, sourceDayColumns) : null;
  const mark = today + '/' + keep;
  const newDay = props.get(DERIVED_DAY_PROPERTY) !== mark;
  let changed = newDay;
  try {
    if (Object.keys(loadDirty(props)).length) changed = refreshDaily({ gateway: deps.gateway, documentProps: props, locale: deps.locale, warehouse }).rowsWritten > 0 || changed;
    // Never trim rows BigQuery does not hold yet (a catch-up from the sheet still running).
    if (keep && (rowsChanged || newDay) && !(windowOnly && warehouseBehind(props))) {
      const trimmed = trimRawRows(deps.gateway, props, keep, today);
      if (Object.keys(trimmed).length) changed = true;
    }
    // Remembered once nothing is left owing, so a day cut short is worked again next run.
    if (!Object.keys(loadDirty(props)).length) props.set(DERIVED_DAY_PROPERTY, mark);
  } catch (e) {
    if (/Exceeded maximum execution time/i.test(String((e as Error).message))) throw e;
  }
  return changed;
}

/** One row per report of this run in the run log; a log that cannot be written never fails the refresh. */
export function writeRunLog(outcomes: ReportOutcome[], started: number, deps: SyncDeps): void {
  const t = texts(deps.locale);
  const moscow = (ms: number) => wallMsToSerial(instantToMoscowWall(ms));
  try {
    const table = SheetTable.open(deps.gateway, RUN_LOG, deps.locale);
    // Every run's lines are new (its own run id): appended without reading the log's keys.
    // No flush: releasing the lock commits them (DocumentLock.release).
    table.append(
      outcomes.map((o) => ({
        started: moscow(o.startedAt ?? started),
        finished: moscow(o.finishedAt ?? deps.clock.now()),
        report: REPORTS[o.report].title[deps.locale],
        trigger: deps.scheduled ? t.triggerScheduled : t.triggerManual,
        requests: o.requests,
        added: o.added,
        updated: o.updated,
        result: t.resultLabels[o.status],
        message: o.message,
        runId: String(started),
      })),
    );
    table.trimTo(RUN_LOG_MAX_ROWS);
  } catch (e) {
    if (/Exceeded maximum execution time/i.test(String((e as Error).message))) throw e;
  }
}

