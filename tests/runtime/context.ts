/**
 * Shared state of one runtime: clock, options, statistics, executions, and the
 * guard every fake service method goes through (time limit, auth mode, stats).
 */
import { VirtualClock } from './clock';

export type AuthModeName = 'NONE' | 'LIMITED' | 'FULL' | 'CUSTOM_FUNCTION';
export type Kind =
  | 'spreadsheet'
  | 'ui'
  | 'properties'
  | 'cache'
  | 'lock'
  | 'urlfetch'
  | 'utilities'
  | 'html'
  | 'script'
  | 'session'
  | 'logger'
  | 'bigquery';

export interface Execution {
  id: number;
  start: number;
  authMode: AuthModeName;
  user: string;
  trigger: boolean;
  dead: boolean;
  limitMs: number;
  /** Set when the platform ended the execution (an authorization prompt): every later call throws it. */
  ended?: string;
}

export interface Stats {
  spreadsheetCalls: number;
  cellsWritten: number;
  cellsRead: number;
  fetchCount: number;
  sleepMs: number;
  reset(): void;
}

export const TIMEOUT_MESSAGE = 'Exceeded maximum execution time';
/** Virtual cost of one SpreadsheetApp call and of each cell it touches. */
export const SPREADSHEET_CALL_MS = 2;
export const SPREADSHEET_CELL_MS = 0.002;
/**
 * Virtual cost of one property write: PropertiesService writes are remote calls that
 * take tens of ms, so whatever runs after one (a request, say) happens that much later.
 */
export const PROPERTY_WRITE_MS = 25;
const PROPERTY_WRITE = /^(setProperty|setProperties|deleteProperty|deleteAllProperties)$/;
/** Custom functions and simple triggers (NONE / LIMITED) get 30 s. */
export const SHORT_LIMIT_MS = 30000;

/** Base class of every fake Apps Script object: calls on it are guarded. */
export abstract class Svc {
  constructor(
    readonly _ctx: Ctx,
    readonly _kind: Kind,
    readonly _svc: string,
  ) {}
  toString(): string {
    return this._svc;
  }
}

const UNGUARDED = new Set([
  'constructor',
  'toString',
  'valueOf',
  'toJSON',
  'sheetValues',
  'sheetFormats',
  'sheetFormulas',
  'totalCells',
  'setFormulaResults',
  'formulaError',
]);

/** Spreadsheet methods a custom function may not call (anything that changes the document or UI). */
const SPREADSHEET_MUTATOR =
  /^(set|insert|delete|append|clear|add|sort|hide|show|activate|autoResize|createFilter|remove|move|duplicate|rename|toast|merge|break|protect|copyTo|unhide|trim|randomize|autoFill|deleteDeveloperMetadata|createDeveloperMetadata|update|replace|check|uncheck)/;

export class Ctx {
  readonly clock: VirtualClock;
  readonly stats: Stats;
  private execs: Execution[] = [];
  private ambient: Execution;
  private nextExecId = 1;
  depth = 0;
  /** >0 while runtime.peek() runs: calls are free (no stats, no virtual time, no checks). */
  quiet = 0;
  /**
   * Called after a guarded call made from outside any execution (a test acting as the
   * seller) returns: custom-function formulas it entered are evaluated then.
   */
  onIdle: (() => void) | null = null;
  /** Constructor used for errors thrown to the code under test (the target realm's Error when known). */
  errorCtor: ErrorConstructor = Error;
  /** Finds the target realm's Error lazily (a vm context may be created after install()). */
  errorCtorResolver: (() => ErrorConstructor | undefined) | null = null;
  user: string;
  locale: string;
  readonly owner: string;
  private proxies = new WeakMap<object, object>();
  private raws = new WeakMap<object, object>();
  private wrappers = new WeakMap<object, Map<string, Function>>();

  constructor(
    startTime: number,
    user: string,
    locale: string,
    readonly executionLimitMs: number,
  ) {
    this.clock = new VirtualClock(startTime);
    this.user = user;
    this.owner = user;
    this.locale = locale;
    const stats: Stats = {
      spreadsheetCalls: 0,
      cellsWritten: 0,
      cellsRead: 0,
      fetchCount: 0,
      sleepMs: 0,
      reset() {
        stats.spreadsheetCalls = 0;
        stats.cellsWritten = 0;
        stats.cellsRead = 0;
        stats.fetchCount = 0;
        stats.sleepMs = 0;
      },
    };
    this.stats = stats;
    this.ambient = { id: 0, start: startTime, authMode: 'FULL', user, trigger: false, dead: false, limitMs: Infinity };
  }

