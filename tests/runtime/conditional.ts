/**
 * Conditional formatting: SpreadsheetApp.newConditionalFormatRule() ->
 * ConditionalFormatRuleBuilder, ConditionalFormatRule, BooleanCondition, the
 * BooleanCriteria enum, and the evaluation of rules for tests and pictures
 * (effectiveFormat / effectiveBackground: which colour a seller sees in a cell).
 *
 * Evaluation follows Sheets: rules are tried in order and the first one whose condition
 * holds for the cell formats it (its background, font colour, bold... replace the cell's
 * own). Number conditions read an empty cell as 0 (as Sheets does: "less than or equal
 * to 0" colours blank cells) and never match text; text conditions are
 * case-insensitive. Custom formulas are evaluated for a small subset (comparisons,
 * + - * /, AND/OR/NOT/IF, ISBLANK/ISNUMBER/ISTEXT, ABS/MIN/MAX, relative and $absolute references on the same
 * sheet); anything else counts as not satisfied. Gradient (colour scale) rules are stored
 * but never colour a cell here.
 *
 * Modelling choices: build() needs a condition (or a gradient); setConditionalFormatRules
 * needs every rule to have at least one range, all on that sheet. Rule ranges move with
 * inserted/deleted rows and columns like the real ones; a rule that loses all its ranges
 * is dropped.
 */
import { RealDate } from './clock';
import { Ctx, signatureError, Svc } from './context';
import { cellA1 } from './a1';
import { storedValue } from './grid';
import { cloneRef, enumName, EnumValue, GridRef, makeEnum, refContains } from './gridref';
import { displayValue } from './numfmt';
import { FakeRange } from './range';
import type { FakeSheet } from './sheet';
import { instantToSerial } from './tz';

export const BooleanCriteria = makeEnum([
  'CELL_EMPTY',
  'CELL_NOT_EMPTY',
  'DATE_AFTER',
  'DATE_BEFORE',
  'DATE_EQUAL_TO',
  'DATE_AFTER_RELATIVE',
  'DATE_BEFORE_RELATIVE',
  'DATE_EQUAL_TO_RELATIVE',
  'NUMBER_BETWEEN',
  'NUMBER_EQUAL_TO',
  'NUMBER_GREATER_THAN',
  'NUMBER_GREATER_THAN_OR_EQUAL_TO',
  'NUMBER_LESS_THAN',
  'NUMBER_LESS_THAN_OR_EQUAL_TO',
  'NUMBER_NOT_BETWEEN',
  'NUMBER_NOT_EQUAL_TO',
  'TEXT_CONTAINS',
  'TEXT_DOES_NOT_CONTAIN',
  'TEXT_EQUAL_TO',
  'TEXT_STARTS_WITH',
  'TEXT_ENDS_WITH',
  'CUSTOM_FORMULA',
] as const);
export const RelativeDate = makeEnum(['TODAY', 'TOMORROW', 'YESTERDAY', 'PAST_WEEK', 'PAST_MONTH', 'PAST_YEAR'] as const);
export const InterpolationType = makeEnum(['NUMBER', 'PERCENT', 'PERCENTILE', 'MIN', 'MAX'] as const);

export interface CfFormat {
  background?: string;
  fontColor?: string;
  bold?: boolean;
  italic?: boolean;
  strikethrough?: boolean;
  underline?: boolean;
}

export interface CfState {
  /** BooleanCriteria name, null for a gradient rule or an unfinished builder */
  criteria: string | null;
  /** criteria values; dates as epoch ms wrapped { date: ms }, relative dates as { relative: name } */
  values: unknown[];
  gradient: { min?: [string, string, string]; mid?: [string, string, string]; max?: [string, string, string] } | null;
  format: CfFormat;
  ranges: GridRef[];
}

export function newCfState(): CfState {
  return { criteria: null, values: [], gradient: null, format: {}, ranges: [] };
}

