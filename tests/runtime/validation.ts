/**
 * Data validation: SpreadsheetApp.newDataValidation() -> DataValidationBuilder,
 * DataValidation, the DataValidationCriteria enum, Range.setDataValidation(s) /
 * getDataValidation(s) / clearDataValidations().
 *
 * A sheet keeps its validations as blocks (the last one set on a cell wins), moved by
 * inserted/deleted rows and columns. Values written by a script are not checked against
 * them (Apps Script writes them; Sheets marks invalid cells in the UI).
 */
import { RealDate } from './clock';
import { Ctx, signatureError, Svc } from './context';
import { enumName, EnumValue, makeEnum } from './gridref';
import { FakeRange } from './range';

export const DataValidationCriteria = makeEnum([
  'DATE_AFTER',
  'DATE_BEFORE',
  'DATE_BETWEEN',
  'DATE_EQUAL_TO',
  'DATE_IS_VALID_DATE',
  'DATE_NOT_BETWEEN',
  'DATE_ON_OR_AFTER',
  'DATE_ON_OR_BEFORE',
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
  'TEXT_IS_VALID_EMAIL',
  'TEXT_IS_VALID_URL',
  'VALUE_IN_LIST',
  'VALUE_IN_RANGE',
  'CUSTOM_FORMULA',
  'CHECKBOX',
] as const);

export interface DvState {
  criteria: string | null;
  values: unknown[];
  allowInvalid: boolean;
  helpText: string;
}

export function cloneDv(s: DvState): DvState {
  return { criteria: s.criteria, values: s.values.map((v) => (Array.isArray(v) ? v.slice() : v)), allowInvalid: s.allowInvalid, helpText: s.helpText };
}

export interface DvBlock {
  r: number;
  c: number;
  nr: number;
  nc: number;
  rule: DvState;
}

function isNum(x: unknown): x is number {
  return typeof x === 'number' && !isNaN(x);
}