  /** The running execution (an unlimited FULL "ambient" one outside run()). */
  exec(): Execution {
    const e = this.execs[this.execs.length - 1];
    if (e) return e;
    this.ambient.user = this.user;
    return this.ambient;
  }

  inRun(): boolean {
    return this.execs.length > 0;
  }

  beginExecution(opts: { authMode?: AuthModeName; user?: string; trigger?: boolean }): Execution {
    const authMode = opts.authMode ?? 'FULL';
    const limitMs = authMode === 'FULL' ? this.executionLimitMs : Math.min(SHORT_LIMIT_MS, this.executionLimitMs);
    const e: Execution = {
      id: this.nextExecId++,
      start: this.clock.exact(),
      authMode,
      user: opts.user ?? this.user,
      trigger: !!opts.trigger,
      dead: false,
      limitMs,
    };
    this.execs.push(e);
    return e;
  }

  endExecution(e: Execution): void {
    const i = this.execs.lastIndexOf(e);
    if (i >= 0) this.execs.splice(i, 1);
  }

  activeUser(): string {
    return this.exec().user;
  }

  error(message: string): Error {
    if (this.errorCtorResolver) {
      const found = this.errorCtorResolver();
      if (found) {
        this.errorCtor = found;
        this.errorCtorResolver = null;
      }
    }
    const E = this.errorCtor;
    const err = new E(message);
    try {
      Object.defineProperty(err, 'name', { value: 'Exception', configurable: true, writable: true, enumerable: false });
    } catch {
      /* ignore */
    }
    return err;
  }

  /** Throws the time-limit error if the running execution is over its budget (and marks it dead). */
  checkTime(): void {
    const e = this.exec();
    if (e.ended) throw this.error(e.ended);
    if (e.dead) throw this.error(TIMEOUT_MESSAGE);
    if (this.clock.exact() - e.start > e.limitMs) {
      e.dead = true;
      throw this.error(TIMEOUT_MESSAGE);
    }
  }

  /** Ends the running execution the way the platform does (no later call succeeds). */
  endWith(message: string): never {
    const e = this.exec();
    if (e.id !== 0) e.ended = message;
    throw this.error(message);
  }

  overTime(e: Execution): boolean {
    return e.dead || this.clock.exact() - e.start > e.limitMs;
  }

  /** Adds the virtual cost of touching `n` cells. */
  cells(read: number, written: number): void {
    this.stats.cellsRead += read;
    this.stats.cellsWritten += written;
    const n = read + written;
    if (n > 0) this.clock.advance(n * SPREADSHEET_CELL_MS);
  }

  /** Virtual cost of formatting etc. (cells touched but neither read nor written as values). */
  touch(n: number): void {
    if (n > 0) this.clock.advance(n * SPREADSHEET_CELL_MS);
  }

  private permission(kind: Kind, svc: string, name: string): void {
    const e = this.exec();
    const mode = e.authMode;
    const deny = (what: string, scope?: string) => {
      throw this.error(`You do not have permission to call ${what}` + (scope ? `. Required permissions: ${scope}` : ''));
    };
    if (svc === 'SpreadsheetApp' && name === 'getUi') {
      if (mode === 'CUSTOM_FUNCTION' || e.trigger) throw this.error('Cannot call SpreadsheetApp.getUi() from this context.');
      return;
    }
    if (mode === 'FULL') return;
    if (mode === 'CUSTOM_FUNCTION') {
      if (kind === 'spreadsheet' && (SPREADSHEET_MUTATOR.test(name) || name === 'openById' || name === 'openByUrl' || name === 'create')) {
        deny(name);
      }
      if (kind === 'ui') deny(`${svc}.${name}`);
      if (kind === 'script') deny(`ScriptApp.${name}`);
      // custom functions run without the user's authorization: no advanced services
      if (kind === 'bigquery') deny(`${svc}.${name}`);
      return;
    }
    if (mode === 'NONE') {
      if (kind === 'ui' || kind === 'logger' || kind === 'utilities' || kind === 'html') return;
      if (kind === 'session' && name !== 'getActiveUser' && name !== 'getEffectiveUser') return;
      if (kind === 'script' && name === 'getAuthorizationInfo') return;
      deny(`${svc}.${name}`);
    }
    // LIMITED (simple triggers): document, menus, properties; no external requests, no installable triggers
    if (kind === 'urlfetch') deny(`UrlFetchApp.${name}`, 'https://www.googleapis.com/auth/script.external_request');
    if (kind === 'bigquery') deny(`${svc}.${name}`, 'https://www.googleapis.com/auth/bigquery');
    if (kind === 'script' && /^(newTrigger|getUserTriggers|getProjectTriggers|deleteTrigger|getScriptTriggers)$/.test(name)) {
      deny(`ScriptApp.${name}`, 'https://www.googleapis.com/auth/script.scriptapp');
    }
  }

