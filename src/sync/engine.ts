/**
 * Brings reports up to date: for each report, pages from the saved cursor
 * (lastChangeDate) forward, upserts rows by key, and moves the cursor only after the
 * rows are written and flushed. A report that fails leaves its sheet and cursor as
 * they were; the others go on.
 */
import { Clock, Http, KeyValueStore, Lock, SpreadsheetGateway } from '../gas/types';
import { REPORTS } from '../reports';
import { ReportId, ReportSpec } from '../reports/types';
import { SheetTable } from '../store/table';
import { Locale, categoryName, texts } from '../ui/i18n';
import { WbClient, Credentials } from '../wb/client';
import { ENDPOINTS, Endpoint } from '../wb/endpoints';
import { WbError } from '../wb/errors';
import { formatWallDay, instantToMoscowWall, parseWbMoscow } from '../wb/moscow-time';
import { formatDay } from '../ui/key-status';
import { hasCategory } from '../wb/token';
import { CredentialStore } from './credentials';
import { PropertyRateBook } from './rate-book';

export interface SyncDeps {
  gateway: SpreadsheetGateway;
  documentProps: KeyValueStore;
  credentials: CredentialStore;
  http: Http;
  clock: Clock;
  lock: Lock;
  locale: Locale;
  /** Stop starting new pages after this much time in the execution. */
  budgetMs?: number;
  /** Longest wait for a rate bucket worth sleeping through inside one execution. */
  maxWaitMs?: number;
  /** Told what is being loaded (the menu shows it as a toast). */
  progress?: (message: string) => void;
}

export type OutcomeStatus = 'done' | 'partial' | 'deferred' | 'error';

export interface ReportOutcome {
  report: ReportId;
  status: OutcomeStatus;
  added: number;
  updated: number;
  requests: number;
  message: string;
}

export interface SyncResult {
  ok: boolean;
  busy: boolean;
  outcomes: ReportOutcome[];
  message: string;
}

const DAY_MS = 86400000;
/** WB keeps orders and sales for 90 days. */
export const RETENTION_DAYS = 90;
const DEFAULT_BUDGET_MS = 270000;
const DEFAULT_MAX_WAIT_MS = 65000;

export function cursorProperty(id: ReportId): string {
  return 'wb.cursor.' + id;
}
export const LAST_SYNC_PROPERTY = 'wb.lastSync';

export function syncReports(ids: ReportId[], deps: SyncDeps): SyncResult {
  const t = texts(deps.locale);
  if (!deps.lock.tryLock(1000)) return { ok: false, busy: true, outcomes: [], message: t.syncRunning };
  try {
    const started = deps.clock.now();
    const creds = deps.credentials.load();
    const client = new WbClient(deps.http, deps.clock, new PropertyRateBook(deps.documentProps));
    const outcomes = ids.map((id) => syncOne(REPORTS[id], creds, client, deps, started));
    const lines = outcomes.map((o) => o.message);
    const result: SyncResult = {
      ok: outcomes.every((o) => o.status !== 'error'),
      busy: false,
      outcomes,
      message: lines.join('\n'),
    };
    deps.documentProps.set(LAST_SYNC_PROPERTY, JSON.stringify({ at: deps.clock.now(), ok: result.ok, message: result.message }));
    return result;
  } finally {
    deps.lock.release();
  }
}

function errorMessage(error: WbError, spec: ReportSpec, endpoint: Endpoint, locale: Locale): string {
  const t = texts(locale);
  const title = spec.title[locale];
  switch (error.kind) {
    case 'unauthorized':
      return t.errUnauthorized(title);
    case 'scope':
      return t.errScope(title, categoryName(endpoint.category, locale));
    case 'rate':
      return t.errRate(title, Math.max(1, Math.ceil((error.retryAfterMs || 60000) / 60000)));
    case 'server':
      return t.errServer(title);
    case 'network':
      return t.errNetwork(title);
    case 'too_large':
      return t.errTooLarge(title);
    case 'gone':
      return t.errGone(title);
    case 'bad_body':
      return t.errBadBody(title);
    default:
      return t.errBadRequest(title, error.detail || String(error.status));
  }
}

/**
 * A failure outside WB (the spreadsheet refused a write, say) stops this report only.
 * The platform's own kill is not ours to catch: Apps Script ends the execution anyway.
 */
