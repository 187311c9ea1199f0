/**
 * The dashboard's side of the add-on: builds it from the menu (under the refresh lock,
 * so it never races a refresh) and, once it exists, after every refresh.
 */
import { AppsScriptDashboard } from '../gas/dashboard';
import { AppsScriptSpreadsheet } from '../gas/spreadsheet';
import { DocumentLock, PropertiesStore, appsScriptClock, userLocale } from '../gas/services';
import { DASHBOARD_TAG, DashboardResult, buildDashboard } from '../dashboard/build';
import { loadDaily, loadRecentOrders, loadStocks } from '../dashboard/load';
import { dashboardTexts } from '../dashboard/texts';
import { loadReportCheck } from '../dashboard/report-check';
import { loadSourceTotals } from '../dashboard/profit-check';
import { loadCommissionCheck } from '../dashboard/commission-load';
import { loadSettings } from '../sync/settings';
import { PAID_ACCEPTANCE, PAID_STORAGE } from '../reports/paid';
import { TABLE_TAG } from '../store/table';
import { instantToMoscowWall, wallMsToSerial } from '../wb/moscow-time';
import { formatMoment } from '../texts/format';
import { texts } from '../texts/i18n';
import { AdvancedBigQuery } from '../gas/bigquery';
import { BigQueryDashboardSource } from '../bigquery/dashboard-source';
import { Warehouse, WarehouseError } from '../bigquery/loader';
import { loadStorage, rawWindowOnly } from '../bigquery/settings';
import { KeyValueStore } from '../gas/types';

/**
 * BigQuery, when the raw sheets keep only the last days: the dashboard's raw inputs older
 * than that are there. Null otherwise (everything is in the sheets).
 */
function warehouseSource(props: KeyValueStore): BigQueryDashboardSource | null {
  const settings = loadStorage(props);
  if (!rawWindowOnly(settings)) return null;
  return new BigQueryDashboardSource(new Warehouse(new AdvancedBigQuery(), settings, props, appsScriptClock, () => true));
}

/** A BigQuery read for the dashboard; null when BigQuery could not answer (that block is left out, the rest builds). */
function orNull<T>(read: () => T): T | null {
  try {
    return read();
  } catch (e) {
    if (e instanceof WarehouseError) return null;
    throw e;
  }
}

/** Builds or rebuilds the four sheets; null when there is no daily table yet. */
export function buildDashboardSheets(): DashboardResult | null {
  const gateway = AppsScriptSpreadsheet.active();
  const daily = loadDaily(gateway);
  if (!daily) return null;
  const now = appsScriptClock.now();
  const today = Math.floor(wallMsToSerial(instantToMoscowWall(now)));
  const locale = userLocale();
  const stocks = loadStocks(gateway);
  const props = PropertiesStore.document();
  const bq = warehouseSource(props);
  return buildDashboard(AppsScriptDashboard.active(), props, {
    locale,
    today,
    updatedAt: formatMoment(now, locale),
    daily,
    stocks: stocks || [],
    // Without any snapshot the stock is unknown, not zero: no forecast lines then.
    recentOrders: !stocks ? [] : bq ? orNull(() => bq.recentOrders(today, 30)) || [] : loadRecentOrders(gateway, today, 30),
    reportCheck: (from, to) => loadReportCheck(gateway, from, to, bq ? (ids) => orNull(() => bq.realizationSums({ reportIds: ids })) : undefined),
    profit: {
      settings: loadSettings(PropertiesStore.document()),
      sources: { paidStorage: !!gateway.findSheetByTag(TABLE_TAG, PAID_STORAGE.id), paidAcceptance: !!gateway.findSheetByTag(TABLE_TAG, PAID_ACCEPTANCE.id) },
    },
    sourceTotals: (from, to) => loadSourceTotals(gateway, from, to, bq ? () => orNull(() => bq.realizationSums({ from, to })) : undefined),
    commissionCheck: (from, to) => loadCommissionCheck(gateway, props, from, to, bq ? () => orNull(() => bq.commissionRows(from, to)) : undefined),
  });
}

/** After a refresh: only when the seller has built the dashboard once. */
export function rebuildDashboardIfPresent(): void {
  if (AppsScriptDashboard.active().findSheet(DASHBOARD_TAG, 'overview')) buildDashboardSheets();
}

/** Menu: Build dashboard. */
export function buildDashboardNow(): { ok: boolean; message: string } {
  const locale = userLocale();
  const t = texts(locale);
  const lock = new DocumentLock();
  if (!lock.tryLock(1000)) return { ok: false, message: t.syncRunning };
  try {
    const result = buildDashboardSheets();
    const gateway = AppsScriptSpreadsheet.active();
    const d = dashboardTexts(locale);
    const message = result ? d.built(result.sheets.join(', ')) : d.noData;
    gateway.toast(message, t.sidebarTitle);
    return { ok: !!result, message };
  } finally {
    lock.release();
  }
}
