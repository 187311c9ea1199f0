/**
 * Offline, in-memory Apps Script runtime for WB Sheets tests, demos and benchmarks.
 *
 *   const rt = createRuntime({ fetchHandler });
 *   rt.install(globalThis);            // or a vm context
 *   rt.run(() => onOpen({ authMode: ScriptApp.AuthMode.LIMITED }), { authMode: 'LIMITED' });
 *   rt.uninstall(globalThis);
 */
import * as vm from 'vm';
import { FetchHandler } from '../shared/http';
import { CacheStores, FakeCacheService } from './cache';
import { makeVirtualDate } from './clock';
import { CalcEngine, CustomFunctionResolver, CustomFunctionRun } from './custom-functions';
import { AuthModeName, Ctx, Stats, TIMEOUT_MESSAGE } from './context';
import { FakeHtmlService } from './html';
import { FakeLockService, LockKind, lockKey, LockTable } from './lock';
import { FakeConsole, FakeLogger, LogBook, LogEntry } from './logger';
import { FakePropertiesService, PropertyStores } from './properties';
import { FakeScriptApp, grantedScopes, ScopeBook, TriggerEnv } from './script-app';
import { BIGQUERY_SCOPE, BigQueryOptions, BigQueryWorld, FakeBigQuery } from './bigquery';
import { FakeSession } from './session';
import { FakeSpreadsheet } from './spreadsheet';
import { FakeSpreadsheetApp } from './spreadsheet-app';
import { DueTrigger, dueTriggers, FakeTrigger } from './triggers';
import { isValidTimeZone } from './tz';
import { FakeUi } from './ui';
import { newUiRecord } from './ui-record';
import { DAILY_FETCH_QUOTA, FakeUrlFetchApp, FetchLogEntry, MAX_RESPONSE_BYTES } from './urlfetch';
import { FakeUtilities } from './utilities';
import { writeXlsx, XlsxOptions } from './xlsx';
import { FakeCharts } from './charts';
import { ChartInfo, chartInfo } from './chart-data';
import { CfState, effectiveFormat, EffectiveFormat, ruleRangesA1 } from './conditional';
import type { FakeSheet } from './sheet';

export type { FakeRequest, FakeResponse, FetchHandler } from '../shared/http';
export type { FakeSpreadsheet } from './spreadsheet';
export type { FakeSheet } from './sheet';
export type { FakeRange } from './range';
export type { FakeTrigger, DueTrigger } from './triggers';
export type { AuthModeName, Stats } from './context';
export type { FetchLogEntry } from './urlfetch';
export type { LogEntry } from './logger';
export type { LockKind } from './lock';
export { TIMEOUT_MESSAGE } from './context';
export type { CustomFunctionResolver, CustomFunctionRun } from './custom-functions';
export { LOADING } from './custom-functions';
export { LOCK_TIMEOUT_MESSAGE } from './lock';
export { RealDate } from './clock';
export { instantToSerial, serialToInstant } from './tz';
export type { ChartInfo } from './chart-data';
export type { EffectiveFormat } from './conditional';
export type { XlsxOptions } from './xlsx';
export { effectiveFormat, effectiveBackground } from './conditional';
export type { BigQueryWorld, BigQueryOptions, BqProjectConfig, BigQueryStats } from './bigquery';
export { BIGQUERY_SCOPE } from './bigquery';
export { AUTH_PROMPT_MESSAGE } from './script-app';

/** The scopes the add-on had before BigQuery (what an existing user granted). */
export const BASE_SCOPES = [
  'https://www.googleapis.com/auth/spreadsheets.currentonly',
  'https://www.googleapis.com/auth/script.container.ui',
  'https://www.googleapis.com/auth/script.external_request',
  'https://www.googleapis.com/auth/script.scriptapp',
];

/** A conditional format rule as stored, for tests. */
export interface RuleInfo {
  criteria: string | null;
  values: unknown[];
  ranges: string;
  format: { background?: string; fontColor?: string; bold?: boolean; italic?: boolean; strikethrough?: boolean; underline?: boolean };
  gradient: boolean;
}