export function cloneCfState(s: CfState): CfState {
  return {
    criteria: s.criteria,
    values: s.values.map((v) => (v !== null && typeof v === 'object' ? { ...(v as object) } : v)),
    gradient: s.gradient ? { ...s.gradient } : null,
    format: { ...s.format },
    ranges: s.ranges.map(cloneRef),
  };
}

function isNum(x: unknown): x is number {
  return typeof x === 'number' && !isNaN(x);
}

function isDate(x: unknown): x is Date {
  return Object.prototype.toString.call(x) === '[object Date]';
}

// ------------------------------------------------------------------ builder
export class FakeConditionalFormatRuleBuilder extends Svc {
  constructor(
    ctx: Ctx,
    readonly _state: CfState,
  ) {
    super(ctx, 'spreadsheet', 'ConditionalFormatRuleBuilder');
  }
  private _m(method: string): string {
    return `SpreadsheetApp.ConditionalFormatRuleBuilder.${method}`;
  }
  private _when(criteria: string, values: unknown[]): FakeConditionalFormatRuleBuilder {
    this._state.criteria = criteria;
    this._state.values = values;
    this._state.gradient = null;
    return this;
  }
  private _num(method: string, ...xs: unknown[]): number[] {
    if (!xs.every(isNum)) throw signatureError(this._ctx, this._m(method), xs);
    return xs as number[];
  }
  private _text(method: string, x: unknown): string {
    if (typeof x !== 'string') throw signatureError(this._ctx, this._m(method), [x]);
    return x;
  }
  private _date(method: string, x: unknown): unknown {
    if (isDate(x)) return { date: RealDate.prototype.getTime.call(x) };
    const rel = enumName(RelativeDate, x);
    if (rel) return { relative: rel };
    throw signatureError(this._ctx, this._m(method), [x]);
  }

