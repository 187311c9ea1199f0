/**
 * What each menu item, sidebar call and custom function does, composed from the
 * adapters. main.ts exposes these as top-level functions, one line each.
 */
import { AppsScriptSpreadsheet } from '../gas/spreadsheet';
import { DocumentLock, PropertiesStore, appsScriptClock, appsScriptHttp, userLocale } from '../gas/services';
import { addonMenu, showSidebarPanel } from '../gas/ui';
import { FormulaContext, wbRevenue, wbSales } from '../formulas/sales-functions';
import { REPORT_ORDER } from '../reports';
import { SALES } from '../reports/sales';
import { ReportId } from '../reports/types';
import { SheetTable } from '../store/table';
import { CredentialStore } from '../sync/credentials';
import { LAST_SYNC_PROPERTY, SyncResult, syncReports } from '../sync/engine';
import { SaveKeyResponse, SidebarState, SyncResponse } from './contract';
import { Locale, sidebarLabels, texts } from './i18n';
import { describeKey, formatDay } from './key-status';
import { formatWall, instantToMoscowWall } from '../wb/moscow-time';

function credentials(gateway: AppsScriptSpreadsheet): CredentialStore {
  return new CredentialStore(PropertiesStore.user(), gateway.id());
}

export function onOpen(): void {
  const t = texts(userLocale());
  addonMenu([
    { caption: t.menuSettings, functionName: 'showSidebar' },
    { caption: t.menuSyncAll, functionName: 'syncAllNow' },
    { caption: t.menuSyncOrders, functionName: 'syncOrdersNow' },
    { caption: t.menuSyncSales, functionName: 'syncSalesNow' },
  ]);
}

export function showSidebar(): void {
  showSidebarPanel('Sidebar', texts(userLocale()).sidebarTitle);
}

function formatMoment(epochMs: number, locale: Locale): string {
  return formatDay(epochMs, locale) + ' ' + formatWall(instantToMoscowWall(epochMs)).slice(11, 16) + (locale === 'ru' ? ' МСК' : ' MSK');
}

export function getSidebarState(): SidebarState {
  const locale = userLocale();
  const gateway = AppsScriptSpreadsheet.active();
  const store = credentials(gateway);
  const creds = store.load();
  const now = appsScriptClock.now();
  let lastSync: SidebarState['lastSync'] = null;
  try {
    const raw = PropertiesStore.document().get(LAST_SYNC_PROPERTY);
    if (raw) {
      const parsed = JSON.parse(raw);
      lastSync = { at: formatMoment(parsed.at, locale), ok: !!parsed.ok, message: String(parsed.message || '') };
    }
  } catch {
    lastSync = null;
  }
  return {
    locale,
    labels: sidebarLabels(locale),
    key: creds ? describeKey(creds.info, store.masked() as string, now, locale) : null,
    lastSync,
  };
}

export function saveKey(raw: string): SaveKeyResponse {
  const locale = userLocale();
  const t = texts(locale);
  const gateway = AppsScriptSpreadsheet.active();
  const result = credentials(gateway).save(String(raw == null ? '' : raw), appsScriptClock.now());
  let message: string = t.keySaved;
  if (!result.ok) {
    const messages: Record<string, string> = {
      empty: t.keyEmpty,
      not_jwt: t.keyNotJwt,
      not_wb: t.keyNotWb,
      old_format: t.keyOldFormat,
      expired: t.keyExpired(result.expiresAt ? formatDay(result.expiresAt, locale) : ''),
    };
    message = messages[result.problem];
  }
  return { ok: result.ok, message, state: getSidebarState() };
}

export function removeKey(): SidebarState {
  credentials(AppsScriptSpreadsheet.active()).remove();
  return getSidebarState();
}

function runSync(ids: ReportId[]): SyncResponse {
  const locale = userLocale();
  const gateway = AppsScriptSpreadsheet.active();
  const result: SyncResult = syncReports(ids, {
    gateway,
    documentProps: PropertiesStore.document(),
    credentials: credentials(gateway),
    http: appsScriptHttp,
    clock: appsScriptClock,
    lock: new DocumentLock(),
    locale,
    progress: (message) => gateway.toast(message, texts(locale).sidebarTitle),
  });
  gateway.toast(result.message, texts(locale).syncDone);
  return { ok: result.ok, busy: result.busy, message: result.message, state: getSidebarState() };
}

export const syncAllNow = (): SyncResponse => runSync(REPORT_ORDER);
export const syncOrdersNow = (): SyncResponse => runSync(['orders']);
export const syncSalesNow = (): SyncResponse => runSync(['sales']);

function formulaContext(): FormulaContext {
  const gateway = AppsScriptSpreadsheet.active();
  const zone = gateway.zoneConverter();
  return {
    locale: userLocale(),
    toSerial: (d) => zone.dateToSerial(d),
    loadSales: () => {
      const table = SheetTable.find(gateway, SALES);
      if (!table) return null;
      const locale = userLocale();
      for (const id of ['date', 'saleID']) {
        const column = SALES.columns.find((c) => c.id === id);
        if (column && !table.hasColumn(id)) throw new Error(texts(locale).fnMissingColumn(table.sheetName(), locale === 'ru' ? column.ru : column.en));
      }
      return table.readRows();
    },
  };
}

export function WB_SALES(article: unknown, from?: unknown, to?: unknown) {
  return wbSales(formulaContext(), article, from, to);
}

export function WB_REVENUE(article: unknown, from?: unknown, to?: unknown, price?: unknown) {
  return wbRevenue(formulaContext(), article, from, to, price);
}