export interface RuntimeOptions {
  /** virtual epoch ms; default Date.UTC(2026, 10, 27, 7, 0, 0) */
  startTime?: number;
  /** spreadsheet time zone, default 'Europe/Moscow' */
  timeZone?: string;
  /** active user's locale (Session.getActiveUserLocale), default 'ru' */
  locale?: string;
  /** spreadsheet locale (parsing typed input, display); default derived from locale: 'ru' -> 'ru_RU', 'en' -> 'en_US' */
  spreadsheetLocale?: string;
  /** active user email, default 'seller@example.com'; also the spreadsheet owner */
  user?: string;
  /** answers UrlFetchApp requests; default answers 404 */
  fetchHandler?: FetchHandler;
  /** virtual time each fetch costs, default 400 (fetchAll: once for the batch) */
  fetchLatencyMs?: number;
  /** project HTML files by name without .html */
  htmlFiles?: Record<string, string>;
  /** default 360000 (6 min); custom functions and simple triggers (NONE/LIMITED) get min(30000, this) */
  executionLimitMs?: number;
  /** UrlFetch response cap, default 50 MB (lower it to test oversized pages cheaply) */
  maxResponseBytes?: number;
  /** UrlFetch calls per user per day, default 20000 (consumer account) */
  urlFetchDailyQuota?: number;
  /** published editor add-on rules for triggers (at most hourly, one clock trigger per user per document); default true */
  addonMode?: boolean;
  /** Session.getScriptTimeZone() and default trigger time zone; default 'Europe/Moscow' */
  scriptTimeZone?: string;
  spreadsheetName?: string;
  /** The BigQuery advanced service (DuckDB starts on first use). */
  bigquery?: BigQueryOptions;
  /** appsscript.json oauthScopes; default BASE_SCOPES plus the bigquery scope */
  manifestScopes?: string[];
  /** What each user granted when the runtime starts; default BASE_SCOPES (BigQuery not yet asked for) */
  grantedScopes?: string[];
}

export interface RunOptions {
  authMode?: AuthModeName;
  user?: string;
  /** a time-driven trigger execution (no UI) */
  trigger?: boolean;
}

export interface Runtime {
  globals: Record<string, unknown>;
  install(target: object): void;
  /** restores what install() replaced on target (default globalThis) */
  uninstall(target?: object): void;
  clock: { now(): number; advance(ms: number): void; set(ms: number): void };
  spreadsheet: FakeSpreadsheet;
  run<T>(fn: () => T, opts?: RunOptions): T;
  /** Runs fn as an observer: service calls in it cost no virtual time and count in no stats. */
  peek<T>(fn: () => T): T;
  setUser(email: string): void;
  setLocale(locale: string): void;
  stats: Stats;
  logs: string[];
  logEntries: LogEntry[];
  toasts: { message: string; title: string }[];
  sidebars: { title: string; html: string }[];
  dialogs: { title: string; html: string; modal: boolean }[];
  alerts: string[];
  menus: { name: string; items: { caption: string; functionName: string }[] }[];
  fetchLog: FetchLogEntry[];
  userProperties(email?: string): Record<string, string>;
  documentProperties(): Record<string, string>;
  scriptProperties(): Record<string, string>;
  cacheDump(): string[];
  triggers: FakeTrigger[];
  dueTriggers(fromMs: number, toMs: number): DueTrigger[];
  /** another execution holds this lock until virtual time untilMs */
  holdLock(kind: LockKind, untilMs: number, user?: string): void;
  /** what ScriptApp.getAuthorizationInfo(...).getAuthorizationStatus() reports */
  setAuthorizationRequired(required: boolean): void;
  /** BigQuery's projects, DuckDB, stats (tests configure projects here). */
  bigquery: BigQueryWorld;
  /** The user (default the active one) grants scopes, as on a consent screen. */
  grantScopes(scopes: string[], user?: string): void;
  revokeScopes(scopes: string[], user?: string): void;
  grantedScopes(user?: string): string[];
  /** What the seller answers the next authorization prompts (default 'grant'). */
  setConsentAnswer(answer: 'grant' | 'deny'): void;
  /** Authorization prompts ScriptApp.requireScopes showed, oldest first. */
  authPrompts: { user: string; scopes: string[]; at: number }[];
  /** Terminates the DuckDB worker if one was started. */
  close(): void;
  /**
   * Which functions a formula may call as custom functions (the loaded script's global
   * functions; tests/bundle/harness.ts registers them). Without one, no formula is
   * evaluated (custom-functions.ts).
   */
  setCustomFunctionResolver(resolver: CustomFunctionResolver | null): void;
  /** Every evaluation of a custom-function formula in a cell, oldest first. */
  customFunctionLog: CustomFunctionRun[];
  /** What custom-function executions cost (kept out of `stats`, which counts the script's own executions). */
  customFunctionStats: Stats;
  /** xlsx export (exceljs), with conditional formatting, merges and native charts */
  toXlsx(path: string, opts?: XlsxOptions): Promise<void>;
  /** The charts of a sheet (no stats, no virtual time). */
  charts(sheetName: string): ChartInfo[];
  /** The conditional format rules of a sheet, in priority order (no stats, no virtual time). */
  conditionalRules(sheetName: string): RuleInfo[];
  /** What the seller sees in a cell: its style with the first matching conditional rule on top. */
  effectiveFormat(sheetName: string, row: number, col: number): EffectiveFormat;
  /** effectiveFormat(...).background ('#rrggbb', '#ffffff' when uncoloured). */
  effectiveBackground(sheetName: string, row: number, col: number): string;
}

