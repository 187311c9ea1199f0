/**
 * Advertising: the campaign list, then each campaign's statistics in windows WB accepts
 * (at most 50 campaigns and 31 days a request), then the charges (upd) in windows of 31
 * days, then the reconciliation of the two per campaign and day.
 *
 * Every campaign has its own cursor: the first day whose statistics are not yet final
 * in the sheet. A window starts at the earliest cursor of the campaigns due and takes up
 * to 50 of those due in it. The last days (REREAD_DAYS) are read again on every refresh:
 * WB attributes orders and finishes the day's spend late. A paused or finished campaign
 * is due until its cursor passes the day it stopped (plus the same settling days), so
 * its history stays and costs nothing afterwards. Cursors move only after the rows are
 * in the sheet: a killed refresh reads the same window again (rows are upserted by
 * day, campaign and article, never doubled).
 */
import type { ReportRun } from './engine';
import { ADS_SPEND, CampaignInfo, STATS_STATUSES, adRows, chargeRows, moscowDay, spendRows } from '../reports/ads';
import { nmArticles } from './nm-articles';
import type { RequestParts } from '../wb/client';
import { ENDPOINTS, Endpoint } from '../wb/endpoints';
import { SheetTable } from '../store/table';
import { Cell } from '../gas/types';
import { instantToMoscowWall, formatWallDay } from '../wb/moscow-time';
import { RETENTION_DAYS } from './strategy-base';

const DAY_MS = 86400000;
/** Days WB may still change: read again on every refresh. */
export const REREAD_DAYS = 3;
/** WB's largest window: 31 days, both ends included. */
export const WINDOW_DAYS = 31;
export const MAX_IDS = 50;

const CURSORS = 'adsCursors';
const UPD_CURSOR = 'adsUpdCursor';
/** Days of the charges sheet written but not yet loaded into BigQuery: {from, to}, day numbers. */
const WAREHOUSE_SPAN = 'adsSpendToWarehouse';

/** The day number (days since 1970) of a sheet date serial; NaN for anything else. */
function sheetDay(serial: Cell | undefined): number {
  return typeof serial === 'number' ? Math.floor(serial + 1e-9) - 25569 : NaN;
}

export function dayNumber(day: string): number {
  return Math.floor(Date.parse(day + 'T00:00:00Z') / DAY_MS);
}