function unexpectedMessage(e: unknown, title: string, locale: Locale): string {
  const text = String((e && (e as Error).message) || e);
  if (/Exceeded maximum execution time/i.test(text)) throw e;
  const t = texts(locale);
  if (/limit of 10000000 cells/i.test(text)) return t.errSheetFull(title);
  return t.errUnexpected(title, text.slice(0, 200));
}

function syncOne(spec: ReportSpec, creds: Credentials | null, client: WbClient, deps: SyncDeps, started: number): ReportOutcome {
  const t = texts(deps.locale);
  const title = spec.title[deps.locale];
  const endpoint = ENDPOINTS[spec.endpoint];
  const outcome: ReportOutcome = { report: spec.id, status: 'done', added: 0, updated: 0, requests: 0, message: '' };
  const fail = (message: string): ReportOutcome => ({ ...outcome, status: 'error', message });
  if (!creds) return fail(t.noKey);
  const now = deps.clock.now();
  if (creds.info.expiresAt !== null && creds.info.expiresAt <= now) {
    return fail(t.keyExpiredStored(formatDay(creds.info.expiresAt, deps.locale)));
  }
  if (!hasCategory(creds.info, endpoint.category)) {
    return fail(title + ': ' + t.needsCategory(categoryName(endpoint.category, deps.locale)) + '. ' + t.keyNoStatistics);
  }

  const budget = deps.budgetMs ?? DEFAULT_BUDGET_MS;
  const maxWait = deps.maxWaitMs ?? DEFAULT_MAX_WAIT_MS;
  let table: SheetTable | null = null;
  let cursor = deps.documentProps.get(cursorProperty(spec.id)) || formatWallDay(instantToMoscowWall(now) - RETENTION_DAYS * DAY_MS);
  const requestsBefore = client.requestCount;

  if (deps.progress) deps.progress(t.syncProgress(title));
  try {
    for (;;) {
      const wait = client.waitMs(endpoint, creds);
      if (wait > 0) {
        const elapsed = deps.clock.now() - started;
        if (wait > maxWait || elapsed + wait > budget) {
          outcome.status = 'deferred';
          outcome.message = t.syncDeferred(title, Math.max(1, Math.ceil(wait / 60000)));
          break;
        }
        deps.clock.sleep(wait);
      }
      const rows = client.fetchRows(endpoint, creds, { dateFrom: cursor, flag: '0' });
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
      if (!table) table = SheetTable.open(deps.gateway, spec, deps.locale);
      if (rows.length) {
        const records = rows.map((row) => {
          const rec: Record<string, ReturnType<typeof spec.columns[0]['value']>> = {};
          for (const c of spec.columns) rec[c.id] = c.value(row, deps.locale);
          return rec;
        });
        const r = table.upsert(records);
        outcome.added += r.added;
        outcome.updated += r.updated;
        // The cursor moves only after the rows are safely in the sheet.
        deps.gateway.flush();
      }
      const cursorWall = parseWbMoscow(cursor);
      const advanced = maxChange !== null && (cursorWall === null || maxWall > cursorWall);
      if (advanced) {
        cursor = maxChange as string;
        deps.documentProps.set(cursorProperty(spec.id), cursor);
      }
      if (rows.length < endpoint.pageLimit) break; // a short page is the last one
      if (!advanced) {
        outcome.status = 'error';
        outcome.message = t.errStall(title);
        break;
      }
      if (deps.clock.now() - started > budget) {
        outcome.status = 'partial';
        outcome.message = t.syncPartial(title);
        break;
      }
    }
  } catch (e) {
    outcome.requests = client.requestCount - requestsBefore;
    if (!(e instanceof WbError)) return { ...outcome, status: 'error', message: unexpectedMessage(e, title, deps.locale) };
    if (e.kind === 'rate' && outcome.added + outcome.updated > 0) {
      return { ...outcome, status: 'deferred', message: t.syncPartial(title) };
    }
    return { ...outcome, status: 'error', message: errorMessage(e, spec, endpoint, deps.locale) };
  }
  outcome.requests = client.requestCount - requestsBefore;
  if (!outcome.message) {
    outcome.message = outcome.added + outcome.updated > 0 ? t.syncSummary(title, outcome.added, outcome.updated) : title + ': ' + t.syncNothing;
  }
  return outcome;
}