function spreadsheetLocaleFor(locale: string): string {
  if (locale.includes('_')) return locale;
  const map: Record<string, string> = { ru: 'ru_RU', en: 'en_US', de: 'de_DE', uk: 'uk_UA', kk: 'kk_KZ', be: 'be_BY', fr: 'fr_FR' };
  return map[locale] ?? `${locale}_${locale.toUpperCase()}`;
}

export function createRuntime(opts: RuntimeOptions = {}): Runtime {
  const startTime = opts.startTime ?? Date.UTC(2026, 10, 27, 7, 0, 0);
  const tz = opts.timeZone ?? 'Europe/Moscow';
  if (!isValidTimeZone(tz)) throw new Error(`createRuntime: invalid time zone ${tz}`);
  const locale = opts.locale ?? 'ru';
  const user = opts.user ?? 'seller@example.com';
  const scriptTz = opts.scriptTimeZone ?? 'Europe/Moscow';
  const ctx = new Ctx(startTime, user, locale, opts.executionLimitMs ?? 360000);
  const ui = newUiRecord();
  const book = new LogBook();
  const ssLocale = opts.spreadsheetLocale ?? spreadsheetLocaleFor(locale);
  const ss = new FakeSpreadsheet(
    ctx,
    '1WbSheetsOfflineRuntime0000000000000000000A',
    opts.spreadsheetName ?? (/^ru/i.test(ssLocale) ? 'Новая таблица' : 'Untitled spreadsheet'),
    tz,
    ssLocale,
    ui,
  );
  const props = new PropertyStores();
  const caches = new CacheStores();
  const locks = new LockTable();
  const calc = new CalcEngine(ctx, ss, (id) => locks.releaseExecution(id));
  ss._calc = calc;
  ctx.onIdle = () => calc.drain();
  const fetchLog: FetchLogEntry[] = [];
  let triggerSeq = 0;
  const scopeBook: ScopeBook = {
    manifest: opts.manifestScopes ?? [...BASE_SCOPES, BIGQUERY_SCOPE],
    defaults: opts.grantedScopes ?? [...BASE_SCOPES],
    granted: new Map(),
    answer: 'grant',
    prompts: [],
  };
  const bigquery = new BigQueryWorld(ctx, opts.bigquery ?? {}, () => grantedScopes(scopeBook, ctx.activeUser()).has(BIGQUERY_SCOPE));
  const triggerEnv: TriggerEnv = {
    scopes: scopeBook,
    triggers: [],
    spreadsheet: ss,
    addon: opts.addonMode ?? true,
    scriptTimeZone: scriptTz,
    authRequired: { value: false },
    nextId: () => String(5419875361234000 + ++triggerSeq * 7727),
  };
  const VDate = makeVirtualDate(ctx.clock);

  const globals: Record<string, unknown> = {
    SpreadsheetApp: ctx.proxy(new FakeSpreadsheetApp(ctx, ss, new FakeUi(ctx, ui))),
    PropertiesService: ctx.proxy(new FakePropertiesService(ctx, props)),
    CacheService: ctx.proxy(new FakeCacheService(ctx, caches)),
    LockService: ctx.proxy(new FakeLockService(ctx, locks)),
    ScriptApp: ctx.proxy(new FakeScriptApp(ctx, triggerEnv)),
    UrlFetchApp: ctx.proxy(
      new FakeUrlFetchApp(ctx, {
        handler: opts.fetchHandler,
        latencyMs: opts.fetchLatencyMs ?? 400,
        maxResponseBytes: opts.maxResponseBytes ?? MAX_RESPONSE_BYTES,
        dailyQuota: opts.urlFetchDailyQuota ?? DAILY_FETCH_QUOTA,
        log: fetchLog,
      }),
    ),
    Utilities: ctx.proxy(new FakeUtilities(ctx)),
    HtmlService: ctx.proxy(new FakeHtmlService(ctx, opts.htmlFiles ?? {})),
    Session: ctx.proxy(new FakeSession(ctx, scriptTz)),
    Logger: ctx.proxy(new FakeLogger(ctx, book)),
    console: ctx.proxy(new FakeConsole(ctx, book)),
    Charts: ctx.proxy(new FakeCharts(ctx)),
    BigQuery: ctx.proxy(new FakeBigQuery(ctx, bigquery)),
    Date: VDate,
  };

  const saved = new Map<object, Map<string, PropertyDescriptor | undefined>>();
  const install = (target: object) => {
    if (!saved.has(target)) {
      const m = new Map<string, PropertyDescriptor | undefined>();
      for (const k of Object.keys(globals)) m.set(k, Object.getOwnPropertyDescriptor(target, k));
      saved.set(target, m);
    }
    for (const [k, v] of Object.entries(globals)) {
      Object.defineProperty(target, k, { value: v, writable: true, configurable: true, enumerable: k !== 'Date' && k !== 'console' });
    }
    // Errors are made in the script's realm (so `e instanceof Error` holds in a vm context),
    // found lazily because the context may be created after install().
    ctx.errorCtor = Error;
    ctx.errorCtorResolver = () => {
      for (const t of saved.keys()) {
        if (t !== globalThis && vm.isContext(t)) {
          try {
            return vm.runInContext('Error', t as vm.Context) as ErrorConstructor;
          } catch {
            return undefined;
          }
        }
      }
      return undefined;
    };
  };
  const uninstall = (target: object = globalThis) => {
    const m = saved.get(target);
    if (!m) return;
    for (const [k, d] of m) {
      if (d) Object.defineProperty(target, k, d);
      else delete (target as Record<string, unknown>)[k];
    }
    saved.delete(target);
    ctx.errorCtor = Error;
    ctx.errorCtorResolver = saved.size ? ctx.errorCtorResolver : null;
  };

  const snapshot = (m: Map<string, string>) => Object.fromEntries(m);
  const needSheet = (name: string): FakeSheet => {
    const s = ss._sheetByName(name);
    if (!s) throw new Error(`No sheet named "${name}"`);
    return s;
  };
  const ruleInfo = (r: CfState): RuleInfo => ({
    criteria: r.criteria,
    values: r.values.map((v) => (v && typeof v === 'object' ? { ...(v as object) } : v)),
    ranges: ruleRangesA1(r),
    format: { ...r.format },
    gradient: !!r.gradient,
  });

  const rt: Runtime = {
    globals,
    install,
    uninstall,
    clock: {
      now: () => ctx.clock.now(),
      advance: (ms: number) => ctx.clock.advance(ms),
      set: (ms: number) => ctx.clock.set(ms),
    },
    spreadsheet: ctx.proxy(ss),
    run<T>(fn: () => T, o: RunOptions = {}): T {
      const e = ctx.beginExecution(o);
      let result: T | undefined;
      let error: unknown;
      let threw = false;
      try {
        result = fn();
      } catch (x) {
        threw = true;
        error = x;
      } finally {
        locks.releaseExecution(e.id);
        ctx.endExecution(e);
      }
      const over = ctx.overTime(e);
      // Sheets evaluates the custom-function formulas the execution entered once it has ended
      if (!ctx.inRun()) calc.drain();
      if (over) {
        // the real platform kills the script: a caught timeout cannot let it finish normally
        if (threw && error instanceof Error && error.message === TIMEOUT_MESSAGE) throw error;
        throw ctx.error(TIMEOUT_MESSAGE);
      }
      if (threw) throw error;
      return result as T;
    },
    peek<T>(fn: () => T): T {
      ctx.quiet++;
      try {
        return fn();
      } finally {
        ctx.quiet--;
      }
    },
    setUser(email: string) {
      ctx.user = email;
    },
    setLocale(l: string) {
      ctx.locale = l;
    },
    stats: ctx.stats,
    logs: book.lines,
    logEntries: book.entries,
    toasts: ui.toasts,
    sidebars: ui.sidebars,
    dialogs: ui.dialogs,
    alerts: ui.alerts,
    menus: ui.menus,
    fetchLog,
    userProperties: (email?: string) => snapshot(props.forUser(email ?? ctx.user)),
    documentProperties: () => snapshot(props.document),
    scriptProperties: () => snapshot(props.script),
    cacheDump: () => caches.dump(ctx.clock.now()),
    triggers: triggerEnv.triggers,
    dueTriggers: (fromMs: number, toMs: number) => dueTriggers(triggerEnv.triggers, fromMs, toMs, scriptTz),
    holdLock(kind: LockKind, untilMs: number, u?: string) {
      locks.holdExternally(lockKey(kind, u ?? ctx.user), untilMs);
    },
    setAuthorizationRequired(required: boolean) {
      triggerEnv.authRequired.value = required;
    },
    bigquery,
    grantScopes(scopes: string[], u?: string) {
      const g = grantedScopes(scopeBook, u ?? ctx.user);
      for (const x of scopes) g.add(x);
    },
    revokeScopes(scopes: string[], u?: string) {
      const g = grantedScopes(scopeBook, u ?? ctx.user);
      for (const x of scopes) g.delete(x);
    },
    grantedScopes: (u?: string) => [...grantedScopes(scopeBook, u ?? ctx.user)],
    setConsentAnswer(answer: 'grant' | 'deny') {
      scopeBook.answer = answer;
    },
    authPrompts: scopeBook.prompts,
    close() {
      bigquery.close();
    },
    setCustomFunctionResolver(resolver: CustomFunctionResolver | null) {
      calc.setResolver(resolver);
    },
    customFunctionLog: calc.log,
    customFunctionStats: calc.stats,
    toXlsx: (path: string, o?: XlsxOptions) => writeXlsx(ss, path, o),
    charts: (name: string) => needSheet(name)._charts.map(chartInfo),
    conditionalRules: (name: string) => needSheet(name)._cfRules.map(ruleInfo),
    effectiveFormat: (name: string, row: number, col: number) => effectiveFormat(needSheet(name), row, col),
    effectiveBackground: (name: string, row: number, col: number) => effectiveFormat(needSheet(name), row, col).background,
  };
  return rt;
}

let globalRuntime: Runtime | null = null;

/** Creates a runtime and installs it on globalThis (for jest tests); pair with uninstallRuntime(). */
export function installRuntime(opts?: RuntimeOptions): Runtime {
  if (globalRuntime) {
    globalRuntime.uninstall(globalThis);
    globalRuntime.close();
  }
  globalRuntime = createRuntime(opts);
  globalRuntime.install(globalThis);
  return globalRuntime;
}

/** Restores the globals installRuntime() replaced. */
export function uninstallRuntime(): void {
  if (globalRuntime) {
    globalRuntime.uninstall(globalThis);
    globalRuntime.close();
  }
  globalRuntime = null;
}