export class FakeDataValidationBuilder extends Svc {
  constructor(
    ctx: Ctx,
    readonly _state: DvState,
  ) {
    super(ctx, 'spreadsheet', 'DataValidationBuilder');
  }
  private _m(method: string): string {
    return `SpreadsheetApp.DataValidationBuilder.${method}`;
  }
  private _set(criteria: string, values: unknown[]): FakeDataValidationBuilder {
    this._state.criteria = criteria;
    this._state.values = values;
    return this;
  }
  requireValueInList(values: string[], showDropdown?: boolean): FakeDataValidationBuilder {
    if (!Array.isArray(values)) throw signatureError(this._ctx, this._m('requireValueInList'), [values]);
    return this._set('VALUE_IN_LIST', [values.map(String), showDropdown !== false]);
  }
  requireValueInRange(range: FakeRange, showDropdown?: boolean): FakeDataValidationBuilder {
    const r = this._ctx.unwrap(range);
    if (!(r instanceof FakeRange)) throw signatureError(this._ctx, this._m('requireValueInRange'), [range]);
    return this._set('VALUE_IN_RANGE', [r.getA1Notation(), showDropdown !== false]);
  }
  requireCheckbox(checked?: unknown, unchecked?: unknown): FakeDataValidationBuilder {
    return this._set('CHECKBOX', checked === undefined ? [] : unchecked === undefined ? [checked] : [checked, unchecked]);
  }
  requireNumberBetween(start: number, end: number): FakeDataValidationBuilder {
    if (!isNum(start) || !isNum(end)) throw signatureError(this._ctx, this._m('requireNumberBetween'), [start, end]);
    return this._set('NUMBER_BETWEEN', [start, end]);
  }
  requireNumberGreaterThan(n: number): FakeDataValidationBuilder {
    if (!isNum(n)) throw signatureError(this._ctx, this._m('requireNumberGreaterThan'), [n]);
    return this._set('NUMBER_GREATER_THAN', [n]);
  }
  requireNumberGreaterThanOrEqualTo(n: number): FakeDataValidationBuilder {
    if (!isNum(n)) throw signatureError(this._ctx, this._m('requireNumberGreaterThanOrEqualTo'), [n]);
    return this._set('NUMBER_GREATER_THAN_OR_EQUAL_TO', [n]);
  }
  requireNumberLessThanOrEqualTo(n: number): FakeDataValidationBuilder {
    if (!isNum(n)) throw signatureError(this._ctx, this._m('requireNumberLessThanOrEqualTo'), [n]);
    return this._set('NUMBER_LESS_THAN_OR_EQUAL_TO', [n]);
  }
  requireDate(): FakeDataValidationBuilder {
    return this._set('DATE_IS_VALID_DATE', []);
  }
  requireDateOnOrAfter(date: Date): FakeDataValidationBuilder {
    if (Object.prototype.toString.call(date) !== '[object Date]') throw signatureError(this._ctx, this._m('requireDateOnOrAfter'), [date]);
    return this._set('DATE_ON_OR_AFTER', [new Date(RealDate.prototype.getTime.call(date))]);
  }
  requireFormulaSatisfied(formula: string): FakeDataValidationBuilder {
    if (typeof formula !== 'string') throw signatureError(this._ctx, this._m('requireFormulaSatisfied'), [formula]);
    return this._set('CUSTOM_FORMULA', [formula]);
  }
  requireTextEqualTo(text: string): FakeDataValidationBuilder {
    return this._set('TEXT_EQUAL_TO', [String(text)]);
  }
  withCriteria(criteria: EnumValue, args: unknown[]): FakeDataValidationBuilder {
    const name = enumName(DataValidationCriteria, criteria);
    if (!name || !Array.isArray(args)) throw signatureError(this._ctx, this._m('withCriteria'), [criteria, args]);
    return this._set(name, args.slice());
  }
  setAllowInvalid(allowInvalidData: boolean): FakeDataValidationBuilder {
    this._state.allowInvalid = !!allowInvalidData;
    return this;
  }
  setHelpText(helpText: string): FakeDataValidationBuilder {
    this._state.helpText = String(helpText ?? '');
    return this;
  }
  getCriteriaType(): EnumValue | null {
    return this._state.criteria ? (DataValidationCriteria as Record<string, EnumValue>)[this._state.criteria] : null;
  }
  getCriteriaValues(): unknown[] {
    return cloneDv(this._state).values;
  }
  getAllowInvalid(): boolean {
    return this._state.allowInvalid;
  }
  getHelpText(): string {
    return this._state.helpText;
  }
  copy(): FakeDataValidationBuilder {
    return new FakeDataValidationBuilder(this._ctx, cloneDv(this._state));
  }
  build(): FakeDataValidation {
    if (!this._state.criteria) throw this._ctx.error('A data validation rule needs a criteria (require...).');
    return new FakeDataValidation(this._ctx, cloneDv(this._state));
  }
}

export class FakeDataValidation extends Svc {
  constructor(
    ctx: Ctx,
    readonly _state: DvState,
  ) {
    super(ctx, 'spreadsheet', 'DataValidation');
  }
  getCriteriaType(): EnumValue {
    return (DataValidationCriteria as Record<string, EnumValue>)[this._state.criteria!];
  }
  getCriteriaValues(): unknown[] {
    return cloneDv(this._state).values;
  }
  getAllowInvalid(): boolean {
    return this._state.allowInvalid;
  }
  getHelpText(): string {
    return this._state.helpText;
  }
  copy(): FakeDataValidationBuilder {
    return new FakeDataValidationBuilder(this._ctx, cloneDv(this._state));
  }
}

export function newDvState(): DvState {
  return { criteria: null, values: [], allowInvalid: true, helpText: '' };
}

/** The rule (state) a validation argument stands for; null clears. */
export function dvArg(ctx: Ctx, x: unknown, method: string): DvState | null {
  if (x === null || x === undefined) return null;
  const raw = ctx.unwrap(x);
  if (!(raw instanceof FakeDataValidation)) throw signatureError(ctx, method, [x]);
  return cloneDv(raw._state);
}

/** The validation of cell (row, col): the last block set on it. */
export function dvAt(blocks: DvBlock[], row: number, col: number): DvState | null {
  for (let i = blocks.length - 1; i >= 0; i--) {
    const b = blocks[i];
    if (row >= b.r && row < b.r + b.nr && col >= b.c && col < b.c + b.nc) return b.rule.criteria ? b.rule : null;
  }
  return null;
}
