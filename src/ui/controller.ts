/**
 * What each menu item, sidebar call and custom function does, composed from the
 * adapters. main.ts exposes these as top-level functions, one line each.
 */
import { AppsScriptSpreadsheet } from '../gas/spreadsheet';
import { DocumentLock, ProgressBoard, PropertiesStore, appsScriptClock, appsScriptHttp, userLocale } from '../gas/services';
import { addonMenu, showSidebarPanel } from '../gas/ui';
import { rebuildDashboardIfPresent } from './dashboard-entry';
import { formulaCellsFor } from '../gas/formula-cells';
import { refreshFormulaCells } from '../sync/formula-refresh';
import { REPORTS, REPORT_ORDER } from '../reports';
import { REFUSED as SEARCH_REFUSED } from '../sync/strategy-search';
import { ReportId } from '../reports/types';
import { CredentialStore, KeyRefusal, MAX_KEYS, SELLER_PROPERTY } from '../sync/credentials';
import { LAST_SYNC_PROPERTY, SyncResult, syncReports } from '../sync/engine';
import { PropertyRateBook } from '../sync/rate-book';
import { keyServes } from '../sync/routing';
import { SyncSettings, loadSettings, saveSettings as storeSettings } from '../sync/settings';
import { rereadRealization } from '../sync/strategies';
import { SCHEDULE_HANDLER, Schedule, applySchedule, loadSchedule, nextRunAt } from '../sync/schedule';
import { appsScriptTriggers } from '../gas/triggers';
import { recordTriggerTime, triggerTimeLeft, triggerUsage } from '../sync/trigger-budget';
import { WbClient } from '../wb/client';
import { ENDPOINTS, hostFor } from '../wb/endpoints';
import { KeyInfo } from '../wb/token';
import { SaveKeyResponse, SidebarState, SyncResponse } from './contract';
import { sidebarLabels, texts } from '../texts/i18n';
import { describeKey, expiryBanners, reportMatrix } from './key-status';
import { formatDay, formatMoment } from '../texts/format';
import { profitLabels } from '../texts/profit-texts';
import { StorageResponse, bigQueryFor, checkStorageChoice, saveStorageChoice, storageView } from './storage-entry';
import type { StorageSettings } from '../bigquery/settings';
import type { StorageCheck } from '../bigquery/check';

function context() {
  const documentProps = PropertiesStore.document();
  // The document's properties remember which sheet is which (one call to find it again).
  const gateway = AppsScriptSpreadsheet.active(documentProps);
  const credentials = new CredentialStore(PropertiesStore.user(), documentProps, gateway.id());
  const client = new WbClient(appsScriptHttp, appsScriptClock, new PropertyRateBook(documentProps));
  return { gateway, documentProps, credentials, client, locale: userLocale() };
}

export function onOpen(): void {
  const t = texts(userLocale());
  addonMenu([
    { caption: t.menuSettings, functionName: 'showSidebar' },
    { caption: t.menuSyncAll, functionName: 'syncAllNow' },
    { caption: t.menuSyncOrders, functionName: 'syncOrdersNow' },
    { caption: t.menuSyncSales, functionName: 'syncSalesNow' },
    { caption: t.menuSyncStocks, functionName: 'syncStocksNow' },
    { caption: t.menuSyncSupplies, functionName: 'syncSuppliesNow' },
    { caption: t.menuSyncRealization, functionName: 'syncRealizationNow' },
    { caption: t.menuSyncAds, functionName: 'syncAdsNow' },
    { caption: t.menuSyncPaid, functionName: 'syncPaidNow' },
    { caption: t.menuDashboard, functionName: 'buildDashboardNow' },
  ]);
}

export function showSidebar(): void {
  showSidebarPanel('Sidebar', texts(userLocale()).sidebarTitle);
}

export function getSidebarState(ctx: ReturnType<typeof context> = context()): SidebarState {
  const { gateway, documentProps, credentials, locale } = ctx;
  // The buckets as they are now: a refresh this execution ran has spent some since ctx was made.
  const client = new WbClient(appsScriptHttp, appsScriptClock, new PropertyRateBook(documentProps));
  const keys = credentials.list();
  const now = appsScriptClock.now();
  let lastSync: SidebarState['lastSync'] = null;
  let lastAt: number | null = null;
  try {
    const raw = documentProps.get(LAST_SYNC_PROPERTY);
    if (raw) {
      const parsed = JSON.parse(raw);
      lastAt = Number(parsed.at);
      lastSync = { at: formatMoment(parsed.at, locale), ok: !!parsed.ok, message: String(parsed.message || ''), scheduled: !!parsed.scheduled };
    }
  } catch {
    lastSync = null;
  }
  const schedule = loadSchedule(PropertiesStore.user(), gateway.id());
  const active = appsScriptTriggers.count(SCHEDULE_HANDLER) > 0;
  const next = active ? nextRunAt(schedule, lastAt, now) : null;
  const L = sidebarLabels(locale);
  return {
    locale,
    labels: L,
    profitLabels: profitLabels(locale),
    keys: keys.map((k) => describeKey(k, now, locale)),
    matrix: reportMatrix(
      keys,
      now,
      locale,
      (report, key) => client.waitMs(ENDPOINTS[REPORTS[report as ReportId].endpoint], key),
      (report) => (report === 'search' && documentProps.get('wb.state.' + SEARCH_REFUSED) ? texts(locale).searchNeedsJam : null),
    ),
    banners: expiryBanners(keys, now, locale),
    settings: loadSettings(documentProps),
    schedule: { ...schedule, active, next: next === null ? L.scheduleOff : texts(locale).nextRunAbout(formatMoment(next, locale)) },
    lastSync,
    storage: storageView(documentProps, locale),
  };
}