  /** Runs one guarded method call. */
  invoke(target: Svc, name: string, fn: Function, args: unknown[]): unknown {
    const a = args.map((x) => this.unwrap(x));
    if (this.depth > 0 || this.quiet > 0) {
      const quick = this.export(fn.apply(target, a));
      if (this.depth === 0) this.idle();
      return quick;
    }
    this.checkTime();
    this.permission(target._kind, target._svc, name);
    if (target._kind === 'spreadsheet') {
      this.stats.spreadsheetCalls++;
      this.clock.advance(SPREADSHEET_CALL_MS);
    }
    if (target._kind === 'properties' && PROPERTY_WRITE.test(name)) this.clock.advance(PROPERTY_WRITE_MS);
    this.depth++;
    let result: unknown;
    try {
      result = fn.apply(target, a);
    } finally {
      this.depth--;
    }
    this.checkTime();
    this.idle();
    return this.export(result);
  }

  private idle(): void {
    if (this.onIdle && this.depth === 0 && this.execs.length === 0) this.onIdle();
  }

  /** The guarded view of a fake object. */
  proxy<T extends Svc>(raw: T): T {
    let p = this.proxies.get(raw);
    if (p) return p as T;
    const ctx = this;
    p = new Proxy(raw, {
      get(target, prop) {
        const v = Reflect.get(target, prop, target);
        if (typeof v !== 'function' || typeof prop !== 'string' || prop.charCodeAt(0) === 95 /* _ */ || UNGUARDED.has(prop)) {
          return v;
        }
        let m = ctx.wrappers.get(target);
        if (!m) ctx.wrappers.set(target, (m = new Map()));
        let w = m.get(prop);
        if (!w || (w as { _fn?: Function })._fn !== v) {
          const fn = v as Function;
          w = function (...args: unknown[]) {
            return ctx.invoke(target as Svc, prop, fn, args);
          };
          (w as { _fn?: Function })._fn = fn;
          m.set(prop, w);
        }
        return w;
      },
    });
    this.proxies.set(raw, p);
    this.raws.set(p, raw);
    return p as T;
  }

  unwrap<T>(x: T): T {
    if (x !== null && typeof x === 'object') {
      const r = this.raws.get(x as unknown as object);
      if (r) return r as T;
    }
    return x;
  }

  export(v: unknown): unknown {
    if (v instanceof Svc) return this.proxy(v);
    if (Array.isArray(v) && v.length > 0 && v[0] instanceof Svc) return v.map((x) => (x instanceof Svc ? this.proxy(x) : x));
    return v;
  }
}

/** Apps Script's message for arguments of the wrong types. */
export function signatureError(ctx: Ctx, method: string, args: unknown[]): Error {
  const t = args.map((a) => {
    if (a === null || a === undefined) return 'null';
    if (typeof a === 'string') return 'String';
    if (typeof a === 'number') return 'number';
    if (typeof a === 'boolean') return 'Boolean';
    if (Array.isArray(a)) return 'Object[]';
    if (Object.prototype.toString.call(a) === '[object Date]') return 'Date';
    return 'Object';
  });
  return ctx.error(`The parameters (${t.join(',')}) don't match the method signature for ${method}.`);
}

export function utf8Bytes(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}