  whenCellEmpty(): FakeConditionalFormatRuleBuilder {
    return this._when('CELL_EMPTY', []);
  }
  whenCellNotEmpty(): FakeConditionalFormatRuleBuilder {
    return this._when('CELL_NOT_EMPTY', []);
  }
  whenNumberBetween(start: number, end: number): FakeConditionalFormatRuleBuilder {
    return this._when('NUMBER_BETWEEN', this._num('whenNumberBetween', start, end));
  }
  whenNumberNotBetween(start: number, end: number): FakeConditionalFormatRuleBuilder {
    return this._when('NUMBER_NOT_BETWEEN', this._num('whenNumberNotBetween', start, end));
  }
  whenNumberEqualTo(n: number): FakeConditionalFormatRuleBuilder {
    return this._when('NUMBER_EQUAL_TO', this._num('whenNumberEqualTo', n));
  }
  whenNumberNotEqualTo(n: number): FakeConditionalFormatRuleBuilder {
    return this._when('NUMBER_NOT_EQUAL_TO', this._num('whenNumberNotEqualTo', n));
  }
  whenNumberGreaterThan(n: number): FakeConditionalFormatRuleBuilder {
    return this._when('NUMBER_GREATER_THAN', this._num('whenNumberGreaterThan', n));
  }
  whenNumberGreaterThanOrEqualTo(n: number): FakeConditionalFormatRuleBuilder {
    return this._when('NUMBER_GREATER_THAN_OR_EQUAL_TO', this._num('whenNumberGreaterThanOrEqualTo', n));
  }
  whenNumberLessThan(n: number): FakeConditionalFormatRuleBuilder {
    return this._when('NUMBER_LESS_THAN', this._num('whenNumberLessThan', n));
  }
  whenNumberLessThanOrEqualTo(n: number): FakeConditionalFormatRuleBuilder {
    return this._when('NUMBER_LESS_THAN_OR_EQUAL_TO', this._num('whenNumberLessThanOrEqualTo', n));
  }
  whenTextContains(text: string): FakeConditionalFormatRuleBuilder {
    return this._when('TEXT_CONTAINS', [this._text('whenTextContains', text)]);
  }
  whenTextDoesNotContain(text: string): FakeConditionalFormatRuleBuilder {
    return this._when('TEXT_DOES_NOT_CONTAIN', [this._text('whenTextDoesNotContain', text)]);
  }
  whenTextEqualTo(text: string): FakeConditionalFormatRuleBuilder {
    return this._when('TEXT_EQUAL_TO', [this._text('whenTextEqualTo', text)]);
  }
  whenTextStartsWith(text: string): FakeConditionalFormatRuleBuilder {
    return this._when('TEXT_STARTS_WITH', [this._text('whenTextStartsWith', text)]);
  }
  whenTextEndsWith(text: string): FakeConditionalFormatRuleBuilder {
    return this._when('TEXT_ENDS_WITH', [this._text('whenTextEndsWith', text)]);
  }
  whenDateAfter(date: unknown): FakeConditionalFormatRuleBuilder {
    const v = this._date('whenDateAfter', date);
    return this._when((v as { relative?: string }).relative ? 'DATE_AFTER_RELATIVE' : 'DATE_AFTER', [v]);
  }
  whenDateBefore(date: unknown): FakeConditionalFormatRuleBuilder {
    const v = this._date('whenDateBefore', date);
    return this._when((v as { relative?: string }).relative ? 'DATE_BEFORE_RELATIVE' : 'DATE_BEFORE', [v]);
  }
  whenDateEqualTo(date: unknown): FakeConditionalFormatRuleBuilder {
    const v = this._date('whenDateEqualTo', date);
    return this._when((v as { relative?: string }).relative ? 'DATE_EQUAL_TO_RELATIVE' : 'DATE_EQUAL_TO', [v]);
  }
  whenFormulaSatisfied(formula: string): FakeConditionalFormatRuleBuilder {
    const f = this._text('whenFormulaSatisfied', formula);
    return this._when('CUSTOM_FORMULA', [f]);
  }
  withCriteria(criteria: EnumValue, args: unknown[]): FakeConditionalFormatRuleBuilder {
    const name = enumName(BooleanCriteria, criteria);
    if (!name || !Array.isArray(args)) throw signatureError(this._ctx, this._m('withCriteria'), [criteria, args]);
    return this._when(
      name,
      args.map((a) => (isDate(a) ? { date: RealDate.prototype.getTime.call(a) } : enumName(RelativeDate, a) ? { relative: enumName(RelativeDate, a) } : a)),
    );
  }
  private _fmt<K extends keyof CfFormat>(key: K, v: CfFormat[K] | null | undefined): FakeConditionalFormatRuleBuilder {
    if (v === null || v === undefined) delete this._state.format[key];
    else this._state.format[key] = v;
    return this;
  }
  setBackground(color: string | null): FakeConditionalFormatRuleBuilder {
    return this._fmt('background', color === null ? null : String(color));
  }
  setFontColor(color: string | null): FakeConditionalFormatRuleBuilder {
    return this._fmt('fontColor', color === null ? null : String(color));
  }
  setBold(bold: boolean | null): FakeConditionalFormatRuleBuilder {
    return this._fmt('bold', bold === null ? null : !!bold);
  }
  setItalic(italic: boolean | null): FakeConditionalFormatRuleBuilder {
    return this._fmt('italic', italic === null ? null : !!italic);
  }
  setStrikethrough(s: boolean | null): FakeConditionalFormatRuleBuilder {
    return this._fmt('strikethrough', s === null ? null : !!s);
  }
  setUnderline(u: boolean | null): FakeConditionalFormatRuleBuilder {
    return this._fmt('underline', u === null ? null : !!u);
  }
  private _grad(point: 'min' | 'mid' | 'max', color: string, type: unknown, value: unknown): FakeConditionalFormatRuleBuilder {
    const g = this._state.gradient ?? {};
    g[point] = [String(color), enumName(InterpolationType, type) ?? String(type ?? (point === 'min' ? 'MIN' : 'MAX')), String(value ?? '')];
    this._state.gradient = g;
    this._state.criteria = null;
    this._state.values = [];
    return this;
  }
  setGradientMinpoint(color: string): FakeConditionalFormatRuleBuilder {
    return this._grad('min', color, InterpolationType.MIN, '');
  }
  setGradientMaxpoint(color: string): FakeConditionalFormatRuleBuilder {
    return this._grad('max', color, InterpolationType.MAX, '');
  }
  setGradientMinpointWithValue(color: string, type: EnumValue, value: string): FakeConditionalFormatRuleBuilder {
    return this._grad('min', color, type, value);
  }
  setGradientMidpointWithValue(color: string, type: EnumValue, value: string): FakeConditionalFormatRuleBuilder {
    return this._grad('mid', color, type, value);
  }
  setGradientMaxpointWithValue(color: string, type: EnumValue, value: string): FakeConditionalFormatRuleBuilder {
    return this._grad('max', color, type, value);
  }
  setRanges(ranges: FakeRange[]): FakeConditionalFormatRuleBuilder {
    if (!Array.isArray(ranges)) throw signatureError(this._ctx, this._m('setRanges'), [ranges]);
    const refs = ranges.map((x) => {
      const r = this._ctx.unwrap(x);
      if (!(r instanceof FakeRange)) throw signatureError(this._ctx, this._m('setRanges'), [ranges]);
      return { sheet: r._sheet, r: r._r, c: r._c, nr: r._nr, nc: r._nc };
    });
    this._state.ranges = refs;
    return this;
  }
  getRanges(): FakeRange[] {
    return this._state.ranges.map((g) => g.sheet._range(g.r, g.c, g.nr, g.nc));
  }
  getBooleanCondition(): FakeBooleanCondition | null {
    return this._state.criteria ? new FakeBooleanCondition(this._ctx, cloneCfState(this._state)) : null;
  }
  getGradientCondition(): FakeGradientCondition | null {
    return this._state.gradient ? new FakeGradientCondition(this._ctx, { ...this._state.gradient }) : null;
  }
  copy(): FakeConditionalFormatRuleBuilder {
    return new FakeConditionalFormatRuleBuilder(this._ctx, cloneCfState(this._state));
  }
  build(): FakeConditionalFormatRule {
    if (!this._state.criteria && !this._state.gradient) throw this._ctx.error('A conditional format rule needs a condition (when...) or a gradient.');
    return new FakeConditionalFormatRule(this._ctx, cloneCfState(this._state));
  }
}