/** The hosts a key will be used on: one /ping each checks it there. */
function hostsFor(info: KeyInfo): string[] {
  const hosts = new Set<string>();
  for (const id of REPORT_ORDER) {
    if (keyServes(info, id)) hosts.add(hostFor(ENDPOINTS[REPORTS[id].endpoint], info.sandbox));
  }
  return Array.from(hosts);
}

export function saveKey(raw: string): SaveKeyResponse {
  const { credentials, client, locale } = context();
  const t = texts(locale);
  const now = appsScriptClock.now();
  const refuse = (message: string): SaveKeyResponse => ({ ok: false, message, state: getSidebarState() });
  const checked = credentials.check(String(raw == null ? '' : raw), now);
  if (!checked.ok) {
    // Every refusal has its text: an undefined message would reach the sidebar as no message at all.
    const messages: Record<KeyRefusal, string> = {
      empty: t.keyEmpty,
      not_jwt: t.keyNotJwt,
      not_wb: t.keyNotWb,
      old_format: t.keyOldFormat,
      expired: t.keyExpired(checked.expiresAt ? formatDay(checked.expiresAt, locale) : ''),
      other_seller: t.keyOtherSeller,
      duplicate: t.keyDuplicate,
    };
    return refuse(messages[checked.problem]);
  }
  if (credentials.list().length >= MAX_KEYS) return refuse(t.keyTooMany);
  const pings = client.ping(checked.key, hostsFor(checked.info));
  const results = Object.keys(pings).map((host) => pings[host]);
  if (results.indexOf('refused') >= 0) return refuse(t.keyRefusedByWb);
  credentials.save(checked.key, checked.info, now);
  const notes = [t.keySavedChecked];
  const scoped = Object.keys(pings).filter((h) => pings[h] === 'scope');
  if (scoped.length) notes.push(t.keyPingScope(scoped.join(', ')));
  if (results.some((r) => r === 'unreachable' || r === 'skipped')) notes[0] = t.keySaved + ' ' + t.keyPingUnchecked;
  return { ok: true, message: notes.join(' '), state: getSidebarState() };
}

export function removeKey(slot: string): SidebarState {
  const { documentProps, credentials } = context();
  const keys = credentials.list();
  const target = slot ? slot : keys.length === 1 ? keys[0].slot : '';
  if (target) credentials.remove(String(target));
  // With no key left and nothing synced, the document is free for another seller.
  const synced = documentProps.keys().some((k) => k.indexOf('wb.cursor.') === 0 || k.indexOf('wb.state.') === 0 || k === 'wb.stocks.snapshotAt');
  if (!credentials.list().length && !synced) documentProps.remove(SELLER_PROPERTY);
  return getSidebarState();
}

export function saveSettings(settings: Partial<SyncSettings>): SidebarState {
  const props = PropertiesStore.document();
  const before = loadSettings(props);
  const after = storeSettings(props, settings || {});
  if (after.realizationAllFields && !before.realizationAllFields) rereadRealization(props);
  if (after.taxRegime !== before.taxRegime || after.taxRate !== before.taxRate || after.otherCostPerUnit !== before.otherCostPerUnit) profitInputsChanged(props);
  return getSidebarState();
}

/**
 * Profit depends on the tax settings, which are no formula's argument: the WB_ formulas
 * are entered again and the dashboard rebuilt (when it exists), under the refresh lock;
 * a refresh running now does both at its end anyway.
 */
function profitInputsChanged(props: PropertiesStore): void {
  const lock = new DocumentLock();
  if (!lock.tryLock(1000)) return;
  try {
    const gateway = AppsScriptSpreadsheet.active(props);
    refreshFormulaCells(true, { gateway, documentProps: props, clock: appsScriptClock, formulaCells: formulaCellsFor(gateway) }, appsScriptClock.now());
    rebuildDashboardIfPresent();
  } finally {
    lock.release();
  }
}

