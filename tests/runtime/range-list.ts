/**
 * SpreadsheetApp RangeList (Sheet/Spreadsheet.getRangeList): one call applies to every
 * range of the list. The subset of the real class the add-on and tests need: getRanges,
 * activate, clear, clearContent, clearFormat, clearNote, clearDataValidations, setValue,
 * setFormula, setNumberFormat and the simple style setters. (setFormula sets the same text
 * in every cell: the runtime does not shift relative references.)
 */
import { Ctx, signatureError, Svc } from './context';
import type { FakeRange } from './range';

export class FakeRangeList extends Svc {
  constructor(
    ctx: Ctx,
    readonly _ranges: FakeRange[],
  ) {
    super(ctx, 'spreadsheet', 'RangeList');
  }

  private _each(fn: (r: FakeRange) => unknown): FakeRangeList {
    for (const r of this._ranges) fn(r);
    return this;
  }

  getRanges(): FakeRange[] {
    return this._ranges.slice();
  }
  activate(): FakeRangeList {
    const last = this._ranges[this._ranges.length - 1];
    if (last) last.activate();
    return this;
  }
  clear(options?: { contentsOnly?: boolean; formatOnly?: boolean }): FakeRangeList {
    return this._each((r) => r.clear(options));
  }
  clearContent(): FakeRangeList {
    return this._each((r) => r.clearContent());
  }
  clearFormat(): FakeRangeList {
    return this._each((r) => r.clearFormat());
  }
  clearNote(): FakeRangeList {
    return this._each((r) => r.clearNote());
  }
  clearDataValidations(): FakeRangeList {
    return this;
  }
  setValue(value: unknown): FakeRangeList {
    if (Array.isArray(value)) throw signatureError(this._ctx, 'SpreadsheetApp.RangeList.setValue', [value]);
    return this._each((r) => r.setValue(value));
  }
  setFormula(formula: string): FakeRangeList {
    if (typeof formula !== 'string') throw signatureError(this._ctx, 'SpreadsheetApp.RangeList.setFormula', [formula]);
    return this._each((r) => r.setFormula(formula));
  }
  setNumberFormat(format: string): FakeRangeList {
    if (typeof format !== 'string') throw signatureError(this._ctx, 'SpreadsheetApp.RangeList.setNumberFormat', [format]);
    return this._each((r) => r.setNumberFormat(format));
  }
  setFontWeight(fontWeight: string | null): FakeRangeList {
    return this._each((r) => r.setFontWeight(fontWeight));
  }
  setFontStyle(fontStyle: string | null): FakeRangeList {
    return this._each((r) => r.setFontStyle(fontStyle));
  }
  setFontColor(color: string | null): FakeRangeList {
    return this._each((r) => r.setFontColor(color));
  }
  setFontSize(size: number): FakeRangeList {
    return this._each((r) => r.setFontSize(size));
  }
  setFontFamily(fontFamily: string | null): FakeRangeList {
    return this._each((r) => r.setFontFamily(fontFamily));
  }
  setBackground(color: string | null): FakeRangeList {
    return this._each((r) => r.setBackground(color));
  }
  setHorizontalAlignment(alignment: string | null): FakeRangeList {
    return this._each((r) => r.setHorizontalAlignment(alignment));
  }
  setVerticalAlignment(alignment: string | null): FakeRangeList {
    return this._each((r) => r.setVerticalAlignment(alignment));
  }
  setWrap(isWrapEnabled: boolean): FakeRangeList {
    return this._each((r) => r.setWrap(isWrapEnabled));
  }
  setWrapStrategy(strategy: unknown): FakeRangeList {
    return this._each((r) => r.setWrapStrategy(strategy));
  }
  setBorder(...args: unknown[]): FakeRangeList {
    return this._each((r) => r.setBorder(...args));
  }
}
