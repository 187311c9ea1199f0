/** ScriptApp: auth modes, installable triggers, authorization info. */
import { isDateLike, RealDate } from './clock';
import { Ctx, signatureError, Svc } from './context';
import { FakeSpreadsheet } from './spreadsheet';
import { FakeTrigger, TriggerType, WEEKDAYS } from './triggers';
import { isValidTimeZone } from './tz';

export const AuthMode = Object.freeze({ NONE: 'NONE', LIMITED: 'LIMITED', FULL: 'FULL', CUSTOM_FUNCTION: 'CUSTOM_FUNCTION' });
export const AuthorizationStatus = Object.freeze({ REQUIRED: 'REQUIRED', NOT_REQUIRED: 'NOT_REQUIRED' });
export const EventType = Object.freeze({
  CLOCK: 'CLOCK',
  ON_OPEN: 'ON_OPEN',
  ON_EDIT: 'ON_EDIT',
  ON_FORM_SUBMIT: 'ON_FORM_SUBMIT',
  ON_CHANGE: 'ON_CHANGE',
  ON_EVENT_UPDATED: 'ON_EVENT_UPDATED',
});
export const TriggerSource = Object.freeze({ SPREADSHEETS: 'SPREADSHEETS', CLOCK: 'CLOCK', FORMS: 'FORMS', DOCUMENTS: 'DOCUMENTS', CALENDAR: 'CALENDAR' });
export const WeekDay = Object.freeze(Object.fromEntries(WEEKDAYS.map((d) => [d, d])) as Record<string, string>);
export const InstallationSource = Object.freeze({ APPS_MARKETPLACE_DOMAIN_ADD_ON: 'APPS_MARKETPLACE_DOMAIN_ADD_ON', NONE: 'NONE', WEB_STORE_ADD_ON: 'WEB_STORE_ADD_ON' });

export const MAX_TRIGGERS_PER_USER = 20;
export const TOO_MANY_TRIGGERS = 'This script has too many triggers. Triggers must be deleted from the script before more can be added.';
export const ADDON_TOO_MANY_CLOCK = 'This add-on has created too many time-based triggers in this document for this Google user account.';
export const ADDON_TOO_FREQUENT = 'Add-ons can only create time-based triggers that run at most once per hour.';

/** The manifest's scopes and what each user granted (Apps Script's granular consent). */
export interface ScopeBook {
  manifest: string[];
  /** What a user who has not been asked since the runtime started granted. */
  defaults: string[];
  granted: Map<string, Set<string>>;
  /** What the seller answers an authorization prompt: grant the scopes or close it. */
  answer: 'grant' | 'deny';
  prompts: { user: string; scopes: string[]; at: number }[];
}

export const AUTH_PROMPT_MESSAGE = 'Authorization is required to perform that action.';

export function grantedScopes(book: ScopeBook, user: string): Set<string> {
  let g = book.granted.get(user);
  if (!g) book.granted.set(user, (g = new Set(book.defaults)));
  return g;
}

export interface TriggerEnv {
  scopes: ScopeBook;
  triggers: FakeTrigger[];
  spreadsheet: FakeSpreadsheet;
  addon: boolean;
  scriptTimeZone: string;
  authRequired: { value: boolean };
  nextId(): string;
}

export class FakeTriggerObject extends Svc {
  constructor(
    ctx: Ctx,
    readonly _t: FakeTrigger,
  ) {
    super(ctx, 'script', 'Trigger');
  }
  getUniqueId(): string {
    return this._t.id;
  }
  getHandlerFunction(): string {
    return this._t.handlerFunction;
  }
  getEventType(): string {
    return this._t.type;
  }
  getTriggerSource(): string {
    return this._t.type === 'CLOCK' ? TriggerSource.CLOCK : TriggerSource.SPREADSHEETS;
  }
  getTriggerSourceId(): string | null {
    return this._t.type === 'CLOCK' ? null : (this._t.spreadsheetId ?? null);
  }
}

class Draft {
  t: Partial<FakeTrigger> = {};
}