// ------------------------------------------------------------------ rule and conditions
export class FakeConditionalFormatRule extends Svc {
  constructor(
    ctx: Ctx,
    readonly _state: CfState,
  ) {
    super(ctx, 'spreadsheet', 'ConditionalFormatRule');
  }
  copy(): FakeConditionalFormatRuleBuilder {
    return new FakeConditionalFormatRuleBuilder(this._ctx, cloneCfState(this._state));
  }
  getBooleanCondition(): FakeBooleanCondition | null {
    return this._state.criteria ? new FakeBooleanCondition(this._ctx, cloneCfState(this._state)) : null;
  }
  getGradientCondition(): FakeGradientCondition | null {
    return this._state.gradient ? new FakeGradientCondition(this._ctx, { ...this._state.gradient }) : null;
  }
  getRanges(): FakeRange[] {
    return this._state.ranges.map((g) => g.sheet._range(g.r, g.c, g.nr, g.nc));
  }
}

export class FakeBooleanCondition extends Svc {
  constructor(
    ctx: Ctx,
    readonly _state: CfState,
  ) {
    super(ctx, 'spreadsheet', 'BooleanCondition');
  }
  getCriteriaType(): EnumValue {
    return (BooleanCriteria as Record<string, EnumValue>)[this._state.criteria!];
  }
  getCriteriaValues(): unknown[] {
    return this._state.values.map((v) => {
      if (v && typeof v === 'object' && 'date' in v) return new Date((v as { date: number }).date);
      if (v && typeof v === 'object' && 'relative' in v) return (RelativeDate as Record<string, EnumValue>)[(v as { relative: string }).relative];
      return v;
    });
  }
  getBackground(): string | null {
    return this._state.format.background ?? null;
  }
  getFontColor(): string | null {
    return this._state.format.fontColor ?? null;
  }
  getBold(): boolean | null {
    return this._state.format.bold ?? null;
  }
  getItalic(): boolean | null {
    return this._state.format.italic ?? null;
  }
  getStrikethrough(): boolean | null {
    return this._state.format.strikethrough ?? null;
  }
  getUnderline(): boolean | null {
    return this._state.format.underline ?? null;
  }
}