export function dayText(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

export interface Campaign {
  advertId: number;
  status: number;
  /** Moscow day of the last change (a pause or finish happened then) */
  changed: number;
}

/** Campaigns of `/adv/v1/promotion/count`, every type and status. */
export function listCampaigns(answer: Record<string, unknown> | null): Campaign[] {
  const out: Campaign[] = [];
  const groups = answer && Array.isArray(answer.adverts) ? (answer.adverts as Record<string, unknown>[]) : [];
  for (const g of groups) {
    for (const a of Array.isArray(g.advert_list) ? (g.advert_list as Record<string, unknown>[]) : []) {
      if (typeof a.advertId !== 'number') continue;
      const day = typeof a.changeTime === 'string' ? moscowDay(a.changeTime) : null;
      out.push({ advertId: a.advertId, status: Number(g.status), changed: day ? dayNumber(day) : 0 });
    }
  }
  return out.sort((a, b) => a.advertId - b.advertId);
}

/** The last day a campaign's statistics may still change: today while it runs, else a few days after it stopped. */
export function lastDay(c: Campaign, today: number): number {
  return c.status === 9 ? today : Math.min(today, c.changed + REREAD_DAYS - 1);
}

/** Where a cursor goes once a window ending at `end` is in the sheet: never back, never into the days still settling. */
export function advance(cursor: number, end: number, today: number): number {
  return Math.max(cursor, Math.min(end + 1, today - REREAD_DAYS + 1));
}

export interface Window {
  ids: number[];
  begin: number;
  end: number;
}

/**
 * The next statistics request: the earliest cursor among the campaigns due begins it,
 * 31 days at most, and up to 50 campaigns due within it (lowest cursors first).
 */
export function nextWindow(campaigns: Campaign[], cursors: Record<string, number>, first: number, today: number, readTo: Record<string, number> = {}): Window | null {
  const due = campaigns
    .filter((c) => STATS_STATUSES.indexOf(c.status) >= 0)
    // Days this run already read are not read again in it (the settling days stay behind the cursor).
    .map((c) => ({ c, cursor: Math.max(cursors[String(c.advertId)] ?? first, (readTo[String(c.advertId)] ?? -Infinity) + 1) }))
    .filter((x) => x.cursor <= lastDay(x.c, today))
    .sort((a, b) => a.cursor - b.cursor || a.c.advertId - b.c.advertId);
  if (!due.length) return null;
  const begin = due[0].cursor;
  const end = Math.min(today, begin + WINDOW_DAYS - 1);
  const ids = due.filter((x) => x.cursor <= end).slice(0, MAX_IDS).map((x) => x.c.advertId);
  return { ids, begin, end };
}

function today(run: ReportRun): number {
  return dayNumber(formatWallDay(instantToMoscowWall(run.now())));
}

function countParts(): RequestParts {
  return { query: {} };
}

/** The request syncAds sends first: the campaign list. */
export function firstAdsRequest(): { endpoint: Endpoint; parts: RequestParts } {
  return { endpoint: ENDPOINTS.adsCount, parts: countParts() };
}

function campaignInfo(answer: Record<string, unknown> | null): Map<number, CampaignInfo> {
  const out = new Map<number, CampaignInfo>();
  for (const a of answer && Array.isArray(answer.adverts) ? (answer.adverts as Record<string, unknown>[]) : []) {
    if (typeof a.id !== 'number') continue;
    const settings = (a.settings || {}) as Record<string, unknown>;
    out.set(a.id, {
      advertId: a.id,
      name: typeof settings.name === 'string' ? settings.name : '',
      paymentType: typeof settings.payment_type === 'string' ? settings.payment_type : '',
      status: Number(a.status),
    });
  }
  return out;
}

export function syncAds(run: ReportRun): void {
  syncCampaigns(run);
  spendToWarehouse(run);
}

function syncCampaigns(run: ReportRun): void {
  const now = today(run);
  const first = now - RETENTION_DAYS + 1;
  // A sheet the seller deleted is loaded again from the start.
  if (run.sheetMissing()) run.setState(CURSORS, null);
  if (run.sheetMissing(ADS_SPEND)) run.setState(UPD_CURSOR, null);

  const count = ENDPOINTS.adsCount;
  if (!run.waitFor(count, undefined, countParts())) return;
  const campaigns = listCampaigns(run.client.fetchObject(count, run.creds, countParts()));
  const cursors: Record<string, number> = run.state<Record<string, number>>(CURSORS) || {};
  // Forget campaigns WB no longer lists (deleted): their rows stay, their cursors go.
  for (const id of Object.keys(cursors)) if (!campaigns.some((c) => String(c.advertId) === id)) delete cursors[id];

  let codes: Map<number, string> | null = null;
  let page = 0;
  const readTo: Record<string, number> = {};
  for (let w = nextWindow(campaigns, cursors, first, now); w; w = nextWindow(campaigns, cursors, first, now, readTo)) {
    const ids = w.ids.join(',');
    const detailsParts: RequestParts = { query: { ids } };
    const statsParts: RequestParts = { query: { ids, beginDate: dayText(w.begin), endDate: dayText(w.end) } };
    if (!run.hasTime() || !run.waitFor(ENDPOINTS.adsAdverts, undefined, detailsParts)) return;
    // Both requests must be allowed before the first goes: names without statistics are worth nothing.
    if (run.client.waitMs(ENDPOINTS.adsFullstats, run.creds, statsParts) > 60000 && !run.waitFor(ENDPOINTS.adsFullstats, undefined, statsParts)) return;
    const info = campaignInfo(run.client.fetchObject(ENDPOINTS.adsAdverts, run.creds, detailsParts));
    if (!run.waitFor(ENDPOINTS.adsFullstats, undefined, statsParts)) return;
    const stats = run.client.fetchRows(ENDPOINTS.adsFullstats, run.creds, statsParts);
    if (codes === null) codes = nmArticles(run.deps.gateway);
    const rows = adRows(stats, info, codes);
    run.upsert(rows);
    writeSpend(run, spendRows(rows), ['campaignName', 'statsSpend']);
    for (const id of w.ids) {
      cursors[String(id)] = advance(cursors[String(id)] ?? first, w.end, now);
      readTo[String(id)] = w.end;
    }
    run.setState(CURSORS, cursors);
    run.progress(++page);
  }

  // Charges: one cursor for the whole account.
  let upd = run.state<number>(UPD_CURSOR) ?? first;
  while (upd <= now) {
    const end = Math.min(now, upd + WINDOW_DAYS - 1);
    const parts: RequestParts = { query: { from: dayText(upd), to: dayText(end) } };
    if (!run.hasTime() || !run.waitFor(ENDPOINTS.adsUpd, undefined, parts)) break;
    const docs = run.client.fetchRows(ENDPOINTS.adsUpd, run.creds, parts);
    writeSpend(run, chargeRows(docs), ['charged']);
    const next = advance(upd, end, now);
    run.setState(UPD_CURSOR, next);
    if (end >= now) break;
    upd = next;
  }
  reconcile(run, run.state<number>(UPD_CURSOR) ?? first, now);
}

/** Writes some columns of the campaign-day rows (the others keep what they hold). */
function writeSpend(run: ReportRun, rows: Record<string, unknown>[], columns: string[]): void {
  if (!rows.length) return;
  noteForWarehouse(run, rows.map((r) => dayNumber(String(r.day))));
  const table = run.table(ADS_SPEND);
  const r = table.upsert(run.records(rows, ADS_SPEND), columns);
  if (r.cellsWritten) run.deps.gateway.flush();
}

/**
 * The difference per campaign and day: charged − spend per statistics, for the days the
 * charges have been read for (a day without a charge then counts as 0 charged).
 */
function reconcile(run: ReportRun, updCursor: number, now: number): void {
  const table = SheetTable.find(run.deps.gateway, ADS_SPEND);
  if (!table) return;
  const rows = table.readRows();
  const changed: Record<string, Cell>[] = [];
  // Caught up: the charges were read through today; else through the day before the cursor.
  const readUntil = updCursor >= now - REREAD_DAYS + 1 ? now : updCursor - 1;
  for (const r of rows) {
    if (typeof r.day !== 'number' || typeof r.advertId !== 'number') continue;
    const day = sheetDay(r.day);
    if (day > readUntil) continue;
    const kop = (v: Cell) => (typeof v === 'number' ? Math.round(v * 100) : 0);
    const diff = (kop(r.charged) - kop(r.statsSpend)) / 100;
    if (typeof r.difference === 'number' && Math.round(r.difference * 100) === Math.round(diff * 100)) continue;
    changed.push({ ...r, difference: diff });
  }
  if (!changed.length) return;
  noteForWarehouse(run, changed.map((r) => sheetDay(r.day)));
  table.upsert(changed, ['difference']);
  run.deps.gateway.flush();
}

/**
 * The charges sheet is written a few columns at a time (spend, then charges, then the
 * difference), so BigQuery gets whole rows once a run: those of the days written. The
 * days are saved before the sheet write, so the days of a run killed before its load
 * are loaded by the next run (the view keeps the newest copy of a campaign-day).
 */
function noteForWarehouse(run: ReportRun, days: number[]): void {
  if (!run.deps.warehouse || !days.length) return;
  const span = run.state<{ from: number; to: number }>(WAREHOUSE_SPAN);
  const from = Math.min(span ? span.from : Infinity, ...days);
  const to = Math.max(span ? span.to : -Infinity, ...days);
  if (!span || from !== span.from || to !== span.to) run.setState(WAREHOUSE_SPAN, { from, to });
}

/** Loads the charges sheet's rows of the days written since the last load (a failed load marks the table behind: sync-hook.ts). */
function spendToWarehouse(run: ReportRun): void {
  const span = run.state<{ from: number; to: number }>(WAREHOUSE_SPAN);
  if (!span || !run.deps.warehouse) return;
  const table = SheetTable.find(run.deps.gateway, ADS_SPEND);
  if (table) {
    const rows = table.readRows().filter((r) => sheetDay(r.day) >= span.from && sheetDay(r.day) <= span.to);
    run.toWarehouse(rows, ADS_SPEND);
  }
  run.setState(WAREHOUSE_SPAN, null);
}