export class FakeClockTriggerBuilder extends Svc {
  constructor(
    ctx: Ctx,
    readonly _env: TriggerEnv,
    readonly _fn: string,
    readonly _d: Draft,
  ) {
    super(ctx, 'script', 'ClockTriggerBuilder');
  }
  private _int(x: unknown, method: string): number {
    if (typeof x !== 'number' || isNaN(x)) throw signatureError(this._ctx, `ClockTriggerBuilder.${method}`, [x]);
    return Math.trunc(x);
  }
  everyMinutes(n: number): FakeClockTriggerBuilder {
    const v = this._int(n, 'everyMinutes');
    if (![1, 5, 10, 15, 30].includes(v)) throw this._ctx.error('Invalid argument: minutes. Valid values are 1, 5, 10, 15 and 30.');
    this._d.t.everyMinutes = v;
    return this;
  }
  everyHours(n: number): FakeClockTriggerBuilder {
    const v = this._int(n, 'everyHours');
    if (![1, 2, 4, 6, 8, 12].includes(v)) throw this._ctx.error('Invalid argument: hours. Valid values are 1, 2, 4, 6, 8 and 12.');
    this._d.t.everyHours = v;
    return this;
  }
  everyDays(n: number): FakeClockTriggerBuilder {
    const v = this._int(n, 'everyDays');
    if (v < 1) throw this._ctx.error('Invalid argument: days');
    this._d.t.everyDays = v;
    return this;
  }
  everyWeeks(n: number): FakeClockTriggerBuilder {
    const v = this._int(n, 'everyWeeks');
    if (v < 1) throw this._ctx.error('Invalid argument: weeks');
    this._d.t.everyWeeks = v;
    return this;
  }
  atHour(hour: number): FakeClockTriggerBuilder {
    const v = this._int(hour, 'atHour');
    if (v < 0 || v > 23) throw this._ctx.error('Invalid argument: hour');
    this._d.t.atHour = v;
    return this;
  }
  nearMinute(minute: number): FakeClockTriggerBuilder {
    const v = this._int(minute, 'nearMinute');
    if (v < 0 || v > 59) throw this._ctx.error('Invalid argument: minute');
    this._d.t.nearMinute = v;
    return this;
  }
  onWeekDay(day: string): FakeClockTriggerBuilder {
    if (!WEEKDAYS.includes(String(day))) throw signatureError(this._ctx, 'ClockTriggerBuilder.onWeekDay', [day]);
    this._d.t.weekDay = String(day);
    return this;
  }
  onMonthDay(day: number): FakeClockTriggerBuilder {
    const v = this._int(day, 'onMonthDay');
    if (v < 1 || v > 31) throw this._ctx.error('Invalid argument: day');
    this._d.t.monthDay = v;
    return this;
  }
  inTimezone(timezone: string): FakeClockTriggerBuilder {
    if (typeof timezone !== 'string' || !isValidTimeZone(timezone)) throw this._ctx.error(`Invalid argument: ${timezone}`);
    this._d.t.timeZone = timezone;
    return this;
  }
  at(date: Date): FakeClockTriggerBuilder {
    if (!isDateLike(date)) throw signatureError(this._ctx, 'ClockTriggerBuilder.at', [date]);
    this._d.t.at = RealDate.prototype.getTime.call(date);
    return this;
  }
  after(durationMilliseconds: number): FakeClockTriggerBuilder {
    const v = this._int(durationMilliseconds, 'after');
    this._d.t.at = this._ctx.clock.now() + Math.max(0, v);
    return this;
  }
  atDate(year: number, month: number, day: number): FakeClockTriggerBuilder {
    const d = new RealDate(0);
    d.setUTCFullYear(year, month - 1, day);
    this._d.t.at = d.getTime();
    return this;
  }
  create(): FakeTriggerObject {
    const t = this._d.t;
    const freq = t.everyMinutes ?? t.everyHours ?? t.everyDays ?? t.everyWeeks ?? t.monthDay ?? t.weekDay ?? t.at;
    if (freq === undefined) {
      if (t.atHour !== undefined || t.nearMinute !== undefined) throw this._ctx.error('Frequency is required if you are using atHour() or nearMinute().');
      throw this._ctx.error('The trigger must have a schedule: call everyMinutes, everyHours, everyDays, everyWeeks, at or after.');
    }
    if ((t.everyMinutes || t.everyHours) && (t.atHour !== undefined || t.nearMinute !== undefined)) {
      throw this._ctx.error('atHour() and nearMinute() can only be used with everyDays() or everyWeeks().');
    }
    if (this._env.addon && t.everyMinutes) throw this._ctx.error(ADDON_TOO_FREQUENT);
    return createTrigger(this._ctx, this._env, this._fn, 'CLOCK', t);
  }
}