export class FakeGradientCondition extends Svc {
  constructor(
    ctx: Ctx,
    readonly _g: NonNullable<CfState['gradient']>,
  ) {
    super(ctx, 'spreadsheet', 'GradientCondition');
  }
  getMinColor(): string {
    return this._g.min?.[0] ?? '';
  }
  getMidColor(): string {
    return this._g.mid?.[0] ?? '';
  }
  getMaxColor(): string {
    return this._g.max?.[0] ?? '';
  }
  getMinValue(): string {
    return this._g.min?.[2] ?? '';
  }
  getMidValue(): string {
    return this._g.mid?.[2] ?? '';
  }
  getMaxValue(): string {
    return this._g.max?.[2] ?? '';
  }
}

/** Sheet.setConditionalFormatRules: the rules as stored (copies). */
export function rulesToStore(ctx: Ctx, sheet: FakeSheet, rules: unknown): CfState[] {
  if (!Array.isArray(rules)) throw signatureError(ctx, 'SpreadsheetApp.Sheet.setConditionalFormatRules', [rules]);
  return rules.map((x) => {
    const r = ctx.unwrap(x);
    if (!(r instanceof FakeConditionalFormatRule)) throw signatureError(ctx, 'SpreadsheetApp.Sheet.setConditionalFormatRules', [rules]);
    if (r._state.ranges.length === 0) throw ctx.error('A conditional format rule must have at least one range.');
    if (r._state.ranges.some((g) => g.sheet !== sheet)) throw ctx.error('A conditional format rule can only apply to ranges on the sheet it is set on.');
    return cloneCfState(r._state);
  });
}

// ------------------------------------------------------------------ evaluation
export interface EffectiveFormat {
  /** '#rrggbb'; white ('#ffffff') when nothing colours the cell */
  background: string;
  fontColor: string;
  bold: boolean;
  italic: boolean;
  strikethrough: boolean;
  underline: boolean;
  /** index (in getConditionalFormatRules() order) of the rule that formats the cell, or -1 */
  rule: number;
}

function serialDay(ms: number, tz: string): number {
  return Math.floor(instantToSerial(ms, tz));
}

function relativeBounds(name: string, today: number): [number, number] {
  switch (name) {
    case 'TODAY':
      return [today, today];
    case 'TOMORROW':
      return [today + 1, today + 1];
    case 'YESTERDAY':
      return [today - 1, today - 1];
    case 'PAST_WEEK':
      return [today - 7, today];
    case 'PAST_MONTH':
      return [today - 30, today];
    default:
      return [today - 365, today];
  }
}