/** «Хранилище» → Сохранить: BigQuery storage on or off (asks for the BigQuery scope only when turned on). */
export function saveStorage(settings: Partial<StorageSettings>): StorageResponse & { state: SidebarState } {
  const ctx = context();
  const r = saveStorageChoice(settings, { props: ctx.documentProps, gateway: ctx.gateway, locale: ctx.locale });
  return { ...r, state: getSidebarState(ctx) };
}

/** «Хранилище» → Проверить: whether the project is reachable and what is missing, in plain words. */
export function checkStorage(settings: Partial<StorageSettings>): StorageCheck {
  return checkStorageChoice(settings, { locale: userLocale() });
}

/** The progress of a refresh running now (for the sidebar to poll), or null. */
export function getProgress(): { message: string } | null {
  const p = new ProgressBoard().read();
  return p ? { message: p.message } : null;
}

/** The sidebar's state comes back only to a seller's action: nobody reads a scheduled run's. */
function runSync(ids: ReportId[], scheduled = false): SyncResponse {
  const ctx = context();
  const response = refresh(ids, ctx, scheduled);
  return { ...response, state: getSidebarState(ctx) };
}

/**
 * Progress toasts (each a spreadsheet call, and each replaces the last on screen): a
 * report's start at most one a second, so reports with nothing new pass without one;
 * its pages at most one every few seconds.
 */
const TOAST_START_EVERY_MS = 1000;
const TOAST_EVERY_MS = 3000;

function refresh(ids: ReportId[], ctx: ReturnType<typeof context>, scheduled: boolean): Omit<SyncResponse, 'state'> {
  const { gateway, documentProps, credentials, locale } = ctx;
  const board = new ProgressBoard();
  const userProps = PropertiesStore.user();
  const startedAt = appsScriptClock.now();
  let lastToast = -Infinity;
  let budgetMs: number | undefined;
  if (scheduled) {
    const left = triggerTimeLeft(userProps, startedAt);
    if (left < 30000) {
      const message = texts(locale).triggerQuota(Math.round(triggerUsage(userProps, startedAt).usedMs / 60000));
      documentProps.set(LAST_SYNC_PROPERTY, JSON.stringify({ at: startedAt, ok: false, message, scheduled: true }));
      return { ok: false, busy: false, message };
    }
    budgetMs = Math.min(270000, left - 30000);
  }
  const result: SyncResult = syncReports(ids, {
    budgetMs,
    gateway,
    documentProps,
    credentials,
    http: appsScriptHttp,
    clock: appsScriptClock,
    lock: new DocumentLock(),
    locale,
    scheduled,
    bigquery: bigQueryFor(documentProps),
    dashboard: rebuildDashboardIfPresent,
    formulaCells: formulaCellsFor(gateway),
    progress: (message, kind) => {
      const now = appsScriptClock.now();
      board.post(message, now);
      // Nobody watches a scheduled run: its result goes to the sidebar and the run log.
      // A toast is a spreadsheet call: each report's start is shown, its pages at most every few seconds.
      if (!scheduled && now - lastToast >= (kind === 'start' ? TOAST_START_EVERY_MS : TOAST_EVERY_MS)) {
        gateway.toast(message, texts(locale).sidebarTitle);
        lastToast = now;
      }
    },
  });
  board.clear();
  if (scheduled) recordTriggerTime(userProps, startedAt, appsScriptClock.now());
  else gateway.toast(result.message, texts(locale).syncDone);
  return { ok: result.ok, busy: result.busy, message: result.message };
}

/** The time-driven trigger's handler. */
export function scheduledSync(): void {
  refresh(REPORT_ORDER, context(), true);
}

export function saveSchedule(schedule: Partial<Schedule>): SidebarState {
  applySchedule(schedule || {}, PropertiesStore.user(), AppsScriptSpreadsheet.active().id(), appsScriptTriggers);
  return getSidebarState();
}

export const syncAllNow = (): SyncResponse => runSync(REPORT_ORDER);
export const syncOrdersNow = (): SyncResponse => runSync(['orders']);
export const syncSalesNow = (): SyncResponse => runSync(['sales']);
export const syncStocksNow = (): SyncResponse => runSync(['stocks']);
export const syncSuppliesNow = (): SyncResponse => runSync(['supplies']);
export const syncRealizationNow = (): SyncResponse => runSync(['realization']);
export const syncAdsNow = (): SyncResponse => runSync(['ads']);
export const syncPaidNow = (): SyncResponse => runSync(['paidStorage', 'acceptance']);

export { buildDashboardNow } from './dashboard-entry';
export { WB_SALES, WB_REVENUE, WB_ORDERS, WB_RETURNS, WB_STOCK, WB_PAYOUT, WB_COSTS, WB_SUMMARY, WB_RATING, WB_REVIEWS, WB_UNANSWERED, WB_FUNNEL, WB_POSITION, WB_VISIBILITY, WB_ADS } from './formula-entry';
export { WB_PROFIT, WB_MARGIN, WB_ROI } from './formula-entry';