function createTrigger(ctx: Ctx, env: TriggerEnv, fn: string, type: TriggerType, extra: Partial<FakeTrigger>): FakeTriggerObject {
  const user = ctx.activeUser();
  const ssId = env.spreadsheet._id;
  const mine = env.triggers.filter((x) => x.user === user);
  if (env.addon && type === 'CLOCK' && mine.some((x) => x.type === 'CLOCK' && x.spreadsheetId === ssId)) throw ctx.error(ADDON_TOO_MANY_CLOCK);
  if (mine.length >= MAX_TRIGGERS_PER_USER) throw ctx.error(TOO_MANY_TRIGGERS);
  const t: FakeTrigger = { ...extra, id: env.nextId(), handlerFunction: fn, user, type, spreadsheetId: ssId, createdAt: ctx.clock.now() };
  env.triggers.push(t);
  return new FakeTriggerObject(ctx, t);
}

export class FakeSpreadsheetTriggerBuilder extends Svc {
  constructor(
    ctx: Ctx,
    readonly _env: TriggerEnv,
    readonly _fn: string,
  ) {
    super(ctx, 'script', 'SpreadsheetTriggerBuilder');
  }
  private _type?: TriggerType;
  onOpen(): FakeSpreadsheetTriggerBuilder {
    this._type = 'ON_OPEN';
    return this;
  }
  onEdit(): FakeSpreadsheetTriggerBuilder {
    this._type = 'ON_EDIT';
    return this;
  }
  onChange(): FakeSpreadsheetTriggerBuilder {
    this._type = 'ON_CHANGE';
    return this;
  }
  onFormSubmit(): FakeSpreadsheetTriggerBuilder {
    this._type = 'ON_FORM_SUBMIT';
    return this;
  }
  create(): FakeTriggerObject {
    if (!this._type) throw this._ctx.error('The trigger must have an event type: call onOpen, onEdit, onChange or onFormSubmit.');
    const user = this._ctx.activeUser();
    if (this._env.addon && this._env.triggers.some((x) => x.user === user && x.type === this._type && x.spreadsheetId === this._env.spreadsheet._id)) {
      throw this._ctx.error(`This add-on has created too many ${this._type === 'ON_OPEN' ? 'open' : this._type === 'ON_EDIT' ? 'edit' : 'change'} triggers in this document for this Google user account.`);
    }
    return createTrigger(this._ctx, this._env, this._fn, this._type, {});
  }
}

export class FakeTriggerBuilder extends Svc {
  constructor(
    ctx: Ctx,
    readonly _env: TriggerEnv,
    readonly _fn: string,
  ) {
    super(ctx, 'script', 'TriggerBuilder');
  }
  timeBased(): FakeClockTriggerBuilder {
    return new FakeClockTriggerBuilder(this._ctx, this._env, this._fn, new Draft());
  }
  forSpreadsheet(sheet: unknown): FakeSpreadsheetTriggerBuilder {
    if (!(sheet instanceof FakeSpreadsheet) && typeof sheet !== 'string') throw signatureError(this._ctx, 'TriggerBuilder.forSpreadsheet', [sheet]);
    return new FakeSpreadsheetTriggerBuilder(this._ctx, this._env, this._fn);
  }
}

export class FakeAuthorizationInfo extends Svc {
  constructor(
    ctx: Ctx,
    readonly _required: boolean,
    readonly _authorized: string[] | null = [],
  ) {
    super(ctx, 'script', 'AuthorizationInfo');
  }
  getAuthorizationStatus(): string {
    return this._required ? AuthorizationStatus.REQUIRED : AuthorizationStatus.NOT_REQUIRED;
  }
  getAuthorizationUrl(): string | null {
    return this._required ? 'https://script.google.com/macros/d/OFFLINE/authorize' : null;
  }
  getAuthorizedScopes(): string[] | null {
    return this._authorized ? [...this._authorized] : null;
  }
}