/** Whether the rule's condition holds for cell (row, col) of `sheet`; null when it cannot be evaluated here. */
export function conditionHolds(sheet: FakeSheet, rule: CfState, row: number, col: number): boolean | null {
  const v = storedValue(sheet._rows[row - 1], col - 1);
  const c = rule.criteria;
  if (!c) return null;
  const vals = rule.values;
  const num = (): number | null => (typeof v === 'number' ? v : v === '' ? 0 : null);
  const text = (): string => {
    if (typeof v === 'string') return v.toLowerCase();
    return displayValue(v, sheet._rows[row - 1]?.f?.[col - 1] ?? '', sheet._ss._locale).toLowerCase();
  };
  const a = Number(vals[0]);
  const b = Number(vals[1]);
  switch (c) {
    case 'CELL_EMPTY':
      return v === '';
    case 'CELL_NOT_EMPTY':
      return v !== '';
    case 'NUMBER_LESS_THAN': {
      const n = num();
      return n !== null && n < a;
    }
    case 'NUMBER_LESS_THAN_OR_EQUAL_TO': {
      const n = num();
      return n !== null && n <= a;
    }
    case 'NUMBER_GREATER_THAN': {
      const n = num();
      return n !== null && n > a;
    }
    case 'NUMBER_GREATER_THAN_OR_EQUAL_TO': {
      const n = num();
      return n !== null && n >= a;
    }
    case 'NUMBER_EQUAL_TO': {
      const n = num();
      return n !== null && n === a;
    }
    case 'NUMBER_NOT_EQUAL_TO': {
      const n = num();
      return n !== null && n !== a;
    }
    case 'NUMBER_BETWEEN':
    case 'NUMBER_NOT_BETWEEN': {
      const n = num();
      if (n === null) return false;
      const inside = n >= Math.min(a, b) && n <= Math.max(a, b);
      return c === 'NUMBER_BETWEEN' ? inside : !inside;
    }
    case 'TEXT_CONTAINS':
      return text().includes(String(vals[0]).toLowerCase());
    case 'TEXT_DOES_NOT_CONTAIN':
      return !text().includes(String(vals[0]).toLowerCase());
    case 'TEXT_EQUAL_TO':
      return v !== '' && text() === String(vals[0]).toLowerCase();
    case 'TEXT_STARTS_WITH':
      return v !== '' && text().startsWith(String(vals[0]).toLowerCase());
    case 'TEXT_ENDS_WITH':
      return v !== '' && text().endsWith(String(vals[0]).toLowerCase());
    case 'DATE_AFTER':
    case 'DATE_BEFORE':
    case 'DATE_EQUAL_TO':
    case 'DATE_AFTER_RELATIVE':
    case 'DATE_BEFORE_RELATIVE':
    case 'DATE_EQUAL_TO_RELATIVE': {
      if (typeof v !== 'number') return false;
      const day = Math.floor(v);
      const tz = sheet._ss._tz;
      const spec = vals[0] as { date?: number; relative?: string };
      let lo: number;
      let hi: number;
      if (spec?.relative) [lo, hi] = relativeBounds(spec.relative, serialDay(sheet._ctx.clock.now(), tz));
      else if (spec?.date !== undefined) lo = hi = serialDay(spec.date, tz);
      else return null;
      if (c.startsWith('DATE_AFTER')) return day > hi;
      if (c.startsWith('DATE_BEFORE')) return day < lo;
      return day >= lo && day <= hi;
    }
    case 'CUSTOM_FORMULA': {
      const anchor = rule.ranges[0];
      const r = evalFormula(String(vals[0] ?? ''), sheet, anchor ? row - anchor.r : 0, anchor ? col - anchor.c : 0);
      return r === undefined ? null : truthy(r);
    }
    default:
      return null;
  }
}

/** What the seller sees in cell (row, col): its own style with the first matching conditional rule on top. */
export function effectiveFormat(sheetIn: FakeSheet, row: number, col: number): EffectiveFormat {
  const sheet = sheetIn._ctx.unwrap(sheetIn);
  const st = sheet._rows[row - 1]?.st?.[col - 1];
  const out: EffectiveFormat = {
    background: normColor(st?.background) ?? '#ffffff',
    fontColor: normColor(st?.fontColor) ?? '#000000',
    bold: st?.fontWeight === 'bold',
    italic: st?.fontStyle === 'italic',
    strikethrough: false,
    underline: false,
    rule: -1,
  };
  const rules = sheet._cfRules;
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i];
    if (!rule.criteria || !rule.ranges.some((g) => refContains(g, row, col))) continue;
    if (conditionHolds(sheet, rule, row, col) !== true) continue;
    const f = rule.format;
    if (f.background !== undefined) out.background = normColor(f.background) ?? out.background;
    if (f.fontColor !== undefined) out.fontColor = normColor(f.fontColor) ?? out.fontColor;
    if (f.bold !== undefined) out.bold = f.bold;
    if (f.italic !== undefined) out.italic = f.italic;
    if (f.strikethrough !== undefined) out.strikethrough = f.strikethrough;
    if (f.underline !== undefined) out.underline = f.underline;
    out.rule = i;
    break;
  }
  return out;
}

export function effectiveBackground(sheet: FakeSheet, row: number, col: number): string {
  return effectiveFormat(sheet, row, col).background;
}

const NAMED: Record<string, string> = {
  white: '#ffffff',
  black: '#000000',
  red: '#ff0000',
  green: '#008000',
  blue: '#0000ff',
  yellow: '#ffff00',
  orange: '#ffa500',
  gray: '#808080',
  grey: '#808080',
};