export class FakeScriptApp extends Svc {
  readonly AuthMode = AuthMode;
  readonly AuthorizationStatus = AuthorizationStatus;
  readonly EventType = EventType;
  readonly TriggerSource = TriggerSource;
  readonly WeekDay = WeekDay;
  readonly InstallationSource = InstallationSource;
  constructor(
    ctx: Ctx,
    readonly _env: TriggerEnv,
  ) {
    super(ctx, 'script', 'ScriptApp');
  }
  newTrigger(functionName: string): FakeTriggerBuilder {
    if (typeof functionName !== 'string' || functionName === '') throw signatureError(this._ctx, 'ScriptApp.newTrigger', [functionName]);
    return new FakeTriggerBuilder(this._ctx, this._env, functionName);
  }
  getUserTriggers(document: unknown): FakeTriggerObject[] {
    if (!(document instanceof FakeSpreadsheet)) throw signatureError(this._ctx, 'ScriptApp.getUserTriggers', [document]);
    const user = this._ctx.activeUser();
    return this._env.triggers.filter((t) => t.user === user && t.spreadsheetId === document._id).map((t) => new FakeTriggerObject(this._ctx, t));
  }
  getProjectTriggers(): FakeTriggerObject[] {
    const user = this._ctx.activeUser();
    return this._env.triggers.filter((t) => t.user === user).map((t) => new FakeTriggerObject(this._ctx, t));
  }
  getScriptTriggers(): FakeTriggerObject[] {
    return this.getProjectTriggers();
  }
  deleteTrigger(trigger: FakeTriggerObject): void {
    if (!(trigger instanceof FakeTriggerObject)) throw signatureError(this._ctx, 'ScriptApp.deleteTrigger', [trigger]);
    const i = this._env.triggers.findIndex((t) => t.id === trigger._t.id);
    if (i >= 0) this._env.triggers.splice(i, 1);
  }
  /**
   * With a list, about those scopes only (getAuthorizedScopes: the granted ones among
   * them); without one, about every scope of the manifest.
   */
  getAuthorizationInfo(authMode: string, oAuthScopes?: string[]): FakeAuthorizationInfo {
    if (!Object.values(AuthMode).includes(authMode as 'FULL')) throw signatureError(this._ctx, 'ScriptApp.getAuthorizationInfo', [authMode, oAuthScopes]);
    if (oAuthScopes !== undefined && (!Array.isArray(oAuthScopes) || oAuthScopes.some((x) => typeof x !== 'string'))) {
      throw signatureError(this._ctx, 'ScriptApp.getAuthorizationInfo', [authMode, oAuthScopes]);
    }
    const book = this._env.scopes;
    const granted = grantedScopes(book, this._ctx.activeUser());
    const asked = oAuthScopes ?? book.manifest;
    const missing = asked.filter((x) => !granted.has(x));
    return new FakeAuthorizationInfo(this._ctx, this._env.authRequired.value || missing.length > 0, asked.filter((x) => granted.has(x)));
  }
  /**
   * Ends the execution with an authorization prompt when any of the scopes is not
   * granted (granular consent); the seller's answer counts from the next execution.
   */
  requireScopes(authMode: string, oAuthScopes: string[]): void {
    if (!Object.values(AuthMode).includes(authMode as 'FULL') || !Array.isArray(oAuthScopes)) {
      throw signatureError(this._ctx, 'ScriptApp.requireScopes', [authMode, oAuthScopes]);
    }
    const book = this._env.scopes;
    for (const x of oAuthScopes) {
      if (!book.manifest.includes(x)) throw this._ctx.error(`Scope ${x} is not declared in the manifest (oauthScopes).`);
    }
    const user = this._ctx.activeUser();
    const granted = grantedScopes(book, user);
    const missing = oAuthScopes.filter((x) => !granted.has(x));
    if (!missing.length) return;
    book.prompts.push({ user, scopes: missing, at: this._ctx.clock.now() });
    if (book.answer === 'grant' && !this._ctx.exec().trigger) for (const x of missing) granted.add(x);
    this._ctx.endWith(AUTH_PROMPT_MESSAGE);
  }
  requireAllScopes(authMode: string): void {
    this.requireScopes(authMode, this._env.scopes.manifest);
  }
  getScriptId(): string {
    return '1OfflineRuntimeScriptId_wb_sheets_000000000000000000000';
  }
  getOAuthToken(): string {
    return 'ya29.offline-runtime-token';
  }
  getInstallationSource(): string {
    return this._env.addon ? InstallationSource.WEB_STORE_ADD_ON : InstallationSource.NONE;
  }
  invalidateAuth(): void {}
}