/** '#RGB', '#RRGGBB', 'red' -> '#rrggbb'; anything else unchanged (lowercased). */
export function normColor(c: string | null | undefined): string | undefined {
  if (c === null || c === undefined || c === '') return undefined;
  const s = c.trim().toLowerCase();
  if (/^#[0-9a-f]{6}$/.test(s)) return s;
  if (/^#[0-9a-f]{3}$/.test(s)) return '#' + s[1] + s[1] + s[2] + s[2] + s[3] + s[3];
  return NAMED[s] ?? s;
}

// ------------------------------------------------------------------ a tiny formula evaluator
type FVal = number | string | boolean;

function truthy(v: FVal): boolean {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  return false;
}

/**
 * Evaluates a custom-formula condition for the cell at (dRow, dCol) from the rule's
 * top-left cell; undefined when the formula uses anything outside the subset.
 */
export function evalFormula(formula: string, sheet: FakeSheet, dRow: number, dCol: number): FVal | undefined {
  const src = formula.trim().replace(/^=/, '');
  const toks = src.match(/\s*(\$?[A-Za-z]{1,3}\$?\d+|\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|"(?:[^"]|"")*"|<=|>=|<>|[-+*/(),<>=&]|[A-Za-z_.]+)/g);
  if (!toks || toks.join('').replace(/\s+/g, '') !== src.replace(/\s+/g, '')) return undefined;
  const t = toks.map((x) => x.trim());
  let i = 0;
  const fail = (): never => {
    throw new Error('unsupported');
  };
  const cell = (ref: string): FVal => {
    const m = /^(\$?)([A-Za-z]{1,3})(\$?)(\d+)$/.exec(ref)!;
    let col = 0;
    for (const ch of m[2].toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
    let row = Number(m[4]);
    if (!m[1]) col += dCol;
    if (!m[3]) row += dRow;
    if (row < 1 || col < 1) fail();
    return storedValue(sheet._rows[row - 1], col - 1);
  };
  const num = (v: FVal): number => (typeof v === 'number' ? v : typeof v === 'boolean' ? (v ? 1 : 0) : v === '' ? 0 : isNaN(Number(v)) ? fail() : Number(v));
  const primary = (): FVal => {
    const x = t[i++];
    if (x === undefined) return fail();
    if (x === '(') {
      const v = comparison();
      if (t[i++] !== ')') fail();
      return v;
    }
    if (x === '-') return -num(primary());
    if (x === '+') return num(primary());
    if (/^\d/.test(x)) return Number(x);
    if (x[0] === '"') return x.slice(1, -1).replace(/""/g, '"');
    if (/^\$?[A-Za-z]{1,3}\$?\d+$/.test(x) && t[i] !== '(') return cell(x);
    const name = x.toUpperCase();
    if (name === 'TRUE') return true;
    if (name === 'FALSE') return false;
    if (t[i++] !== '(') fail();
    const argToks: FVal[] = [];
    if (name === 'ISBLANK') {
      const ref = t[i++];
      if (!/^\$?[A-Za-z]{1,3}\$?\d+$/.test(ref) || t[i++] !== ')') fail();
      return cell(ref) === '';
    }
    if (t[i] !== ')') {
      for (;;) {
        argToks.push(comparison());
        if (t[i] === ',') {
          i++;
          continue;
        }
        break;
      }
    }
    if (t[i++] !== ')') fail();
    switch (name) {
      case 'AND':
        return argToks.every(truthy);
      case 'OR':
        return argToks.some(truthy);
      case 'NOT':
        return !truthy(argToks[0]);
      case 'ABS':
        return Math.abs(num(argToks[0]));
      case 'ISNUMBER':
        return typeof argToks[0] === 'number';
      case 'ISTEXT':
        return typeof argToks[0] === 'string' && argToks[0] !== '';
      case 'IF':
        return truthy(argToks[0]) ? (argToks[1] ?? true) : (argToks[2] ?? false);
      case 'MIN':
        return Math.min(...argToks.map(num));
      case 'MAX':
        return Math.max(...argToks.map(num));
      default:
        return fail();
    }
  };
  const term = (): FVal => {
    let v = primary();
    while (t[i] === '*' || t[i] === '/') {
      const op = t[i++];
      const w = primary();
      v = op === '*' ? num(v) * num(w) : num(v) / num(w);
    }
    return v;
  };
  const sum = (): FVal => {
    let v = term();
    while (t[i] === '+' || t[i] === '-' || t[i] === '&') {
      const op = t[i++];
      const w = term();
      v = op === '&' ? String(v) + String(w) : op === '+' ? num(v) + num(w) : num(v) - num(w);
    }
    return v;
  };
  const comparison = (): FVal => {
    const a = sum();
    const op = t[i];
    if (op !== '<' && op !== '>' && op !== '=' && op !== '<=' && op !== '>=' && op !== '<>') return a;
    i++;
    const b = sum();
    let x: FVal = a;
    let y: FVal = b;
    if (typeof x === 'number' && y === '') y = 0;
    if (typeof y === 'number' && x === '') x = 0;
    let d: number;
    if (typeof x === 'number' && typeof y === 'number') d = x - y;
    else if (typeof x === 'string' && typeof y === 'string') d = x.toLowerCase() < y.toLowerCase() ? -1 : x.toLowerCase() > y.toLowerCase() ? 1 : 0;
    else if (typeof x === typeof y) d = Number(x) - Number(y);
    else {
      // Sheets orders numbers < text < booleans
      const rank = (z: FVal) => (typeof z === 'number' ? 0 : typeof z === 'string' ? 1 : 2);
      d = rank(x) - rank(y);
    }
    switch (op) {
      case '<':
        return d < 0;
      case '>':
        return d > 0;
      case '=':
        return d === 0;
      case '<=':
        return d <= 0;
      case '>=':
        return d >= 0;
      default:
        return d !== 0;
    }
  };
  try {
    const v = comparison();
    if (i !== t.length) return undefined;
    return v;
  } catch {
    return undefined;
  }
}

/** A1 of a rule's ranges (for listings). */
export function ruleRangesA1(rule: CfState): string {
  return rule.ranges.map((g) => (g.nr === 1 && g.nc === 1 ? cellA1(g.r, g.c) : `${cellA1(g.r, g.c)}:${cellA1(g.r + g.nr - 1, g.c + g.nc - 1)}`)).join(',');
}
